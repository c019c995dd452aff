from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pingan.core.fields import BlindIndexField, EncryptedTextField
from pingan.core.masking import mask_id_number, mask_name, mask_phone


class Person(models.Model):
    """One member of the public, known to the platform once however many matters they bring:
    visitors at a window, petitioners, parties to a dispute, code holders. Found again by ID
    number or phone (blind indexes), so repeat visits and repeat petitions can be recognised."""

    name = EncryptedTextField(_("姓名"), kind="name")
    phone = EncryptedTextField(_("手机号"), kind="phone", blank=True)
    phone_index = BlindIndexField(source="phone", kind="phone")
    id_number = EncryptedTextField(_("身份证号"), kind="id_number", blank=True)
    id_number_index = BlindIndexField(source="id_number", kind="id_number")
    address = EncryptedTextField(_("住址"), kind="address", blank=True)
    # Where the person lives, as far as the platform knows: the reach of a region's notices and
    # pledges. Finer detail (the compound and room) belongs to the apps that need it.
    region = models.ForeignKey(
        "org.Region",
        verbose_name=_("居住区域"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="residents",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("平台账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("人员")
        verbose_name_plural = _("人员")
        constraints = [
            models.UniqueConstraint(
                fields=["id_number_index"],
                condition=~models.Q(id_number_index=""),
                name="people_person_unique_id_number",
                violation_error_message=_("该身份证号已登记"),
            )
        ]

    def __str__(self):
        return self.masked_name

    @property
    def masked_name(self) -> str:
        # A person anonymised by the retention job has no name left to mask.
        return mask_name(self.name) if self.name else str(_("已匿名"))

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)


class PhoneChallenge(models.Model):
    """A one-time code sent by SMS to prove that someone holds a phone (signing a pledge,
    registering for a pass). Only an HMAC of the code and the phone's blind index are kept."""

    phone_index = models.CharField(_("号码索引"), max_length=64, db_index=True, editable=False)
    purpose = models.CharField(_("用途"), max_length=40)
    code_digest = models.CharField(_("验证码摘要"), max_length=64, editable=False)
    created_at = models.DateTimeField(_("发送时间"), db_index=True)
    expires_at = models.DateTimeField(_("失效时间"))
    attempts = models.PositiveSmallIntegerField(_("已尝试次数"), default=0)
    confirmed_at = models.DateTimeField(_("验证时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("短信验证码")
        verbose_name_plural = _("短信验证码")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["phone_index", "purpose", "created_at"])]

    def __str__(self):
        return f"{self.purpose} {self.created_at:%Y-%m-%d %H:%M}"
