"""Checkpoints (卡口) where guards scan codes, invitations of visitors to compounds, and the
append-only scan log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError
from pingan.core.models import AppendOnlyQuerySet


class CheckpointKind(models.TextChoices):
    FACTORY_GATE = "factory_gate", _("企业门岗")  # admits the enterprise's employees
    COMPOUND_GATE = "compound_gate", _("小区门岗")  # admits residents and invited visitors
    CITY_ENTRY = "city_entry", _("入城卡口")  # admits anyone with a valid 桐行码


class Checkpoint(models.Model):
    kind = models.CharField(_("类型"), max_length=20, choices=CheckpointKind.choices)
    name = models.CharField(_("名称"), max_length=100)
    place = models.ForeignKey(
        "places.Place",
        verbose_name=_("所属场所"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="checkpoints",
    )
    region = models.ForeignKey(
        "org.Region", verbose_name=_("所属区域"), on_delete=models.PROTECT, related_name="+"
    )
    guards = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="CheckpointGuard",
        verbose_name=_("值守人员"),
        related_name="guarded_checkpoints",
        blank=True,
    )
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("卡口")
        verbose_name_plural = _("卡口")
        ordering = ["region__code", "name"]

    def __str__(self):
        return self.name

    @property
    def accepted_type(self) -> str:
        return "travel" if self.kind == CheckpointKind.CITY_ENTRY else "health"


class CheckpointGuard(models.Model):
    checkpoint = models.ForeignKey(Checkpoint, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(_("加入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("卡口值守")
        verbose_name_plural = _("卡口值守")
        constraints = [
            models.UniqueConstraint(fields=["checkpoint", "user"], name="passes_guard_unique")
        ]

    def __str__(self):
        return f"{self.user} @ {self.checkpoint}"


class Invitation(models.Model):
    """A resident invites a visitor into their compound for one day."""

    host = models.ForeignKey(
        "people.Person", verbose_name=_("邀请人"), on_delete=models.CASCADE, related_name="+"
    )
    visitor = models.ForeignKey(
        "people.Person", verbose_name=_("访客"), on_delete=models.CASCADE, related_name="+"
    )
    place = models.ForeignKey(
        "places.Place", verbose_name=_("小区"), on_delete=models.PROTECT, related_name="+"
    )
    visitor_rid = models.CharField(_("访客假名"), max_length=32, editable=False)
    day = models.DateField(_("来访日期"))
    created_at = models.DateTimeField(_("邀请时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("访客邀请")
        verbose_name_plural = _("访客邀请")
        ordering = ["-day", "-id"]
        indexes = [models.Index(fields=["visitor_rid", "place", "day"])]

    def __str__(self):
        return f"{self.visitor} → {self.place} {self.day}"


class ScanResult(models.TextChoices):
    PASS = "pass", _("通行")
    DENY = "deny", _("拒绝")


class ScanLog(models.Model):
    """One scan at a checkpoint. Holds no name, ID number or phone: only a hash of the
    pseudonymous holder id, so a holder can find their own scans and nobody else can."""

    checkpoint = models.ForeignKey(
        Checkpoint, verbose_name=_("卡口"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("时间"), db_index=True)
    rid_hash = models.CharField(_("持码人摘要"), max_length=32, blank=True, db_index=True)
    code_type = models.CharField(_("码类型"), max_length=10, blank=True)
    # The code's colour claim once its signature verified ("" when it could not be read): the
    # analytics app counts scans by colour.
    colour = models.CharField(_("码色"), max_length=6, blank=True)
    result = models.CharField(_("结果"), max_length=4, choices=ScanResult.choices)
    reason = models.CharField(_("原因"), max_length=20, blank=True)
    guard = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("值守人员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("扫码记录")
        verbose_name_plural = _("扫码记录")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["checkpoint", "at"])]

    def __str__(self):
        return f"{self.checkpoint} {self.at:%Y-%m-%d %H:%M} {self.result}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise DomainError("append_only", _("日志只能追加，不能修改"))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise DomainError("append_only", _("日志只能追加，不能删除"))
