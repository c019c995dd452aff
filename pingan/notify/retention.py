"""Retention of sent SMS: the body (query codes, case details, a person's colour) and the number.

A message that is finished (sent, failed for good, or cancelled) keeps its template, status,
times and the number's blind index after PINGAN_SMS_BODY_RETENTION_DAYS (90 by default), so
"was this number sent the case-received SMS on that day?" can still be answered from a number a
person gives; the text and the number themselves are blanked. Batch figures do not change.
"""

from django.db.models import Q
from django.db.models.functions import Coalesce, Length
from django.utils.translation import gettext_lazy as _

from pingan.core.retention import ANONYMISE, Policy, first_pks, register
from pingan.notify.models import OutboxMessage

FINISHED = (OutboxMessage.SENT, OutboxMessage.FAILED, OutboxMessage.CANCELLED)


def _due(cutoff):
    return (
        OutboxMessage.objects.filter(status__in=FINISHED)
        .annotate(_done_at=Coalesce("sent_at", "created_at"), _body_len=Length("body"))
        .filter(_done_at__lt=cutoff)
        .filter(Q(_body_len__gt=0))
    )


def _apply(cutoff, limit):
    pks = first_pks(_due(cutoff), limit)
    if not pks:
        return 0
    # Status guarded again in the UPDATE: a failed message retried by hand since the SELECT
    # keeps its text.
    return OutboxMessage.objects.filter(pk__in=pks, status__in=FINISHED).update(body="", phone="")


SMS_BODIES = register(
    Policy(
        name="notify.sms_bodies",
        label=_("已发短信的内容和号码"),
        setting="PINGAN_SMS_BODY_RETENTION_DAYS",
        default_days=90,
        action=ANONYMISE,
        keeps=_("发送记录、模板、状态、时间和号码索引保留，群发统计不变；短信内容和号码清空"),
        counted_from=_("发送时间"),
        due=_due,
        apply=_apply,
        order=70,
    )
)
