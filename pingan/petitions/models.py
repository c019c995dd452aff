"""A petition (信访事项) rides on one work order of kind "petition": the case carries the matter
(category, region, description, the department handling it); the petition adds what the
信访工作条例 asks for — the petitioners, the flags, the responsible leader and the statutory
timeline with its deadlines, which are stored so that lists and the backlog filter in SQL."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError
from pingan.core.models import AppendOnlyQuerySet
from pingan.petitions.deadlines import EXTENSION_MAX_DAYS
from pingan.petitions.workflow import EventKind, Status


class RouteKind(models.TextChoices):
    TRANSFER = "transfer", _("转送")  # sent to the body with authority; it reports the result
    ASSIGN = "assign", _("交办")  # assigned with a duty to report back to the bureau


class Petition(models.Model):
    COLLECTIVE_HEADCOUNT = 5  # 集体访: five or more people on the same matter

    case = models.OneToOneField(
        "cases.Case", verbose_name=_("工单"), on_delete=models.PROTECT, related_name="petition"
    )
    number = models.CharField(_("信访件编号"), max_length=20, unique=True)
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.REGISTERED
    )
    petitioners = models.ManyToManyField(
        "people.Person", through="Petitioner", related_name="petitions", verbose_name=_("信访人")
    )
    # Everyone who came or signed; only some of them (the representatives) are registered.
    headcount = models.PositiveIntegerField(_("信访人数"))
    is_collective = models.BooleanField(_("集体访"), default=False)

    # Repeat: the earlier petition on the same matter by one of the same people, the person and
    # the text similarity that made the match (shown to staff as the reason).
    repeat_of = models.ForeignKey(
        "self",
        verbose_name=_("重复信访原件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="repeats",
    )
    repeat_person = models.ForeignKey(
        "people.Person",
        verbose_name=_("重复信访人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    repeat_score = models.FloatField(_("描述相似度"), null=True, blank=True)
    repeat_after_reply = models.BooleanField(_("答复后重复信访"), default=False)

    over_level = models.BooleanField(_("越级访"), default=False)
    over_level_suggested = models.BooleanField(_("系统提示越级"), default=False)
    # Where it was brought: a town's centre, or the city (for the over-level rule).
    intake_region = models.ForeignKey(
        "org.Region", verbose_name=_("受理地"), on_delete=models.PROTECT, related_name="+"
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("包案领导"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_petitions",
    )
    unit = models.ForeignKey(
        "org.Department",
        verbose_name=_("责任单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    route_kind = models.CharField(
        _("转送方式"), max_length=10, choices=RouteKind.choices, blank=True
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    registered_at = models.DateTimeField(_("登记时间"))
    route_due = models.DateTimeField(_("转送交办期限"), null=True, blank=True)
    # Routing on the platform reaches the unit at once, so it is also the unit's receipt.
    routed_at = models.DateTimeField(_("转送交办时间"), null=True, blank=True)
    notice_due = models.DateTimeField(_("受理告知期限"), null=True, blank=True)
    objection_due = models.DateTimeField(_("异议期限"), null=True, blank=True)
    objected_at = models.DateTimeField(_("异议时间"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("受理告知时间"), null=True, blank=True)
    handle_due = models.DateTimeField(_("办理期限"), null=True, blank=True)
    extended_at = models.DateTimeField(_("延期时间"), null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("延期天数"), default=0)
    extension_reason = models.TextField(_("延期理由"), blank=True)
    # The reply is served when it is issued (SMS at once, the paper at the window or by post).
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    reply_year = models.PositiveSmallIntegerField(_("答复年度"), null=True, blank=True)
    reply_seq = models.PositiveIntegerField(_("答复序号"), null=True, blank=True)
    reply_number = models.CharField(_("答复意见书文号"), max_length=40, blank=True)
    reply_facts = models.TextField(_("查明事实"), blank=True)
    reply_text = models.TextField(_("处理意见"), blank=True)
    review_ask_due = models.DateTimeField(_("申请复查期限"), null=True, blank=True)
    review_asked_at = models.DateTimeField(_("申请复查时间"), null=True, blank=True)
    review_decide_due = models.DateTimeField(_("复查期限"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("复查时间"), null=True, blank=True)
    review_opinion = models.TextField(_("复查意见"), blank=True)
    recheck_ask_due = models.DateTimeField(_("申请复核期限"), null=True, blank=True)
    recheck_asked_at = models.DateTimeField(_("申请复核时间"), null=True, blank=True)
    recheck_decide_due = models.DateTimeField(_("复核期限"), null=True, blank=True)
    rechecked_at = models.DateTimeField(_("复核时间"), null=True, blank=True)
    recheck_opinion = models.TextField(_("复核意见"), blank=True)

    version = models.PositiveIntegerField(_("版本"), default=1)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("信访件")
        verbose_name_plural = _("信访件")
        ordering = ["-registered_at", "-id"]
        indexes = [
            models.Index(fields=["status", "route_due"], name="petitions_status_route"),
            models.Index(fields=["status", "notice_due"], name="petitions_status_notice"),
            models.Index(fields=["status", "handle_due"], name="petitions_status_handle"),
            models.Index(fields=["status", "review_decide_due"], name="petitions_status_review"),
            models.Index(fields=["status", "recheck_decide_due"], name="petitions_status_recheck"),
            models.Index(fields=["registered_at"], name="petitions_registered"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["reply_year", "reply_seq"],
                condition=models.Q(reply_seq__isnull=False),
                name="petitions_unique_reply_number",
                violation_error_message=_("答复意见书文号重复"),
            ),
            models.CheckConstraint(
                condition=models.Q(extension_days__lte=EXTENSION_MAX_DAYS),
                name="petitions_extension_at_most_30",
                violation_error_message=_("延期不得超过30日"),
            ),
        ]

    def __str__(self):
        return self.number

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def is_final(self) -> bool:
        return self.status == Status.FINAL


class Petitioner(models.Model):
    """One registered person of a petition; the first is the one the case reports for."""

    petition = models.ForeignKey(
        Petition, verbose_name=_("信访件"), on_delete=models.CASCADE, related_name="petitioner_rows"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("信访人"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        verbose_name = _("信访人")
        verbose_name_plural = _("信访人")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "person"],
                name="petitions_petitioner_once",
                violation_error_message=_("同一信访人不能重复登记"),
            )
        ]

    def __str__(self):
        return f"{self.petition_id}:{self.person_id}"


class PetitionEvent(models.Model):
    """One row per registration, transition or side event; append-only, the visible timeline."""

    petition = models.ForeignKey(
        Petition, verbose_name=_("信访件"), on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(_("事件"), max_length=20, choices=EventKind.choices)
    from_status = models.CharField(_("原状态"), max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=12, choices=Status.choices, blank=True)
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
        verbose_name = _("信访事件")
        verbose_name_plural = _("信访事件")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["petition", "at"], name="petitions_event_at")]

    def __str__(self):
        return f"{self.petition_id} {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise DomainError("append_only", _("日志只能追加，不能修改"))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise DomainError("append_only", _("日志只能追加，不能删除"))
