"""What visitors hear by SMS, queued through the notify outbox in the same transaction as the
change that causes it (rule 4): their number is called; the answer to their matter is ready."""

from django.utils.translation import gettext_lazy as _

from pingan.notify.services import sms_enqueue
from pingan.notify.templates import register_default

TEMPLATES = {
    "hall_ticket_called": (
        _("窗口叫号通知"),
        "【平安桐乡】请{number}号到{window}办理（{centre}）。",
    ),
    "hall_answer_ready": (
        _("窗口答复领取通知"),
        "【平安桐乡】您在{centre}反映的事项（工单号{number}）已有答复，"
        "请携带身份证件到窗口领取，或致电{phone}约定送达。",
    ),
}


def register_templates() -> None:
    for code, (name, body) in TEMPLATES.items():
        register_default(code, str(name), body)


def ticket_called(ticket, window, event) -> None:
    sms_enqueue(
        phone=ticket.phone,
        template="hall_ticket_called",
        context={"number": ticket.number, "window": window.name, "centre": window.centre.name},
        related=ticket,
        idempotency_key=f"hall-ticket-{ticket.pk}-called-{event.pk}",
    )


def answer_ready(matter, event) -> None:
    centre = matter.centre
    sms_enqueue(
        phone=matter.person.phone,
        template="hall_answer_ready",
        context={
            "centre": centre.name,
            "number": matter.case.number,
            "phone": centre.phone or "12345",
        },
        related=matter,
        idempotency_key=f"hall-matter-{matter.pk}-answer-ready-{event.pk}",
    )
