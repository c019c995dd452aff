"""What the parties hear by SMS, queued through the notify outbox inside the transition's own
transaction (rule 4): acceptance, each session, the agreement, the end of mediation without one
(with the other routes), and a pre-litigation case going back to the court."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.notify.services import sms_enqueue
from pingan.notify.templates import register_default

TEMPLATES = {
    "mediation_accepted": (
        _("调解受理通知"),
        "【平安桐乡】您的纠纷调解（编号{number}）已由{committee}受理，调解员将与您联系。",
    ),
    "mediation_session": (
        _("调解会通知"),
        "【平安桐乡】调解通知：{number}号纠纷定于{time}进行{mode}，地点：{place}。请准时参加。",
    ),
    "mediation_agreement": (
        _("调解协议生效通知"),
        "【平安桐乡】{number}号纠纷已达成调解协议（{agreement}），请按约定履行。"
        "双方可自协议生效之日起30日内共同向人民法院申请司法确认。",
    ),
    "mediation_terminated": (
        _("调解终止通知"),
        "【平安桐乡】{number}号纠纷调解终止，未达成协议。您可以通过以下途径解决：{routes}。"
        "如需法律帮助请拨打12348。",
    ),
    "mediation_returned": (
        _("诉前调解退回法院通知"),
        "【平安桐乡】{number}号纠纷诉前调解未成功，已退回{court}依法立案审理。",
    ),
}


def register_templates() -> None:
    for code, (name, body) in TEMPLATES.items():
        register_default(code, str(name), body)


def _phones(parties) -> list[tuple[object, str]]:
    """(party, phone) for each active party with a phone, one message per number."""
    seen: set[str] = set()
    found = []
    for party in parties:
        contact = party.contact
        phone = (getattr(contact, "phone", "") or "").strip()
        if not party.is_active or not phone or phone in seen:
            continue
        seen.add(phone)
        found.append((party, phone))
    return found


def tell_parties(dispute, template: str, context: dict, *, key: str, parties=None) -> int:
    """Queue `template` to every party (or the given ones); returns how many were queued."""
    parties = (
        parties
        if parties is not None
        else dispute.parties.filter(is_active=True).select_related("person", "representative")
    )
    queued = 0
    for party, phone in _phones(parties):
        message = sms_enqueue(
            phone=phone,
            template=template,
            context={"number": dispute.number, **context},
            related=dispute,
            idempotency_key=f"mediation-{dispute.pk}-{key}-{party.pk}",
        )
        queued += message is not None
    return queued


def local_time(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
