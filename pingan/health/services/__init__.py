"""Writes of the health app. Views and the API call exactly one of these per request."""

from pingan.health.services.appeals import appeal_decide, appeal_submit
from pingan.health.services.declare import declaration_submit
from pingan.health.services.officer import (
    ManualOutcome,
    request_approve,
    request_reject,
    request_withdraw,
    status_change_manual,
)
from pingan.health.services.register import (
    PHONE_CODE_PURPOSE,
    RegistrationInput,
    registration_submit,
)
from pingan.health.services.status import lapse_sweep, status_lapse, status_start

__all__ = [
    "PHONE_CODE_PURPOSE",
    "ManualOutcome",
    "RegistrationInput",
    "appeal_decide",
    "appeal_submit",
    "declaration_submit",
    "lapse_sweep",
    "registration_submit",
    "request_approve",
    "request_reject",
    "request_withdraw",
    "status_change_manual",
    "status_lapse",
    "status_start",
]
