"""Reason codes in plain words: what a holder reads about their own colour."""

from django.utils.translation import gettext as _

from pingan.health.models import StatusRule
from pingan.health.workflow import SYSTEM_REASONS, ManualReason


def explain(reason_code: str) -> str:
    if reason_code in SYSTEM_REASONS:
        return str(SYSTEM_REASONS[reason_code])
    if reason_code in ManualReason.values:
        return str(ManualReason(reason_code).label)
    rule = StatusRule.objects.filter(reason_code=reason_code).only("explanation").first()
    if rule is not None:
        return rule.explanation
    return _("其他原因，请咨询 12345")
