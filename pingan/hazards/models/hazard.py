"""A hazard (隐患): where it was found, how grave it is, who must rectify it by when, and its
timeline. Kept plain for the statistics of issue 8: region, found_at, due_at, closed_at and grade
are columns, so hazards found, rectified and overdue per region and month are one aggregate."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError
from pingan.core.fields import BlindIndexField, EncryptedTextField
from pingan.core.masking import mask_name, mask_phone
from pingan.core.models import AppendOnlyQuerySet
from pingan.hazards.workflow import ON_THE_CLOCK, OPEN, EventKind, Grade, Status


class Source(models.TextChoices):
    INSPECTION = "inspection", _("场所检查")
    PATROL = "patrol", _("巡查发现")
    CASE = "case", _("群众/网格员上报工单")


class Hazard(models.Model):
    number = models.CharField(_("隐患编号"), max_length=20, unique=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.FOUND
    )
    # Empty until an inspector grades it (a reported hazard arrives ungraded).
    grade = models.CharField(_("隐患等级"), max_length=10, choices=Grade.choices, blank=True)
    source = models.CharField(_("来源"), max_length=12, choices=Source.choices)
    place = models.ForeignKey(
        "places.Place",
        verbose_name=_("场所"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hazards",
    )
    region = models.ForeignKey(
        "org.Region", verbose_name=_("所属区域"), on_delete=models.PROTECT, related_name="+"
    )
    inspection = models.ForeignKey(
        "hazards.Inspection",
        verbose_name=_("检查"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hazards",
    )
    checklist_result = models.ForeignKey(
        "hazards.InspectionResult",
        verbose_name=_("对应检查项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hazards",
    )
    case = models.OneToOneField(
        "cases.Case",
        verbose_name=_("来源工单"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hazard",
    )
    title = models.CharField(_("隐患名称"), max_length=100)
    description = models.TextField(_("隐患描述"))
    location = models.CharField(_("具体位置"), max_length=200, blank=True)

    found_at = models.DateTimeField(_("发现时间"), db_index=True)
    found_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发现人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The inspector answerable for the rectification (who ordered it); warned with the place.
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("责任检查员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    requirements = models.TextField(_("整改要求"), blank=True)
    # A 重大 hazard's rectification plan: measures, money, people, time (五落实).
    plan = models.TextField(_("整改方案"), blank=True)
    responsible_name = EncryptedTextField(_("整改责任人"), kind="name", blank=True)
    responsible_phone = EncryptedTextField(_("责任人电话"), kind="phone", blank=True)
    responsible_phone_index = BlindIndexField(source="responsible_phone", kind="phone")
    ordered_at = models.DateTimeField(_("下达整改时间"), null=True, blank=True)
    due_at = models.DateTimeField(_("整改期限"), null=True, blank=True, db_index=True)
    review_requested_at = models.DateTimeField(_("申请复查时间"), null=True, blank=True)
    reinspected_at = models.DateTimeField(_("复查时间"), null=True, blank=True)
    reinspections = models.PositiveSmallIntegerField(_("复查次数"), default=0)
    fixed_on_spot = models.BooleanField(_("立行立改"), default=False)
    closed_at = models.DateTimeField(_("销号时间"), null=True, blank=True, db_index=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("销号人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    supervised_at = models.DateTimeField(_("挂牌督办时间"), null=True, blank=True)
    supervised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("督办领导"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    supervision_note = models.TextField(_("督办要求"), blank=True)
    # Set by the deadline sweep; cleared when a failed re-inspection sets a new deadline.
    warned_at = models.DateTimeField(_("临期提醒时间"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("逾期升级时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("隐患")
        verbose_name_plural = _("隐患")
        ordering = ["-found_at", "-id"]
        indexes = [
            models.Index(fields=["region", "found_at"], name="hazards_region_found"),
            models.Index(fields=["status", "due_at"], name="hazards_status_due"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def due_on(self):
        """The last local day of the rectification period (the deadline is 24:00 of it)."""
        if self.due_at is None:
            return None
        return timezone.localtime(self.due_at - timedelta(microseconds=1)).date()

    def is_overdue(self, now) -> bool:
        return self.status in ON_THE_CLOCK and self.due_at is not None and now > self.due_at

    @property
    def masked_responsible_name(self) -> str:
        return mask_name(self.responsible_name)

    @property
    def masked_responsible_phone(self) -> str:
        return mask_phone(self.responsible_phone)


def photo_path(instance, filename: str) -> str:
    # The stored name is ours, never the uploader's (no path tricks, no personal file names).
    return f"hazards/{instance.hazard.number}/{instance.stored_name}"


class PhotoStage(models.TextChoices):
    FOUND = "found", _("隐患照片")
    RECTIFIED = "rectified", _("整改照片")
    REINSPECTED = "reinspected", _("复查照片")


class HazardPhoto(models.Model):
    MAX_BYTES = 5 * 1024 * 1024
    MAX_PER_HAZARD = 12

    hazard = models.ForeignKey(
        Hazard, verbose_name=_("隐患"), on_delete=models.PROTECT, related_name="photos"
    )
    stage = models.CharField(_("阶段"), max_length=12, choices=PhotoStage.choices)
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
        verbose_name = _("隐患照片")
        verbose_name_plural = _("隐患照片")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.stored_name


class HazardEvent(models.Model):
    """One row per transition or side event; append-only, and the timeline people see."""

    hazard = models.ForeignKey(
        Hazard, verbose_name=_("隐患"), on_delete=models.PROTECT, related_name="events"
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
    note = models.TextField(_("说明"), blank=True)
    data = models.JSONField(_("附加信息"), default=dict, blank=True)
    at = models.DateTimeField(_("时间"))

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("隐患事件")
        verbose_name_plural = _("隐患事件")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["hazard", "at"], name="hazards_event_hazard_at")]

    def __str__(self):
        return f"{self.hazard_id} {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise DomainError("append_only", _("日志只能追加，不能修改"))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise DomainError("append_only", _("日志只能追加，不能删除"))
