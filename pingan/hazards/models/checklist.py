"""Inspection checklists (per kind of place, edited by an admin) and the inspections that fill
them in, item by item."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pingan.places.models import Place


class ChecklistItem(models.Model):
    """One line of the checklist for a kind of place (检查表), e.g. 消防通道是否畅通 for shops.
    Retired items are deactivated, not deleted: past inspections keep their wording anyway."""

    kind = models.CharField(_("场所类型"), max_length=20, choices=Place.Kind.choices)
    position = models.PositiveSmallIntegerField(_("序号"), default=0)
    text = models.CharField(_("检查内容"), max_length=200)
    guidance = models.CharField(_("检查要点"), max_length=300, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("检查项")
        verbose_name_plural = _("检查表（按场所类型）")
        ordering = ["kind", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "text"],
                name="hazards_checklist_unique_text",
                violation_error_message=_("该类场所已有相同的检查项"),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.text}"


class Result(models.TextChoices):
    PASS = "pass", _("合格")
    FAIL = "fail", _("不合格")
    NOT_APPLICABLE = "na", _("不适用")


class Inspection(models.Model):
    """One visit of an inspector to a place, with every checklist item's result."""

    place = models.ForeignKey(
        Place, verbose_name=_("场所"), on_delete=models.PROTECT, related_name="inspections"
    )
    # The place's region when inspected, so scoping and statistics need no join through places.
    region = models.ForeignKey(
        "org.Region", verbose_name=_("所属区域"), on_delete=models.PROTECT, related_name="+"
    )
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("检查人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    inspected_at = models.DateTimeField(_("检查时间"))
    note = models.TextField(_("检查情况"), blank=True)

    class Meta:
        verbose_name = _("场所检查")
        verbose_name_plural = _("场所检查")
        ordering = ["-inspected_at", "-id"]
        indexes = [models.Index(fields=["region", "inspected_at"], name="hazards_insp_region_at")]

    def __str__(self):
        return f"{self.place} {self.inspected_at:%Y-%m-%d}"


class InspectionResult(models.Model):
    inspection = models.ForeignKey(
        Inspection, verbose_name=_("检查"), on_delete=models.CASCADE, related_name="results"
    )
    item = models.ForeignKey(
        ChecklistItem,
        verbose_name=_("检查项"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The item's wording as it was checked: an admin may reword the checklist later.
    item_text = models.CharField(_("检查内容"), max_length=200)
    position = models.PositiveSmallIntegerField(_("序号"), default=0)
    result = models.CharField(_("结果"), max_length=4, choices=Result.choices)
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("检查结果")
        verbose_name_plural = _("检查结果")
        ordering = ["position", "id"]

    def __str__(self):
        return f"{self.item_text}: {self.get_result_display()}"
