"""The 调解协议书, its agreed terms with their performance, and the judicial confirmation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pingan.mediation.models.dispute import Dispute, DisputeParty
from pingan.mediation.workflow import ConfirmationStatus


class Agreement(models.Model):
    """Numbered when the first draft is saved, so the copies printed for signing carry the
    number; in force from the day all sign (effective_on), after which it is read-only."""

    DRAFT = "draft"  # being written; may change
    FINAL = "final"  # signed by the parties and the mediator, sealed; in force
    STATE_CHOICES = [(DRAFT, _("草稿")), (FINAL, _("已生效"))]

    dispute = models.OneToOneField(
        Dispute, verbose_name=_("调解案件"), on_delete=models.PROTECT, related_name="agreement"
    )
    number = models.CharField(_("协议书编号"), max_length=20, unique=True)
    facts = models.TextField(_("纠纷主要事实"), blank=True)
    issues = models.TextField(_("争议事项"), blank=True)
    responsibilities = models.TextField(_("各方责任"), blank=True)
    state = models.CharField(_("状态"), max_length=6, choices=STATE_CHOICES, default=DRAFT)
    effective_on = models.DateField(_("生效日期"), null=True, blank=True)
    parties_signed = models.BooleanField(_("当事人已签名或按指印"), default=False)
    mediator_signed = models.BooleanField(_("调解员已签名"), default=False)
    sealed = models.BooleanField(_("已加盖调委会印章"), default=False)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("确认生效人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    finalised_at = models.DateTimeField(_("确认生效时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("起草人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("起草时间"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("调解协议书")
        verbose_name_plural = _("调解协议书")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.number

    @property
    def is_final(self) -> bool:
        return self.state == self.FINAL


class AgreementTerm(models.Model):
    agreement = models.ForeignKey(
        Agreement, verbose_name=_("调解协议书"), on_delete=models.PROTECT, related_name="terms"
    )
    position = models.PositiveSmallIntegerField(_("序号"))
    content = models.TextField(_("协议内容"))
    obligor = models.ForeignKey(
        DisputeParty,
        verbose_name=_("履行方"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    method = models.CharField(_("履行方式"), max_length=200, blank=True)
    due_on = models.DateField(_("履行期限"), null=True, blank=True)
    performed_on = models.DateField(_("履行日期"), null=True, blank=True)
    performance_note = models.CharField(_("履行情况"), max_length=200, blank=True)
    performance_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("协议条款")
        verbose_name_plural = _("协议条款")
        ordering = ["position", "id"]

    def __str__(self):
        return f"{self.agreement_id}-{self.position}"

    @property
    def is_performed(self) -> bool:
        return self.performed_on is not None

    def is_overdue(self, today) -> bool:
        return not self.is_performed and self.due_on is not None and today > self.due_on


class JudicialConfirmation(models.Model):
    """The parties' joint application to the court (司法确认) and the court's two decisions,
    each against its deadline. One per agreement."""

    agreement = models.OneToOneField(
        Agreement,
        verbose_name=_("调解协议书"),
        on_delete=models.PROTECT,
        related_name="confirmation",
    )
    court = models.ForeignKey(
        "org.Department", verbose_name=_("受理法院"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("状态"),
        max_length=14,
        choices=ConfirmationStatus.choices,
        default=ConfirmationStatus.APPLIED,
    )
    applied_at = models.DateTimeField(_("申请时间"))
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    accept_due_at = models.DateTimeField(_("受理期限"))
    accept_decided_at = models.DateTimeField(_("受理决定时间"), null=True, blank=True)
    ruling_due_at = models.DateTimeField(_("裁定期限"), null=True, blank=True)
    ruled_at = models.DateTimeField(_("裁定时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办法官"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    court_case_number = models.CharField(_("确认案号"), max_length=40, blank=True)
    decision_note = models.TextField(_("裁定理由"), blank=True)

    class Meta:
        verbose_name = _("司法确认")
        verbose_name_plural = _("司法确认")
        ordering = ["-applied_at", "-id"]

    def __str__(self):
        return f"{self.agreement} {self.get_status_display()}"

    def accept_overdue(self, now) -> bool:
        return (self.accept_decided_at or now) > self.accept_due_at

    def ruling_overdue(self, now) -> bool:
        if self.ruling_due_at is None:
            return False
        return (self.ruled_at or now) > self.ruling_due_at
