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
        return mask_name(self.name)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)
