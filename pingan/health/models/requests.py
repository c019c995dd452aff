"""The two workflows around a status: an officer's request to turn a code red (which a second
officer decides) and a holder's appeal (which an officer upholds or rejects). Statuses and the
transitions table are in pingan.health.workflow; each transition appends an event row here."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pingan.core.models import AppendOnlyQuerySet
from pingan.health.models.status import Colour
from pingan.health.workflow import AppealStatus, RequestStatus


class ChangeRequest(models.Model):
    """A manual change that needs a second officer (to red). Applied only on approval."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("人员"),
        on_delete=models.PROTECT,
        related_name="health_change_requests",
    )
    colour = models.CharField(_("申请码色"), max_length=6, choices=Colour.choices)
    reason_code = models.CharField(_("原因代码"), max_length=40)
    note = models.TextField(_("情况说明"))
    status = models.CharField(
        _("状态"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审批人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("申请时间"), db_index=True)

    class Meta:
        verbose_name = _("赋码审批")
        verbose_name_plural = _("赋码审批")
        ordering = ["-created_at", "-id"]
        constraints = [
            # One open request per person: a second would race the first.
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(status="pending"),
                name="health_one_pending_request",
                violation_error_message=_("该人员已有待审批的赋码申请"),
            )
        ]

    def __str__(self):
        return f"{self.person} → {self.get_colour_display()}"


class ChangeRequestEvent(models.Model):
    """Append-only timeline of a change request."""

    request = models.ForeignKey(
        ChangeRequest, verbose_name=_("赋码审批"), on_delete=models.CASCADE, related_name="events"
    )
    old_status = models.CharField(_("原状态"), max_length=10, blank=True)
    new_status = models.CharField(_("新状态"), max_length=10)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("说明"), blank=True)
    created_at = models.DateTimeField(_("时间"))

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("审批记录")
        verbose_name_plural = _("审批记录")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.old_status or '-'} → {self.new_status}"


class Appeal(models.Model):
    """The holder disputes their colour. Upheld: the officer sets the colour the appeal asks
    for (green); rejected: nothing changes and the holder reads why."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("人员"),
        on_delete=models.PROTECT,
        related_name="health_appeals",
    )
    # The change appealed against: what the holder saw when they appealed.
    change = models.ForeignKey(
        "health.StatusChange",
        verbose_name=_("申诉的变更"),
        on_delete=models.PROTECT,
        related_name="appeals",
    )
    text = models.TextField(_("申诉理由"))
    status = models.CharField(
        _("状态"), max_length=10, choices=AppealStatus.choices, default=AppealStatus.SUBMITTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answer = models.TextField(_("处理意见"), blank=True)
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("申诉时间"), db_index=True)

    class Meta:
        verbose_name = _("码色申诉")
        verbose_name_plural = _("码色申诉")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(status="submitted"),
                name="health_one_open_appeal",
                violation_error_message=_("您已有一件申诉正在处理"),
            )
        ]

    def __str__(self):
        return f"{self.person} {self.get_status_display()}"


class AppealEvent(models.Model):
    """Append-only timeline of an appeal, shown to the holder."""

    appeal = models.ForeignKey(
        Appeal, verbose_name=_("码色申诉"), on_delete=models.CASCADE, related_name="events"
    )
    old_status = models.CharField(_("原状态"), max_length=10, blank=True)
    new_status = models.CharField(_("新状态"), max_length=10)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("说明"), blank=True)
    created_at = models.DateTimeField(_("时间"))

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("申诉记录")
        verbose_name_plural = _("申诉记录")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.old_status or '-'} → {self.new_status}"
