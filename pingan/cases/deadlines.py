"""Deadlines of a case from its category's policy. Every due time comes from
pingan.core.workcalendar.deadline (rule 7); this module only picks the amount and the unit."""

from datetime import datetime, timedelta

from pingan.core import workcalendar

# The yellow light comes on when this share of the time limit is used (DESIGN.md).
WARN_SHARE = 0.8


def sign_due(case, start: datetime) -> datetime:
    amount, unit = case.category.sign_policy(urgent=case.urgent)
    return workcalendar.deadline(start, amount, unit)


def answer_due(case, start: datetime) -> datetime:
    amount, unit = case.category.answer_policy(case.kind, urgent=case.urgent)
    return workcalendar.deadline(start, amount, unit)


def warn_point(start: datetime, due: datetime, paused_seconds: int = 0) -> datetime:
    """The instant at which WARN_SHARE of the limit is used.

    `due` already includes the pauses (resuming moves it on), so the limit proper is
    due - start - paused; it is the same rule as workcalendar.fraction_used, solved for the
    instant, so that queues can compare it with now in SQL.
    """
    paused = timedelta(seconds=paused_seconds)
    return start + paused + (due - start - paused) * WARN_SHARE


def refresh_answer_warning(case) -> None:
    if case.due_at is None or case.clock_started_at is None:
        case.due_warn_at = None
        return
    case.due_warn_at = warn_point(case.clock_started_at, case.due_at, case.paused_seconds)


ANSWER_CLOCK_FIELDS = (
    "clock_started_at",
    "due_at",
    "due_warn_at",
    "paused_seconds",
    "sla_notified",
    "extension_days_granted",
)
SIGN_CLOCK_FIELDS = ("sign_due_at", "sign_warn_at", "sign_sla_notified")


def start_answer_clock(case, now: datetime) -> None:
    """Start the answer clock at acceptance, or restart it afresh at reopening: the redo gets
    the category's full limit again, with no pauses or extensions carried over."""
    case.clock_started_at = now
    case.paused_seconds = 0
    case.extension_days_granted = 0
    case.sla_notified = ""
    case.due_at = answer_due(case, now)
    refresh_answer_warning(case)


def start_sign_clock(case, now: datetime) -> None:
    """Each dispatch gives the department the category's time to sign for the case."""
    case.sign_due_at = sign_due(case, now)
    case.sign_warn_at = warn_point(now, case.sign_due_at)
    case.sign_sla_notified = ""
