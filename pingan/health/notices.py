"""What holders hear by SMS, queued through the notify outbox in the transaction of the change:
their colour changed (with the plain reason), their appeal was decided. The passes app does not
SMS about colours, so a holder gets one message per change."""

from django.utils.translation import gettext_lazy as _

from pingan.notify.services import sms_enqueue
from pingan.notify.templates import register_default

TEMPLATES = {
    "health_colour_changed": (
        _("健康码变色通知"),
        "【平安桐乡】您的桐健码已转为{colour}，原因：{reason}。如有异议可在“我的健康码”页面申诉。",
    ),
    "health_appeal_decided": (
        _("健康码申诉结果通知"),
        "【平安桐乡】您的健康码申诉已处理：{result}。处理意见请在“我的健康码”页面查看。",
    ),
}


def register_templates() -> None:
    for code, (name, body) in TEMPLATES.items():
        register_default(code, str(name), body)


def colour_changed(change, colour_label, reason) -> None:
    sms_enqueue(
        phone=change.person.phone,
        template="health_colour_changed",
        context={"colour": str(colour_label), "reason": str(reason)},
        related=change,
        idempotency_key=f"health-change-{change.pk}",
    )


def appeal_decided(appeal, result_label) -> None:
    sms_enqueue(
        phone=appeal.person.phone,
        template="health_appeal_decided",
        context={"result": str(result_label)},
        related=appeal,
        idempotency_key=f"health-appeal-{appeal.pk}-decided",
    )
