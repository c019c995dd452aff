"""Writes of the work-order app (rule 1 of the house): every change to a case goes through one
of these keyword-only functions, which name the acting user."""

from pingan.cases.services.flow import (
    case_accept,
    case_answer,
    case_close,
    case_dispatch,
    case_merge,
    case_pause,
    case_reject,
    case_reopen,
    case_resolve_on_spot,
    case_resume,
    case_return,
    case_sign,
)
from pingan.cases.services.intake import case_add_photos, case_create
from pingan.cases.services.side import (
    case_align_due,
    case_decide_extension,
    case_follow_up,
    case_remind,
    case_request_extension,
    case_supervise,
)
from pingan.cases.services.sla import sweep_deadlines

__all__ = [
    "case_accept",
    "case_add_photos",
    "case_align_due",
    "case_answer",
    "case_close",
    "case_create",
    "case_decide_extension",
    "case_dispatch",
    "case_follow_up",
    "case_merge",
    "case_pause",
    "case_reject",
    "case_remind",
    "case_reopen",
    "case_request_extension",
    "case_resolve_on_spot",
    "case_resume",
    "case_return",
    "case_sign",
    "case_supervise",
    "sweep_deadlines",
]
