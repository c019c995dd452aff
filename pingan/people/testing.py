"""Helpers for tests of features that confirm a phone by SMS code."""

import re

from pingan.core.fields import blind_index_for
from pingan.notify.models import OutboxMessage
from pingan.people.phone_codes import TEMPLATE


def last_phone_code(phone: str) -> str:
    """The code in the newest verification SMS queued for `phone`, as the resident reads it."""
    message = (
        OutboxMessage.objects.filter(
            template_code=TEMPLATE, phone_index=blind_index_for("phone", phone)
        )
        .order_by("-id")
        .first()
    )
    if message is None:
        raise AssertionError(f"no verification code was sent to {phone}")
    return re.search(r"\d{6}", message.body).group(0)
