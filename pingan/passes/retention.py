"""Retention of the passes app's personal data:
- the checkpoint scan logs (DESIGN.md: purged after 21 days by default). Monthly scan counts
  live on in analytics (counted ahead of the purge);
- visitor invitations (访客邀请: who invited whom into which compound on which day), deleted
  once their day is longer ago than PINGAN_INVITATION_RETENTION_DAYS (30 by default). An
  invitation admits its visitor on its day only; once deleted it no longer holds the host's
  and the visitor's people.Person records either.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.core.retention import DELETE, Policy, delete_batch, purge_append_only, register
from pingan.passes.models import Invitation, ScanLog


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


def _invitations_due(cutoff):
    # An invitation is for one day: one whose whole day lies before the cutoff.
    return Invitation.objects.filter(day__lt=timezone.localtime(cutoff).date())


def _invitations_apply(cutoff, limit):
    return delete_batch(_invitations_due(cutoff), limit)


INVITATIONS = register(
    Policy(
        name="passes.invitations",
        label=_("访客邀请"),
        setting="PINGAN_INVITATION_RETENTION_DAYS",
        default_days=30,
        action=DELETE,
        keeps=_("卡口扫码记录和统计不受影响（扫码记录不含邀请）"),
        counted_from=_("来访日期"),
        due=_invitations_due,
        apply=_invitations_apply,
        order=15,
    )
)
