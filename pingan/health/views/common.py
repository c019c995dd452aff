"""Helpers shared by the health pages."""

from pingan.core.errors import DomainError

# The form field a service error belongs to, so the message appears beside it.
ERROR_FIELDS = {
    "invalid_id_number": "id_number",
    "name_mismatch": "name",
    "name_required": "name",
    "invalid_phone": "phone",
    "not_mobile": "phone",
    "code_invalid": "code",
    "code_expired": "code",
    "code_attempts": "code",
    "code_sent_recently": "code",
    "too_many_codes": "code",
    "residence_required": "residence",
    "bad_residence": "residence",
    "room_required": "room",
    "bad_room": "room",
    "bad_employer": "employer",
    "weak_password": "password",
    "invalid_temperature": "temperature",
    "invalid_symptom": "symptoms",
    "invalid_area": "travelled",
    "text_required": "text",
    "text_too_long": "text",
    "reason_required": "reason_code",
    "unknown_reason": "reason_code",
    "note_required": "note",
    "note_too_long": "note",
    "answer_required": "answer",
}


def show_error(form, exc: DomainError) -> int:
    """Attach the service's message to the form; returns the HTTP status for the page."""
    field = ERROR_FIELDS.get(exc.code)
    form.add_error(field if field in form.fields else None, str(exc.message))
    return exc.status if 400 <= exc.status < 500 else 422
