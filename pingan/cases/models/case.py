"""The work order (工单) itself. Its status changes only through pingan.cases.services."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pingan.cases.models.category import Category, Channel, Kind
from pingan.cases.workflow import OPEN, Status
from pingan.core.fields import BlindIndexField, EncryptedTextField
from pingan.core.masking import mask_name, mask_phone


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASIC = "basic", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


class SupervisionLevel(models.TextChoices):
    NONE = "none", _("无")
    YELLOW = "yellow", _("黄牌督办")
    RED = "red", _("红牌督办")


class SlaLevel(models.TextChoices):
    """The highest deadline light already announced by the sweep for the current deadline."""

    NONE = "", _("未提醒")
    YELLOW = "yellow", _("已黄灯提醒")
    RED = "red", _("已红灯提醒")


class Case(models.Model):
    number = models.CharField(_("工单号"), max_length=20, unique=True)
    channel = models.CharField(_("来源渠道"), max_length=10, choices=Channel.choices)
    kind = models.CharField(_("诉求类型"), max_length=12, choices=Kind.choices)
    category = models.ForeignKey(
        Category, verbose_name=_("事项分类"), on_delete=models.PROTECT, related_name="cases"
    )
    region = models.ForeignKey(
        "org.Region", verbose_name=_("发生地"), on_delete=models.PROTECT, related_name="+"
    )
    # Where the matter is (a street, a building site): a place, not a person's home address.
    address = models.CharField(_("详细地点"), max_length=200, blank=True)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(
        _("经度"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    title = models.CharField(_("标题"), max_length=100)
    description = models.TextField(_("问题描述"))
    urgent = models.BooleanField(_("紧急"), default=False)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.NEW)

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("反映人账号"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reported_cases",
    )
    reporter_name = EncryptedTextField(_("反映人姓名"), kind="name", blank=True)
    reporter_phone = EncryptedTextField(_("反映人电话"), kind="phone", blank=True)
    # Indexed (by the field itself): the hotline looks up a caller's earlier cases by it.
    reporter_phone_index = BlindIndexField(source="reporter_phone", kind="phone")
    anonymous = models.BooleanField(
        _("匿名"), default=False, help_text=_("承办部门看不到反映人的姓名和电话")
    )
    # Keyed hash of the 6-digit code sent by SMS; the code itself is never stored.
    query_code_hash = models.CharField(max_length=64, editable=False)

    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("承办部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handled_cases",
    )

    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    dispatched_at = models.DateTimeField(_("派单时间"), null=True, blank=True)
    signed_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    # The answer clock: it starts at acceptance (again at reopening) and stands still while
    # paused; resuming moves due_at on by the pause, and paused_seconds adds it up.
    clock_started_at = models.DateTimeField(_("计时起点"), null=True, blank=True)
    sign_due_at = models.DateTimeField(_("签收期限"), null=True, blank=True)
    due_at = models.DateTimeField(_("办理期限"), null=True, blank=True)
    # When 80% of each limit is used (the yellow light); kept so queues can filter in SQL.
    sign_warn_at = models.DateTimeField(_("签收黄灯时间"), null=True, blank=True)
    due_warn_at = models.DateTimeField(_("办理黄灯时间"), null=True, blank=True)
    follow_up_due_at = models.DateTimeField(_("回访期限"), null=True, blank=True)
    paused_at = models.DateTimeField(_("挂起时间"), null=True, blank=True)
    paused_seconds = models.PositiveIntegerField(_("累计挂起秒数"), default=0)
    extension_days_granted = models.PositiveSmallIntegerField(_("已批准延期（工作日）"), default=0)
    sign_sla_notified = models.CharField(
        _("签收时限提醒"), max_length=6, choices=SlaLevel.choices, default="", blank=True
    )
    sla_notified = models.CharField(
        _("办理时限提醒"), max_length=6, choices=SlaLevel.choices, default="", blank=True
    )

    answer = models.TextField(_("答复内容"), blank=True)
    satisfaction = models.CharField(
        _("满意度"), max_length=12, choices=Satisfaction.choices, null=True, blank=True
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("合并到"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_cases",
    )
    reopen_count = models.PositiveSmallIntegerField(_("重办次数"), default=0)
    supervision_level = models.CharField(
        _("督办"), max_length=6, choices=SupervisionLevel.choices, default=SupervisionLevel.NONE
    )
    # Bumped by every change a person makes, so a form sent on a stale copy is refused.
    version = models.PositiveIntegerField(_("版本"), default=1)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("登记时间"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("工单")
        verbose_name_plural = _("工单")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "region"], name="cases_status_region"),
            models.Index(fields=["region", "created_at"], name="cases_region_created"),
            models.Index(fields=["department", "status"], name="cases_department_status"),
            models.Index(fields=["due_at"], name="cases_due_at"),
            models.Index(fields=["status", "due_warn_at"], name="cases_status_warn"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def masked_reporter_phone(self) -> str:
        return mask_phone(self.reporter_phone)

    @property
    def masked_reporter_name(self) -> str:
        return "" if self.anonymous else mask_name(self.reporter_name)
