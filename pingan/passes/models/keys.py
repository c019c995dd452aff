"""Signing keys of the codes. The private key is encrypted at rest with the platform's PII key;
the public key is published in the trust list for as long as codes it signed may be shown."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SigningKey(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("签发中")  # signs new codes; exactly one at a time
        RETIRED = "retired", _("仅验证")  # no longer signs; still verifies until not_after
        REMOVED = "removed", _("已撤销")  # dropped from the trust list: what it signed is void

    kid = models.CharField(_("密钥标识"), max_length=16, unique=True)  # hex of 8 bytes
    alg = models.CharField(_("算法"), max_length=10, default="ES256")
    public_key_der = models.BinaryField(_("公钥"))
    private_key = models.TextField(_("私钥（加密）"))
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    # Comma-separated code types ("travel,health") this key may sign; the trust list says so.
    allowed_types = models.CharField(_("可签类型"), max_length=40, default="travel,health")
    not_before = models.DateTimeField(_("生效时间"))
    not_after = models.DateTimeField(_("失效时间"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("签名密钥")
        verbose_name_plural = _("签名密钥")
        ordering = ["-not_before", "-id"]

    def __str__(self):
        return f"{self.kid} ({self.get_status_display()})"

    @property
    def types(self) -> list[str]:
        return [t for t in self.allowed_types.split(",") if t]
