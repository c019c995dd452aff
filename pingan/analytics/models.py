"""Monthly rollups that the dashboards read, and the figures imported from other systems.

Dashboards never scan the work orders or the scan log: the rollup job counts each month once per
region into `MonthlyFact`, and a dashboard sums a few thousand of those rows whatever the size of
the records behind them (DESIGN.md, Performance).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MonthlyFact(models.Model):
    """One count: `measure` (split by `key`, e.g. the channel) in `region_code` for `month`.

    `region_code` is the record's own region cut to village level, so a town's total is a prefix
    sum and records placed only in a town still count for it. Stock measures (the backlog) hold
    the value at the month's end; flow measures what happened in the month.
    """

    month = models.DateField(_("月份"))
    region_code = models.CharField(_("区划代码"), max_length=12)
    measure = models.CharField(_("计量"), max_length=48)
    key = models.CharField(_("维度"), max_length=48, blank=True, default="")
    value = models.BigIntegerField(_("数值"))

    class Meta:
        verbose_name = _("月度统计")
        verbose_name_plural = _("月度统计")
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "month", "region_code", "key"], name="analytics_fact_unique"
            )
        ]
        indexes = [models.Index(fields=["month", "measure"], name="analytics_fact_month")]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.region_code} {self.measure}[{self.key}] = {self.value}"


class RollupRun(models.Model):
    """When the figures were last counted, per source: the dashboards say how fresh they are."""

    source = models.CharField(_("数据来源"), max_length=40, unique=True)
    months_from = models.DateField(_("起始月份"))
    months_to = models.DateField(_("截止月份"))
    facts = models.PositiveIntegerField(_("写入条数"))
    seconds = models.FloatField(_("耗时（秒）"))
    finished_at = models.DateTimeField(_("完成时间"), default=timezone.now)

    class Meta:
        verbose_name = _("统计汇总记录")
        verbose_name_plural = _("统计汇总记录")

    def __str__(self):
        return f"{self.source} {self.finished_at:%Y-%m-%d %H:%M}"


class ExternalKind(models.TextChoices):
    CRIMINAL = "criminal", _("刑事发案")
    CIVIL = "civil", _("民商事案件")
    ACCIDENT = "accident", _("安全事故")


class ExternalImport(models.Model):
    """One upload of the Excel template: who, when, which file, what it did."""

    file_name = models.CharField(_("文件名"), max_length=200)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导入人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("导入时间"), default=timezone.now)
    rows_created = models.PositiveIntegerField(_("新增条数"), default=0)
    rows_updated = models.PositiveIntegerField(_("更正条数"), default=0)

    class Meta:
        verbose_name = _("外部数据导入")
        verbose_name_plural = _("外部数据导入")
        ordering = ["-imported_at", "-id"]

    def __str__(self):
        return f"{self.file_name} {self.imported_at:%Y-%m-%d %H:%M}"


class ExternalFigure(models.Model):
    """A monthly figure kept by another system (public security, the court, the emergency
    bureau), for a town or the city. The latest import wins; `history` keeps every import."""

    region = models.ForeignKey(
        "org.Region", verbose_name=_("区域"), on_delete=models.PROTECT, related_name="+"
    )
    month = models.DateField(_("月份"))
    kind = models.CharField(_("指标"), max_length=12, choices=ExternalKind.choices)
    value = models.PositiveIntegerField(_("数量"))
    source_import = models.ForeignKey(
        ExternalImport, verbose_name=_("来自导入"), on_delete=models.PROTECT, related_name="figures"
    )

    class Meta:
        verbose_name = _("外部统计数据")
        verbose_name_plural = _("外部统计数据")
        ordering = ["-month", "region__code", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "month", "kind"], name="analytics_external_unique"
            )
        ]

    def __str__(self):
        return f"{self.region_id} {self.month:%Y-%m} {self.get_kind_display()} {self.value}"


class ExternalFigureHistory(models.Model):
    """Every imported row, also those later corrected: the figure's provenance."""

    figure = models.ForeignKey(
        ExternalFigure, verbose_name=_("数据"), on_delete=models.CASCADE, related_name="history"
    )
    source_import = models.ForeignKey(
        ExternalImport, verbose_name=_("导入"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.PositiveIntegerField(_("数量"))
    previous_value = models.PositiveIntegerField(_("原数量"), null=True, blank=True)

    class Meta:
        verbose_name = _("外部数据导入明细")
        verbose_name_plural = _("外部数据导入明细")

    def __str__(self):
        return f"{self.figure} ← {self.previous_value}"
