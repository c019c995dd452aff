"""Open311 GeoReport v2: the client apps allowed to post, the centre points that place a
reported location in a region, and what each posted request carried besides the case itself."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Open311Client(models.Model):
    """An application allowed to POST service requests. Only a hash of its key is stored; the
    key is shown once, when the client is created."""

    name = models.CharField(_("名称"), max_length=80)
    # The first characters of the key, so an operator can tell keys apart without the key.
    prefix = models.CharField(_("密钥前缀"), max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("Open311 客户端")
        verbose_name_plural = _("Open311 客户端")
        ordering = ["name", "id"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


class RegionPoint(models.Model):
    """The centre of a town or village (WGS84). A reported lat/long goes to the region whose
    centre is nearest, within PINGAN_OPEN311_MAX_DISTANCE_KM."""

    region = models.OneToOneField(
        "org.Region", verbose_name=_("区划"), on_delete=models.CASCADE, related_name="+"
    )
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6)

    class Meta:
        verbose_name = _("区划中心点")
        verbose_name_plural = _("区划中心点")
        ordering = ["region__code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__gte=-90, latitude__lte=90)
                & models.Q(longitude__gte=-180, longitude__lte=180),
                name="open311_point_in_range",
                violation_error_message=_("经纬度超出范围"),
            )
        ]

    def __str__(self):
        return f"{self.region} ({self.latitude}, {self.longitude})"


class LocationSource(models.TextChoices):
    POINT = "point", _("按经纬度就近匹配")
    ADDRESS_ID = "address_id", _("按区划代码（address_id）")
    ADDRESS_TEXT = "address_text", _("按地址文字中的区划名称")
    DEFAULT = "default", _("未能定位，归入默认受理区划")


class Open311Request(models.Model):
    """A case that came in through Open311. Only these cases are published by GET requests:
    their reporters sent them to a public API, while reports from other channels are followed
    with the number and the query code sent to the reporter."""

    case = models.OneToOneField(
        "cases.Case", verbose_name=_("工单"), on_delete=models.PROTECT, related_name="open311"
    )
    client = models.ForeignKey(
        Open311Client,
        verbose_name=_("客户端"),
        on_delete=models.PROTECT,
        related_name="requests",
    )
    account_id = models.CharField(_("客户端账号"), max_length=100, blank=True)
    media_url = models.URLField(_("媒体链接"), max_length=500, blank=True)
    attributes = models.JSONField(_("附加字段"), default=dict, blank=True)
    location_source = models.CharField(_("定位方式"), max_length=12, choices=LocationSource.choices)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("Open311 服务请求")
        verbose_name_plural = _("Open311 服务请求")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return str(self.case.number) if self.case_id else "-"
