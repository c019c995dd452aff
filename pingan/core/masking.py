"""How personal data looks to someone whose role does not need it in full."""


def mask_phone(phone: str | None) -> str:
    """138****5678; other lengths keep the first three and last four where possible."""
    if not phone:
        return ""
    digits = phone.strip()
    if len(digits) <= 7:
        return digits[:1] + "*" * (len(digits) - 1)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_id_number(id_number: str | None) -> str:
    """3304**********1234: the province and prefecture stay, birth date and sequence do not."""
    if not id_number:
        return ""
    value = id_number.strip()
    if len(value) <= 8:
        return value[:1] + "*" * (len(value) - 1)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_name(name: str | None) -> str:
    """张*三 for three characters, 张* for two, first and last kept for longer names."""
    if not name:
        return ""
    value = name.strip()
    if len(value) == 1:
        return value
    if len(value) == 2:
        return value[0] + "*"
    return value[0] + "*" * (len(value) - 2) + value[-1]


def mask_address(address: str | None) -> str:
    """Keep the area (the first part, up to six characters) and hide the house and room."""
    if not address:
        return ""
    value = address.strip()
    keep = min(6, max(1, len(value) // 2))
    return value[:keep] + "****"
