"""The revocation list: per pseudonymous holder id (rid) and code type, the lowest valid seq.

Each entry has a version taken from one counter row locked for the transaction, so versions
commit in order and a verifier asking `?since=V` never misses an entry committed late.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pingan.core.models import AppendOnlyQuerySet


class RevocationCounter(models.Model):
    """One row: the last version handed out."""

    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("吊销列表版本")
        verbose_name_plural = _("吊销列表版本")

    def __str__(self):
        return str(self.value)


class RevocationEntry(models.Model):
    class Reason(models.TextChoices):
        SUPERSEDED = "superseded", _("已被新码取代")
        REVOKED = "revoked", _("已撤销")

    version = models.PositiveBigIntegerField(_("版本"), unique=True)
    rid = models.CharField(_("持码人假名"), max_length=32, db_index=True)  # hex
    code_type = models.CharField(_("码类型"), max_length=10)
    min_seq = models.PositiveBigIntegerField(_("最低有效序号"))
    reason = models.CharField(_("原因"), max_length=12, choices=Reason.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("吊销记录")
        verbose_name_plural = _("吊销记录")
        ordering = ["version"]

    def __str__(self):
        return f"v{self.version} {self.code_type} ≥{self.min_seq}"
