"""What the duplicate search and the routing suggestions read about a case, kept beside it.

One row per case, written by pingan.cases.search_index.index_case at intake (and by a periodic job
for cases that came in some other way). It holds the case's text as normalised bigrams, so
candidates are compared without normalising their descriptions again, and its place and category
family in columns whose indexes end in the creation time: "the newest open cases of this village
in this family" is one index range read backwards, however many cases the town has.

It also copies what the search filters and scores on (status, category, the caller's phone index,
coordinates), so the search reads this table alone. The status changes with every transition;
a database trigger (migration 0003) copies it here whenever a case's status changes, whichever
code path changed it. The other copied fields do not change after intake.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from pingan.cases.models.case import Case


class CaseSearchEntry(models.Model):
    case = models.OneToOneField(
        Case,
        verbose_name=_("工单"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_entry",
    )
    # The case's region code cut at the town (9 digits) and the village (12 digits); "" when the
    # case's region is above that level.
    town_code = models.CharField(_("街道/镇代码"), max_length=9)
    village_code = models.CharField(_("村/社区代码"), max_length=12, blank=True)
    region_code = models.CharField(_("区划代码"), max_length=15)
    # The root of the case's category (劳动保障 for 欠薪): reports of one matter are often filed
    # under sibling categories, rarely under another family.
    # No index of its own: the (family, created_at) index below serves lookups by family.
    family = models.ForeignKey(
        "cases.Category",
        verbose_name=_("分类大类"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    shingles = models.TextField(_("描述二元组"), blank=True)
    created_at = models.DateTimeField(_("登记时间"))
    # Copies of the case's fields (see the module's docstring).
    status = models.CharField(_("状态"), max_length=20)
    category = models.ForeignKey(
        "cases.Category",
        verbose_name=_("事项分类"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    reporter_phone_index = models.CharField(max_length=32, blank=True)
    latitude = models.FloatField(_("纬度"), null=True, blank=True)
    longitude = models.FloatField(_("经度"), null=True, blank=True)

    class Meta:
        verbose_name = _("查重索引")
        verbose_name_plural = _("查重索引")
        indexes = [
            models.Index(
                fields=["village_code", "family", "created_at"], name="cases_search_village_fam"
            ),
            models.Index(
                fields=["town_code", "family", "created_at"], name="cases_search_town_fam"
            ),
            models.Index(fields=["reporter_phone_index", "created_at"], name="cases_search_phone"),
        ]

    def __str__(self):
        return str(self.case_id)


class SearchWeights(models.Model):
    """How many of the recent cases each bigram occurs in, counted by a periodic job
    (pingan.cases.duplicates.refresh_weights); the newest row is the one in use."""

    computed_at = models.DateTimeField(_("统计时间"))
    cases = models.PositiveIntegerField(_("统计工单数"))
    # {bigram: number of cases}, for bigrams found in at least two cases.
    frequencies = models.JSONField(_("二元组文档频次"), default=dict)

    class Meta:
        verbose_name = _("查重词频")
        verbose_name_plural = _("查重词频")

    def __str__(self):
        return f"{self.computed_at:%Y-%m-%d %H:%M} ({self.cases})"


class CaseSearchKey(models.Model):
    """One of a case's rarest bigrams (the names it mentions: 景天, 天小 of 景天小区), so that
    the search finds older reports of the same place or company without reading every case of
    the town. A handful per case, chosen at intake by the weights of the time."""

    # No index of its own: the unique (entry, key) constraint serves lookups by entry.
    entry = models.ForeignKey(
        CaseSearchEntry,
        verbose_name=_("查重索引"),
        on_delete=models.CASCADE,
        related_name="keys",
        db_index=False,
    )
    key = models.CharField(_("二元组"), max_length=4)
    # Copied from the entry: the search looks a key up within one town.
    town_code = models.CharField(_("街道/镇代码"), max_length=9)
    created_at = models.DateTimeField(_("登记时间"))

    class Meta:
        verbose_name = _("查重关键词")
        verbose_name_plural = _("查重关键词")
        indexes = [
            models.Index(fields=["key", "town_code", "created_at"], name="cases_search_key"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["entry", "key"], name="cases_search_key_unique")
        ]

    def __str__(self):
        return self.key
