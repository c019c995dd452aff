"""Normalising and checking personal identifiers before they are stored or looked up.

Phone numbers go through `phonenumbers` (mainland numbers, stored as 11 digits); resident ID
numbers through `python-stdnum` (GB 11643: format, birth date and check digit).
"""

import phonenumbers
from django.utils.translation import gettext_lazy as _
from stdnum.cn import ric
from stdnum.exceptions import InvalidChecksum, InvalidFormat
from stdnum.exceptions import ValidationError as StdnumError

from pingan.core.errors import DomainError


def normalize_phone(raw: str) -> str:
    """An 11-digit mainland mobile number, or a landline with area code, as digits only."""
    text = (raw or "").strip()
    if not text:
        raise DomainError("invalid_phone", _("请填写手机号码"))
    try:
        number = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException as exc:
        raise DomainError("invalid_phone", _("手机号码格式不正确")) from exc
    if number.country_code != 86 or not phonenumbers.is_valid_number(number):
        raise DomainError("invalid_phone", _("手机号码格式不正确"))
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return "".join(ch for ch in national if ch.isdigit())


def is_mobile(phone: str) -> bool:
    try:
        number = phonenumbers.parse(phone, "CN")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.number_type(number) in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )


def normalize_id_number(raw: str) -> str:
    """An 18-character resident ID number with a valid birth date and check digit (X upper-case).

    Not `ric.validate` alone: stdnum also checks the birth-place code against its own list of
    counties, which lacks some current codes (Tongxiang's 330483 among them) and every retired
    one, yet an ID number keeps the code of where and when it was issued. GB 11643 fixes the
    format, the birth date and the check digit, so those are what is required here.
    """
    text = ric.compact((raw or "").strip().upper())
    if not text:
        raise DomainError("invalid_id_number", _("请填写身份证号码"))
    try:
        if len(text) != 18 or not text[:17].isdigit():
            raise InvalidFormat()
        if ric.calc_check_digit(text) != text[-1]:
            raise InvalidChecksum()
        ric.get_birth_date(text)
    except StdnumError as exc:
        raise DomainError(
            "invalid_id_number", _("身份证号码不正确（请核对位数、出生日期和校验位）")
        ) from exc
    return text


NORMALIZERS = {"phone": normalize_phone, "id_number": normalize_id_number}


def normalize(kind: str, raw: str) -> str:
    normalizer = NORMALIZERS.get(kind)
    return normalizer(raw) if normalizer else (raw or "").strip()
