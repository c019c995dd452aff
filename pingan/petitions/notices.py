"""What petitioners hear by SMS, queued through the notify outbox inside the transition's own
transaction (rule 4): acceptance, an extension with its reason, the written reply, and the
decisions on review and re-review. Every registered petitioner with a phone is told."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.notify.services import sms_enqueue
from pingan.notify.templates import register_default

TEMPLATES = {
    "petition_accepted": (
        _("信访事项受理告知"),
        "【平安桐乡】您的信访事项（编号{number}）已由{unit}受理，将于{due}前办理并书面答复。",
    ),
    "petition_extended": (
        _("信访事项延期告知"),
        "【平安桐乡】您的信访事项（编号{number}）办理期限延长{days}日至{due}，理由：{reason}",
    ),
    "petition_replied": (
        _("信访事项答复告知"),
        "【平安桐乡】您的信访事项（编号{number}）已作出书面答复（{reply_number}），"
        "请到受理窗口领取。如不服，可于{due}前申请复查。",
    ),
    "petition_reviewed": (
        _("信访事项复查意见告知"),
        "【平安桐乡】您的信访事项（编号{number}）复查意见已作出，如不服，可于{due}前申请复核。",
    ),
    "petition_rechecked": (
        _("信访事项复核意见告知"),
        "【平安桐乡】您的信访事项（编号{number}）复核意见已作出，该事项信访程序终结。",
    ),
}

# The reason of an extension must reach the petitioner (信访工作条例); SMS keeps it short and
# the full text is in the reply letter and at the window.
REASON_CHARS = 60


def register_templates() -> None:
    for code, (name, body) in TEMPLATES.items():
        register_default(code, str(name), body)


def _short(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= REASON_CHARS else text[: REASON_CHARS - 1] + "…"


def shown_due(moment) -> str:
    """A 24:00 deadline as people say it: the last day, not 00:00 of the next."""
    return (timezone.localtime(moment) - timedelta(seconds=1)).strftime("%Y年%m月%d日")


def tell_petitioners(petition, template: str, context: dict, event) -> int:
    """One SMS per distinct phone among the petitioners; returns how many were queued."""
    seen: set[str] = set()
    queued = 0
    for row in petition.petitioner_rows.select_related("person"):
        phone = (row.person.phone or "").strip()
        if not phone or phone in seen:
            continue
        seen.add(phone)
        message = sms_enqueue(
            phone=phone,
            template=template,
            context={"number": petition.number, **context},
            related=petition,
            idempotency_key=f"petition-{petition.pk}-{event.pk}-{row.person_id}",
        )
        queued += message is not None
    return queued


def accepted(petition, event) -> int:
    return tell_petitioners(
        petition,
        "petition_accepted",
        {"unit": petition.unit.name, "due": shown_due(petition.handle_due)},
        event,
    )


def extended(petition, event) -> int:
    return tell_petitioners(
        petition,
        "petition_extended",
        {
            "days": petition.extension_days,
            "due": shown_due(petition.handle_due),
            "reason": _short(petition.extension_reason),
        },
        event,
    )


def replied(petition, event) -> int:
    return tell_petitioners(
        petition,
        "petition_replied",
        {"reply_number": petition.reply_number, "due": shown_due(petition.review_ask_due)},
        event,
    )


def reviewed(petition, event) -> int:
    return tell_petitioners(
        petition, "petition_reviewed", {"due": shown_due(petition.recheck_ask_due)}, event
    )


def rechecked(petition, event) -> int:
    return tell_petitioners(petition, "petition_rechecked", {}, event)
