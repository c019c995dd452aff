"""The 桐健码 colour of each person and the append-only log of its changes.

The passes app signs codes from HealthStatus (colour + seq) and builds its revocation list from
StatusChange ids, so both shapes are a contract (see docs/architecture.md)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pingan.core.models import AppendOnlyQuerySet


class Colour(models.TextChoices):
    GREEN = "green", _("绿码")
    YELLOW = "yellow", _("黄码")
    RED = "red", _("红码")


class HealthStatus(models.Model):
    """The current colour of one person. `seq` grows on every change of colour, so a code signed
    with an older seq can be refused as superseded."""

    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("人员"),
        on_delete=models.PROTECT,
        related_name="health_status",
    )
    colour = models.CharField(_("码色"), max_length=6, choices=Colour.choices)
    seq = models.PositiveIntegerField(_("版本号"), default=1)
    reason_code = models.CharField(_("原因代码"), max_length=40)
    changed_at = models.DateTimeField(_("变更时间"))
    # Null for green; yellow lapses back to green after 7 days and red after 14 unless renewed.
    lapses_at = models.DateTimeField(_("到期时间"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("健康码状态")
        verbose_name_plural = _("健康码状态")

    def __str__(self):
        return f"{self.person} {self.get_colour_display()}"


class StatusChange(models.Model):
    """Append-only: one row per change of colour (and per renewal). Its id is the version of the
    passes revocation list."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("人员"),
        on_delete=models.PROTECT,
        related_name="health_changes",
    )
    old_colour = models.CharField(_("原码色"), max_length=6, choices=Colour.choices, blank=True)
    new_colour = models.CharField(_("新码色"), max_length=6, choices=Colour.choices)
    seq = models.PositiveIntegerField(_("版本号"))
    reason_code = models.CharField(_("原因代码"), max_length=40)
    note = models.TextField(_("说明"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审批人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("时间"), db_index=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("码色变更记录")
        verbose_name_plural = _("码色变更记录")
        ordering = ["-id"]

    def __str__(self):
        return f"{self.person} {self.old_colour}→{self.new_colour} #{self.seq}"
