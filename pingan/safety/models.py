"""Safety Day (平安桐乡日): the monthly campaign, its towns' tasks, the activities towns report
with their outreach tallies and photos, and the campaign's timeline.

Tallies are plain integer columns so that the roll-up (and the KPIs of later work) is one
aggregate query over Activity grouped by town.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError
from pingan.safety.workflow import CampaignAction, CampaignStatus, TaskStatus


class WorkKind(models.TextChoices):
    """The four kinds of Safety Day work (四大): 平安知识大宣讲, 平安业务大培训, 平安情况大巡查,
    平安问题大整改."""

    TALK = "talk", _("宣讲")
    TRAINING = "training", _("培训")
    PATROL = "patrol", _("巡查")
    RECTIFICATION = "rectification", _("整改")


class Campaign(models.Model):
    month = models.DateField(_("月份"), unique=True, help_text=_("该月第一天"))
    day = models.DateField(_("平安桐乡日"))
    # Activities may be reported for days inside this window (the campaign's month).
    starts_on = models.DateField(_("活动开始日期"))
    ends_on = models.DateField(_("活动截止日期"))
    title = models.CharField(_("标题"), max_length=80)
    status = models.CharField(
        _("状态"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.OPEN
    )
    created_at = models.DateTimeField(_("发起时间"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发起人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("为空表示由系统按期自动发起"),
    )

    class Meta:
        verbose_name = _("平安桐乡日活动")
        verbose_name_plural = _("平安桐乡日活动")
        ordering = ["-month"]

    def __str__(self):
        return self.title


class CampaignTown(models.Model):
    """A town taking part in a campaign: the notice it was sent and whether it was read."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("活动"), on_delete=models.PROTECT, related_name="towns"
    )
    region = models.ForeignKey(
        "org.Region", verbose_name=_("镇街"), on_delete=models.PROTECT, related_name="+"
    )
    notified_at = models.DateTimeField(_("通知时间"))
    sms_count = models.PositiveIntegerField(_("通知短信数"), default=0)
    read_at = models.DateTimeField(_("签阅时间"), null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签阅人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("镇街通知")
        verbose_name_plural = _("镇街通知")
        ordering = ["campaign", "region__code"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "region"], name="safety_town_once")
        ]

    def __str__(self):
        return f"{self.campaign} · {self.region}"


class Task(models.Model):
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("活动"), on_delete=models.PROTECT, related_name="tasks"
    )
    region = models.ForeignKey(
        "org.Region", verbose_name=_("镇街"), on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("牵头部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("类别"), max_length=20, choices=WorkKind.choices)
    status = models.CharField(
        _("状态"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.PENDING
    )
    done_at = models.DateTimeField(_("开展时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("任务")
        verbose_name_plural = _("任务")
        ordering = ["campaign", "region__code", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "region", "kind"], name="safety_task_one_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.region} · {self.get_kind_display()}"


def _count(label):
    return models.PositiveIntegerField(label, default=0, validators=[MinValueValidator(0)])


class Activity(models.Model):
    """One activity a town (or a village in it) held for the campaign, as reported."""

    TALLIES = ("people_reached", "questionnaires", "banners", "screens", "sms_sent")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("活动"), on_delete=models.PROTECT, related_name="activities"
    )
    # The town the activity counts for (the roll-up groups by it); `region` is where it was held.
    town = models.ForeignKey(
        "org.Region", verbose_name=_("镇街"), on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey(
        "org.Region", verbose_name=_("举办地辖区"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("类别"), max_length=20, choices=WorkKind.choices)
    held_on = models.DateField(_("日期"))
    place = models.CharField(_("地点"), max_length=120)
    departments = models.ManyToManyField(
        "org.Department", verbose_name=_("参与部门"), related_name="+", blank=True
    )
    other_units = models.CharField(_("其他参与单位"), max_length=200, blank=True)
    summary = models.TextField(_("活动情况"), max_length=2000, blank=True)
    people_reached = _count(_("覆盖人数"))
    questionnaires = _count(_("发放问卷"))
    banners = _count(_("悬挂横幅"))
    screens = _count(_("电子屏"))
    sms_sent = _count(_("发送短信"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上报人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("上报时间"))

    class Meta:
        verbose_name = _("活动报告")
        verbose_name_plural = _("活动报告")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["campaign", "town"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(people_reached__gte=0)
                & models.Q(questionnaires__gte=0)
                & models.Q(banners__gte=0)
                & models.Q(screens__gte=0)
                & models.Q(sms_sent__gte=0),
                name="safety_activity_tallies_not_negative",
            )
        ]

    def __str__(self):
        return f"{self.held_on} {self.place}"


def photo_path(instance, filename: str) -> str:
    # The stored name is ours, never the uploader's.
    return f"safety/{instance.activity.campaign.month:%Y-%m}/{instance.stored_name}"


class ActivityPhoto(models.Model):
    MAX_BYTES = 5 * 1024 * 1024
    MAX_PER_ACTIVITY = 6

    activity = models.ForeignKey(
        Activity, verbose_name=_("活动报告"), on_delete=models.PROTECT, related_name="photos"
    )
    file = models.FileField(_("照片"), upload_to=photo_path, max_length=200)
    stored_name = models.CharField(max_length=60, editable=False)
    content_type = models.CharField(_("类型"), max_length=20)
    size = models.PositiveIntegerField(_("大小（字节）"))

    class Meta:
        verbose_name = _("活动照片")
        verbose_name_plural = _("活动照片")
        ordering = ["id"]

    def __str__(self):
        return self.stored_name


class CampaignEvent(models.Model):
    """The campaign's timeline. Append-only."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("活动"), on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField(_("动作"), max_length=10, choices=CampaignAction.choices)
    old_status = models.CharField(_("原状态"), max_length=10, blank=True)
    new_status = models.CharField(_("新状态"), max_length=10)
    region = models.ForeignKey(
        "org.Region",
        verbose_name=_("镇街"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("说明"), max_length=200, blank=True)
    at = models.DateTimeField(_("时间"))

    class Meta:
        verbose_name = _("活动日志")
        verbose_name_plural = _("活动日志")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.campaign} {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise DomainError("append_only", _("日志只能追加，不能修改"))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise DomainError("append_only", _("日志只能追加，不能删除"))
