"""桐行码: a travel code for entering the city, asked for by its holder with a validity window.

State machine (one table, see pingan.passes.workflow):
    active → revoked   (an officer withdraws it; the revocation list marks it)
    active → replaced  (the holder asked for a new window; the old code is superseded)
Expiry needs no transition: the code carries its window and verifiers check it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pingan.core.models import AppendOnlyQuerySet


class TravelStatus(models.TextChoices):
    ACTIVE = "active", _("有效")  # codes are issued on demand within the window
    REVOKED = "revoked", _("已撤销")  # withdrawn by an officer
    REPLACED = "replaced", _("已更新")  # a newer window replaced it


class TravelPass(models.Model):
    person = models.ForeignKey(
        "people.Person", verbose_name=_("持码人"), on_delete=models.CASCADE, related_name="+"
    )
    valid_from = models.DateTimeField(_("有效期起"))
    valid_until = models.DateTimeField(_("有效期止"))
    status = models.CharField(
        _("状态"), max_length=10, choices=TravelStatus.choices, default=TravelStatus.ACTIVE
    )
    purpose = models.CharField(_("来桐事由"), max_length=100, blank=True)
    # Grows for this holder with every new pass and every change of their health colour, so a
    # code showing an older colour or an older window is superseded.
    seq = models.PositiveIntegerField(_("版本号"), default=1)
    created_at = models.DateTimeField(_("申请时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("桐行码")
        verbose_name_plural = _("桐行码")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.person} {self.valid_from:%Y-%m-%d}–{self.valid_until:%Y-%m-%d}"


class TravelPassEvent(models.Model):
    """The travel pass's timeline. Append-only."""

    travel_pass = models.ForeignKey(
        TravelPass, verbose_name=_("桐行码"), on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField(_("原状态"), max_length=10, blank=True)
    to_status = models.CharField(_("新状态"), max_length=10)
    reason = models.CharField(_("事由"), max_length=200, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("桐行码记录")
        verbose_name_plural = _("桐行码记录")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.travel_pass} {self.from_status}→{self.to_status}"
