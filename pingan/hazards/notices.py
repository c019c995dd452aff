"""What people hear by SMS about a hazard, queued through the notify outbox inside the change's
own transaction (rule 4): the rectification order and a failed re-inspection go to the
responsible contact; the deadline sweep warns the contact and the inspector before the deadline,
and after it tells them and the town's leaders that the hazard is overdue."""

from django.utils.translation import gettext_lazy as _

from pingan.notify.services import sms_enqueue
from pingan.notify.templates import register_default

TEMPLATES = {
    "hazard_order": (
        _("隐患整改通知"),
        "【平安桐乡】{place}存在{grade}（编号{number}）：{title}。请于{due}前完成整改，"
        "整改后联系检查人员复查。",
    ),
    "hazard_reinspect_failed": (
        _("隐患复查不合格通知"),
        "【平安桐乡】{place}隐患{number}复查不合格，请继续整改，整改期限{due}。",
    ),
    "hazard_due_warning": (
        _("隐患整改临期提醒"),
        "【平安桐乡】{place}隐患{number}（{title}）整改期限为{due}，即将到期，请抓紧整改。",
    ),
    "hazard_overdue": (
        _("隐患逾期未整改通知"),
        "【平安桐乡】{place}隐患{number}（{grade}：{title}）已超过整改期限{due}仍未整改完成，"
        "已升级督办。",
    ),
}


def register_templates() -> None:
    for code, (name, body) in TEMPLATES.items():
        register_default(code, str(name), body)


def context_of(hazard) -> dict:
    return {
        "number": hazard.number,
        "title": hazard.title,
        "place": hazard.place.name if hazard.place_id else hazard.region.name,
        "grade": str(hazard.get_grade_display() or _("隐患")),
        "due": hazard.due_on.isoformat() if hazard.due_on else "",
    }


def send(hazard, template: str, phones, *, key: str) -> int:
    """Queue `template` once per distinct phone; returns how many were queued."""
    queued = 0
    for phone in dict.fromkeys(p.strip() for p in phones if p and p.strip()):
        message = sms_enqueue(
            phone=phone,
            template=template,
            context=context_of(hazard),
            related=hazard,
            idempotency_key=f"hazard-{hazard.pk}-{key}-{phone}",
        )
        queued += message is not None
    return queued
