"""The 三官一师 duty roster: who sits at which legal-service window, by date and half-day."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pingan.hall.workflow import SwapStatus


class Profession(models.TextChoices):
    JUDGE = "judge", _("法官")
    PROSECUTOR = "prosecutor", _("检察官")
    POLICE = "police", _("警官")
    LAWYER = "lawyer", _("律师")


class HalfDay(models.TextChoices):
    AM = "am", _("上午")
    PM = "pm", _("下午")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("周一")
    TUESDAY = 1, _("周二")
    WEDNESDAY = 2, _("周三")
    THURSDAY = 3, _("周四")
    FRIDAY = 4, _("周五")
    SATURDAY = 5, _("周六")
    SUNDAY = 6, _("周日")


class DutyPattern(models.Model):
    """A recurring duty (every Tuesday morning from … to …), expanded into slots when saved."""

    centre = models.ForeignKey(
        "hall.ServiceCentre", verbose_name=_("服务中心"), on_delete=models.PROTECT, related_name="+"
    )
    window = models.ForeignKey(
        "hall.Window", verbose_name=_("窗口"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("值班人员"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    profession = models.CharField(_("身份"), max_length=12, choices=Profession.choices)
    weekday = models.PositiveSmallIntegerField(_("星期"), choices=Weekday.choices)
    half = models.CharField(_("时段"), max_length=2, choices=HalfDay.choices)
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("安排人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("安排时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("固定值班规则")
        verbose_name_plural = _("固定值班规则")
        ordering = ["-created_at"]

    def __str__(self):
        return (
            f"{self.person} {self.get_weekday_display()}{self.get_half_display()} "
            f"{self.start_date:%Y-%m-%d}~{self.end_date:%Y-%m-%d}"
        )


class DutySlot(models.Model):
    centre = models.ForeignKey(
        "hall.ServiceCentre",
        verbose_name=_("服务中心"),
        on_delete=models.PROTECT,
        related_name="duty_slots",
    )
    window = models.ForeignKey(
        "hall.Window", verbose_name=_("窗口"), on_delete=models.PROTECT, related_name="duty_slots"
    )
    date = models.DateField(_("日期"))
    half = models.CharField(_("时段"), max_length=2, choices=HalfDay.choices)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("值班人员"),
        on_delete=models.PROTECT,
        related_name="duty_slots",
    )
    profession = models.CharField(_("身份"), max_length=12, choices=Profession.choices)
    pattern = models.ForeignKey(
        DutyPattern,
        verbose_name=_("来自固定规则"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="slots",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("安排人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("安排时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("值班安排")
        verbose_name_plural = _("值班安排")
        ordering = ["date", "half", "window__number"]
        constraints = [
            # The services refuse both with a message naming the clash; these keep two
            # simultaneous requests from both succeeding.
            models.UniqueConstraint(
                fields=["person", "date", "half"],
                name="hall_slot_person_once",
                violation_error_message=_("该人员在此时段已有值班安排"),
            ),
            models.UniqueConstraint(
                fields=["window", "date", "half"],
                name="hall_slot_window_once",
                violation_error_message=_("该窗口此时段已有人值班"),
            ),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d}{self.get_half_display()} {self.window.name} {self.person}"


class DutySwap(models.Model):
    """Two slots exchanging their people, asked by one side (or a clerk for them) and approved
    by a clerk or admin of the centre."""

    slot_a = models.ForeignKey(
        DutySlot, verbose_name=_("换出的班"), on_delete=models.PROTECT, related_name="+"
    )
    slot_b = models.ForeignKey(
        DutySlot, verbose_name=_("换入的班"), on_delete=models.PROTECT, related_name="+"
    )
    # Who held each slot when the swap was asked (the slots change when it is approved).
    person_a = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("换班人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    person_b = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("对方"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=SwapStatus.choices, default=SwapStatus.REQUESTED
    )
    reason = models.CharField(_("换班原因"), max_length=200)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("申请时间"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审批人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_note = models.CharField(_("审批意见"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("换班申请")
        verbose_name_plural = _("换班申请")
        ordering = ["-requested_at", "-id"]

    def __str__(self):
        return f"{self.person_a} ⇄ {self.person_b} ({self.get_status_display()})"
