"""Where a code holder lives and works: the bound place of a 桐健码 and what checkpoint rules
ask (a compound gate admits its residents, a factory gate its employees)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Residence(models.Model):
    """The compound or rental house a person lives in (one current residence per person)."""

    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("人员"),
        on_delete=models.CASCADE,
        related_name="residence",
    )
    place = models.ForeignKey(
        "places.Place", verbose_name=_("居住场所"), on_delete=models.PROTECT, related_name="+"
    )
    # Room numbers are part of an address: kept here, never put in a code or shown to a guard.
    room = models.CharField(_("房号"), max_length=40, blank=True)
    # The holder's pseudonym (pingan.passes.issuing.rid_for), so a gate can match a code to its
    # residents or employees without knowing who they are.
    rid = models.CharField(_("持码人假名"), max_length=32, db_index=True, editable=False)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("居住登记")
        verbose_name_plural = _("居住登记")

    def __str__(self):
        return f"{self.person} @ {self.place}"


class Employment(models.Model):
    """The enterprise a person works at (one current employer per person)."""

    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("人员"),
        on_delete=models.CASCADE,
        related_name="employment",
    )
    place = models.ForeignKey(
        "places.Place", verbose_name=_("就业单位"), on_delete=models.PROTECT, related_name="+"
    )
    # The holder's pseudonym (pingan.passes.issuing.rid_for), so a gate can match a code to its
    # residents or employees without knowing who they are.
    rid = models.CharField(_("持码人假名"), max_length=32, db_index=True, editable=False)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("就业登记")
        verbose_name_plural = _("就业登记")

    def __str__(self):
        return f"{self.person} @ {self.place}"
