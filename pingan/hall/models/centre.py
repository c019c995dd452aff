"""Service centres (信访超市 / 矛调中心), their windows and the clerks posted at them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# The two kinds every centre has (DESIGN.md, the article: 综合窗口 and 法律服务窗口); created by
# migration so that numbering and the duty roster can rely on them. Admins add others.
COMPREHENSIVE = "comprehensive"
LEGAL = "legal"


class WindowKind(models.Model):
    """What a window serves. Each kind has its own queue and its own ticket letter (A012)."""

    code = models.SlugField(_("编码"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=30)
    prefix = models.CharField(
        _("号码字母"),
        max_length=1,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]$", _("号码字母须为一个大写英文字母"))],
        help_text=_("取号号码的首字母，如综合窗口 A、法律服务窗口 L"),
    )
    is_legal = models.BooleanField(
        _("法律服务窗口"), default=False, help_text=_("「三官一师」按值班表在此类窗口坐班")
    )
    description = models.CharField(_("取号说明"), max_length=100, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=100)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("窗口类别")
        verbose_name_plural = _("窗口类别")
        ordering = ["sort_order", "code"]

    def __str__(self):
        return self.name


class ServiceCentre(models.Model):
    """A town's or the city's one-stop centre. Its region decides who may work there (a clerk
    whose post covers the region); its slug names the public pages (kiosk, display, duty board)."""

    region = models.ForeignKey(
        "org.Region", verbose_name=_("所属辖区"), on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("运行部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("名称"), max_length=80)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    phone = models.CharField(_("咨询电话"), max_length=20, blank=True)
    opening_hours = models.CharField(
        _("办公时间"), max_length=60, blank=True, default="周一至周五 8:30-12:00 13:30-17:00"
    )
    slug = models.SlugField(
        _("公开标识"),
        max_length=40,
        unique=True,
        help_text=_("取号、叫号屏、值班公示等公开页面的地址，二维码也指向它"),
    )
    is_active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(_("设立时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("服务中心")
        verbose_name_plural = _("服务中心")
        ordering = ["region__code", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        from pingan.org.models import Region

        if self.region_id and self.region.level not in (Region.Level.CITY, Region.Level.TOWN):
            raise ValidationError({"region": _("服务中心只设在市级或街道/镇级")})

    @property
    def level_label(self) -> str:
        return self.region.get_level_display()


class Window(models.Model):
    centre = models.ForeignKey(
        ServiceCentre, verbose_name=_("服务中心"), on_delete=models.PROTECT, related_name="windows"
    )
    kind = models.ForeignKey(
        WindowKind, verbose_name=_("类别"), on_delete=models.PROTECT, related_name="windows"
    )
    number = models.PositiveSmallIntegerField(_("窗口号"))
    name = models.CharField(_("名称"), max_length=40, help_text=_("如：综合窗口 1"))
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("窗口")
        verbose_name_plural = _("窗口")
        ordering = ["centre", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "number"],
                name="hall_window_unique_number",
                violation_error_message=_("该中心已有此窗口号"),
            )
        ]

    def __str__(self):
        return f"{self.centre.name} · {self.name}"


class WindowAssignment(models.Model):
    """A clerk posted at a window: only they call its numbers and record its visits."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("窗口人员"),
        on_delete=models.PROTECT,
        related_name="window_assignments",
    )
    window = models.ForeignKey(
        Window, verbose_name=_("窗口"), on_delete=models.PROTECT, related_name="assignments"
    )
    is_active = models.BooleanField(_("在岗"), default=True)
    assigned_at = models.DateTimeField(_("安排时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("窗口人员安排")
        verbose_name_plural = _("窗口人员安排")
        ordering = ["window", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "window"],
                name="hall_assignment_unique",
                violation_error_message=_("该人员已安排在此窗口"),
            )
        ]

    def __str__(self):
        return f"{self.window} · {self.user}"

    def clean(self):
        from pingan.org import scoping
        from pingan.org.roles import Role

        if self.user_id and self.window_id:
            region = self.window.centre.region
            if not scoping.covers(self.user, region, roles=[Role.CLERK]):
                raise ValidationError(
                    {"user": _("该人员没有覆盖「%(region)s」的窗口人员岗位") % {"region": region}}
                )
