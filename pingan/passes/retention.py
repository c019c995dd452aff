"""Retention of the passes app's personal data: the checkpoint scan logs (DESIGN.md: purged
after 21 days by default). Monthly scan counts live on in analytics (counted ahead of the purge)."""

from django.utils.translation import gettext_lazy as _

from pingan.core.retention import DELETE, Policy, purge_append_only, register
from pingan.passes.models import ScanLog


def _due(cutoff):
    return ScanLog.objects.filter(at__lt=cutoff)


def _apply(cutoff, limit):
    # The scan log's own trigger flag (passes migration 0002), not the general one.
    return purge_append_only("passes_scanlog", "at", cutoff, limit, flag="pingan.scan_purge")


SCAN_LOGS = register(
    Policy(
        name="passes.scan_logs",
        label=_("卡口扫码记录"),
        setting="PINGAN_SCAN_RETENTION_DAYS",
        default_days=21,
        action=DELETE,
        keeps=_("统计分析中的按月扫码数量不受影响"),
        counted_from=_("扫码时间"),
        due=_due,
        apply=_apply,
        order=10,
    )
)
