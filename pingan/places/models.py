from django.db import models
from django.utils.translation import gettext_lazy as _

from pingan.core.fields import BlindIndexField, EncryptedTextField
from pingan.core.masking import mask_name, mask_phone


class Place(models.Model):
    """A place the platform keeps an eye on or people belong to: an enterprise (employees pass
    its gate), a residential compound or rental house (residents live there), a shop, a public
    venue, a construction site. Inspected for hazards; bound to codes and checkpoints."""

    class Kind(models.TextChoices):
        ENTERPRISE = "enterprise", _("企业")
        RENTAL = "rental", _("出租房")
        SHOP = "shop", _("商铺")
        VENUE = "venue", _("公共场所")
        CONSTRUCTION = "construction", _("建筑工地")
        COMPOUND = "compound", _("居民小区")

    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=100)
    region = models.ForeignKey(
        "org.Region", verbose_name=_("所属区域"), on_delete=models.PROTECT, related_name="places"
    )
    address = models.CharField(_("地址"), max_length=200)
    # 统一社会信用代码 of an enterprise, shop or site; empty for a compound or a private rental.
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    # The owner or legal representative: a company's is public, a landlord's is personal data.
    owner = EncryptedTextField(_("业主/负责人"), kind="name", blank=True)
    contact_name = EncryptedTextField(_("联系人"), kind="name", blank=True)
    contact_phone = EncryptedTextField(_("联系电话"), kind="phone", blank=True)
    contact_phone_index = BlindIndexField(source="contact_phone", kind="phone")
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(
        _("经度"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    is_active = models.BooleanField(_("在册"), default=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("场所")
        verbose_name_plural = _("场所")
        ordering = ["region__code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "kind", "name"],
                name="places_place_unique_name",
                violation_error_message=_("该区域已登记同名同类场所"),
            )
        ]

    def __str__(self):
        return self.name

    @property
    def masked_owner(self) -> str:
        return mask_name(self.owner)

    @property
    def masked_contact_name(self) -> str:
        return mask_name(self.contact_name)

    @property
    def masked_contact_phone(self) -> str:
        return mask_phone(self.contact_phone)
