"""Visits at a window and the matters they are about (最多跑一次: visits per matter)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pingan.core.models import AppendOnlyQuerySet
from pingan.hall.workflow import MatterAction, MatterStatus


class Matter(models.Model):
    """What a visitor came about, followed until it is settled. A matter accepted as a work
    order is that case (one matter per case); every trip to the centre about it is counted, so
    the share of matters settled in one trip can be reported (最多跑一次)."""

    class ReturnMethod(models.TextChoices):
        ON_SPOT = "on_spot", _("当场答复")
        WINDOW = "window", _("窗口领取")
        DIRECT = "direct", _("直接送达")

    centre = models.ForeignKey(
        "hall.ServiceCentre",
        verbose_name=_("服务中心"),
        on_delete=models.PROTECT,
        related_name="matters",
    )
    key = models.CharField(_("事项编号"), max_length=20, unique=True)
    person = models.ForeignKey(
        "people.Person", verbose_name=_("来访人"), on_delete=models.PROTECT, related_name="+"
    )
    case = models.OneToOneField(
        "cases.Case",
        verbose_name=_("工单"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hall_matter",
    )
    subject = models.CharField(_("事由"), max_length=100)
    status = models.CharField(_("状态"), max_length=14, choices=MatterStatus.choices)
    # Trips to the centre about this matter: visits on the same day count once, so being sent
    # from one window to another during one trip is still one trip; coming back to collect the
    # answer is always another trip.
    visit_count = models.PositiveSmallIntegerField(_("来访次数"), default=0)
    first_visit_at = models.DateTimeField(_("首次来访"))
    last_visit_at = models.DateTimeField(_("最近来访"))
    answer_notified_at = models.DateTimeField(_("答复短信时间"), null=True, blank=True)
    settled_at = models.DateTimeField(_("办结时间"), null=True, blank=True, db_index=True)
    return_method = models.CharField(
        _("结果送达方式"), max_length=8, choices=ReturnMethod.choices, blank=True
    )
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("送达人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    return_note = models.CharField(_("送达说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("来访事项")
        verbose_name_plural = _("来访事项")
        ordering = ["-last_visit_at", "-id"]
        indexes = [models.Index(fields=["centre", "status"], name="hall_matter_status")]

    def __str__(self):
        return f"{self.key} {self.subject}"

    @property
    def status_label(self) -> str:
        return str(MatterStatus(self.status).label)


class MatterEvent(models.Model):
    """The matter's timeline (append-only): how it was taken in, answered and handed back."""

    matter = models.ForeignKey(
        Matter, verbose_name=_("来访事项"), on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField(_("动作"), max_length=14, choices=MatterAction.choices)
    from_status = models.CharField(_("原状态"), max_length=14, blank=True)
    to_status = models.CharField(_("新状态"), max_length=14, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("说明"), blank=True)
    at = models.DateTimeField(_("时间"))

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("事项记录")
        verbose_name_plural = _("事项记录")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.matter.key} {self.get_action_display()}"


class Visit(models.Model):
    """One visitor at one window about one matter."""

    class Outcome(models.TextChoices):
        RESOLVED_ON_SPOT = "resolved_on_spot", _("当场办结")
        ACCEPTED = "accepted", _("受理为工单")
        REFERRED = "referred", _("引导至法律服务窗口")
        ADVISED = "advised", _("法律服务答复")
        HANDED_OVER = "handed_over", _("领取答复")
        REVISIT = "revisit", _("再次来访")

    centre = models.ForeignKey(
        "hall.ServiceCentre",
        verbose_name=_("服务中心"),
        on_delete=models.PROTECT,
        related_name="visits",
    )
    window = models.ForeignKey(
        "hall.Window", verbose_name=_("窗口"), on_delete=models.PROTECT, related_name="visits"
    )
    ticket = models.ForeignKey(
        "hall.Ticket",
        verbose_name=_("排队号"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="visits",
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("来访人"), on_delete=models.PROTECT, related_name="+"
    )
    matter = models.ForeignKey(
        Matter, verbose_name=_("来访事项"), on_delete=models.PROTECT, related_name="visits"
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("工单"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hall_visits",
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("接待人"),
        on_delete=models.PROTECT,
        related_name="hall_visits",
    )
    outcome = models.CharField(_("结果"), max_length=16, choices=Outcome.choices)
    purpose = models.TextField(_("来访事由"))
    note = models.TextField(_("答复或说明"), blank=True)
    routed_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("引导至值班人员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hall_routed_visits",
    )
    routed_window = models.ForeignKey(
        "hall.Window",
        verbose_name=_("引导至窗口"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="routed_visits",
    )
    duty_advice = models.TextField(_("值班人员答复"), blank=True)
    duty_answered_at = models.DateTimeField(_("值班答复时间"), null=True, blank=True)
    # The local date of the visit: trips are counted per day.
    day = models.DateField(_("来访日期"))
    created_at = models.DateTimeField(_("来访时间"))

    class Meta:
        verbose_name = _("来访登记")
        verbose_name_plural = _("来访登记")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["centre", "day"], name="hall_visit_day"),
            models.Index(fields=["routed_to", "duty_answered_at"], name="hall_visit_routed"),
        ]

    def __str__(self):
        return f"{self.matter.key} {self.get_outcome_display()}"
