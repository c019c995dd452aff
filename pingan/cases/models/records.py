"""What happens to a case: its timeline, photos, extension requests and follow-ups."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pingan.cases.models.case import Case, Satisfaction
from pingan.cases.workflow import EventKind, Status
from pingan.core.errors import DomainError
from pingan.core.models import AppendOnlyQuerySet


class CaseEvent(models.Model):
    """One row per transition or side event; append-only, and the timeline people see."""

    case = models.ForeignKey(
        Case, verbose_name=_("工单"), on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(_("事件"), max_length=20, choices=EventKind.choices)
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
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("部门"),
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
        verbose_name = _("工单事件")
        verbose_name_plural = _("工单事件")
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["case", "at"], name="cases_event_case_at"),
            models.Index(fields=["kind", "at"], name="cases_event_kind_at"),
        ]

    def __str__(self):
        return f"{self.case_id} {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise DomainError("append_only", _("日志只能追加，不能修改"))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise DomainError("append_only", _("日志只能追加，不能删除"))


def photo_path(instance, filename: str) -> str:
    # The stored name is ours, never the uploader's (no path tricks, no personal file names).
    return f"cases/{instance.case.number}/{instance.stored_name}"


class CasePhoto(models.Model):
    MAX_BYTES = 5 * 1024 * 1024
    MAX_PER_CASE = 6

    case = models.ForeignKey(
        Case, verbose_name=_("工单"), on_delete=models.PROTECT, related_name="photos"
    )
    # A FileField, not an ImageField: the content is checked once on upload (Pillow parses it,
    # pingan/core/uploads.py) and served by a scoped view, never from MEDIA_URL.
    file = models.FileField(_("照片"), upload_to=photo_path, max_length=200)
    stored_name = models.CharField(max_length=60, editable=False)
    content_type = models.CharField(_("类型"), max_length=20)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("上传时间"))

    class Meta:
        verbose_name = _("工单照片")
        verbose_name_plural = _("工单照片")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.stored_name


class ExtensionRequest(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("待审批")
        GRANTED = "granted", _("已同意")
        DENIED = "denied", _("不同意")
        WITHDRAWN = "withdrawn", _("已失效")  # the case was answered or returned first

    MAX_DAYS = 30

    case = models.ForeignKey(
        Case, verbose_name=_("工单"), on_delete=models.PROTECT, related_name="extension_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    days = models.PositiveSmallIntegerField(_("延期工作日"))
    reason = models.TextField(_("申请理由"))
    status = models.CharField(
        _("状态"), max_length=10, choices=State.choices, default=State.PENDING
    )
    due_at_before = models.DateTimeField(_("原办理期限"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审批人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_note = models.TextField(_("审批意见"), blank=True)
    created_at = models.DateTimeField(_("申请时间"))

    class Meta:
        verbose_name = _("延期申请")
        verbose_name_plural = _("延期申请")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status="pending"),
                name="cases_one_pending_extension",
                violation_error_message=_("该工单已有待审批的延期申请"),
            )
        ]

    def __str__(self):
        return f"{self.case_id} +{self.days}"


class FollowUp(models.Model):
    """A 回访 result: by hotline/dispatch staff on the phone, or the reporter's own rating."""

    case = models.ForeignKey(
        Case, verbose_name=_("工单"), on_delete=models.PROTECT, related_name="follow_ups"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("回访人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    by_reporter = models.BooleanField(_("反映人自评"), default=False)
    satisfaction = models.CharField(_("满意度"), max_length=12, choices=Satisfaction.choices)
    comment = models.TextField(_("意见"), blank=True)
    at = models.DateTimeField(_("时间"))

    class Meta:
        verbose_name = _("回访")
        verbose_name_plural = _("回访")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.case_id} {self.get_satisfaction_display()}"
