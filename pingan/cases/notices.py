"""What the reporter hears by SMS, queued through the notify outbox inside the transition's own
transaction (rule 4): received, answered, rejected, and asked for more information."""

from django.utils.translation import gettext_lazy as _

from pingan.notify.services import sms_enqueue
from pingan.notify.templates import register_default

# Where a citizen follows a case with its number and query code (the citizen pages).
TRACK_PATH = "/track/"

TEMPLATES = {
    "case_received": (
        _("工单登记通知"),
        "【平安桐乡】您反映的问题已登记，工单号{number}，查询码{query_code}，"
        "可凭工单号和查询码在{track_url}查询进度。",
    ),
    "case_answered": (
        _("工单答复通知"),
        "【平安桐乡】您反映的问题（工单号{number}）已有答复，请凭查询码在{track_url}查看并评价。",
    ),
    "case_rejected": (
        _("工单不予受理通知"),
        "【平安桐乡】您反映的问题（工单号{number}）不予受理：{reason}。如有疑问请拨打12345。",
    ),
    "case_returned_to_reporter": (
        _("工单需补充情况通知"),
        "【平安桐乡】您反映的问题（工单号{number}）需要您补充情况：{reason}。工作人员将与您联系。",
    ),
}

# An SMS stays short: long reasons are cut (the full text is on the tracking page).
REASON_CHARS = 40


def register_templates() -> None:
    for code, (name, body) in TEMPLATES.items():
        register_default(code, str(name), body)


def _short(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= REASON_CHARS else text[: REASON_CHARS - 1] + "…"


def received(case, query_code: str) -> None:
    sms_enqueue(
        phone=case.reporter_phone,
        template="case_received",
        context={"number": case.number, "query_code": query_code, "track_url": TRACK_PATH},
        related=case,
        idempotency_key=f"case-{case.pk}-received",
    )


def answered(case, reports, event) -> int:
    """Tell the reporter of `case` and of each merged report; one SMS per phone number.
    Returns how many were queued."""
    seen: set[str] = set()
    queued = 0
    for report in [case, *reports]:
        phone = (report.reporter_phone or "").strip()
        if not phone or phone in seen:
            continue
        seen.add(phone)
        message = sms_enqueue(
            phone=phone,
            template="case_answered",
            context={"number": report.number, "track_url": TRACK_PATH},
            related=report,
            idempotency_key=f"case-{report.pk}-answered-{event.pk}",
        )
        queued += message is not None
    return queued


def rejected(case, reason: str, event) -> None:
    sms_enqueue(
        phone=case.reporter_phone,
        template="case_rejected",
        context={"number": case.number, "reason": _short(reason)},
        related=case,
        idempotency_key=f"case-{case.pk}-rejected-{event.pk}",
    )


def returned_to_reporter(case, reason: str, event) -> None:
    sms_enqueue(
        phone=case.reporter_phone,
        template="case_returned_to_reporter",
        context={"number": case.number, "reason": _short(reason)},
        related=case,
        idempotency_key=f"case-{case.pk}-paused-{event.pk}",
    )
