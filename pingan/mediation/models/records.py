"""What happens to a dispute: its timeline and its mediation sessions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError
from pingan.core.models import AppendOnlyQuerySet
from pingan.mediation.models.dispute import Dispute, DisputeParty
from pingan.mediation.workflow import EventKind, Status


class DisputeEvent(models.Model):
    """One row per transition or side event; append-only, and the timeline people see.
    Escalations keep the whole history here: the dispute stays one record."""

    dispute = models.ForeignKey(
        Dispute, verbose_name=_("调解案件"), on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(_("事件"), max_length=24, choices=EventKind.choices)
    from_status = models.CharField(_("原状态"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=20, choices=Status.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("说明"), blank=True)
    data = models.JSONField(_("附加信息"), default=dict, blank=True)
    at = models.DateTimeField(_("时间"))

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("调解案件事件")
        verbose_name_plural = _("调解案件事件")
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["dispute", "at"], name="mediation_event_dispute_at"),
            models.Index(fields=["kind", "at"], name="mediation_event_kind_at"),
        ]

    def __str__(self):
        return f"{self.dispute_id} {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise DomainError("append_only", _("日志只能追加，不能修改"))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise DomainError("append_only", _("日志只能追加，不能删除"))


class SessionMode(models.TextChoices):
    ON_SITE = "on_site", _("现场调解")
    COURT_5G = "court_5g", _("5G 智慧法庭远程视频")
    ONLINE = "online", _("在线视频调解")


REMOTE_MODES = frozenset({SessionMode.COURT_5G, SessionMode.ONLINE})


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("已安排")
    HELD = "held", _("已调解")


class MediationSession(models.Model):
    dispute = models.ForeignKey(
        Dispute, verbose_name=_("调解案件"), on_delete=models.PROTECT, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("调解时间"))
    mode = models.CharField(_("调解方式"), max_length=10, choices=SessionMode.choices)
    # A room for an on-site session; the video room or platform for a remote one.
    place = models.CharField(_("地点或视频会议室"), max_length=120)
    participants = models.ManyToManyField(
        DisputeParty, verbose_name=_("参加的当事人"), blank=True, related_name="sessions"
    )
    other_participants = models.CharField(
        _("其他参加人员"), max_length=200, blank=True, help_text=_("如：劳动监察员、律师、村干部")
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    record = models.TextField(_("调解笔录"), blank=True)
    held_at = models.DateTimeField(_("记录时间"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    notified = models.PositiveSmallIntegerField(_("短信通知人数"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("安排人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("安排时间"))

    class Meta:
        verbose_name = _("调解会")
        verbose_name_plural = _("调解会")
        ordering = ["starts_at", "id"]

    def __str__(self):
        return f"{self.dispute_id} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def is_remote(self) -> bool:
        return self.mode in REMOTE_MODES
