"""What a dashboard shows for one region and period, assembled from one FactTable read.

Used by the dashboard page, its Excel exports, the big screen, the annual report and the API,
so that every view of a figure is the same figure.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from pingan.analytics import links
from pingan.analytics.figures import OWN_LEVEL, FactTable, Figure, change, months_for
from pingan.analytics.indicators import (
    BY_KEY,
    GROUPS,
    INDICATORS,
    RANKING_CHOICES,
    REGION_COLUMNS,
)
from pingan.analytics.periods import MONTH, Period, add_months
from pingan.analytics.rollup import last_counted_at
from pingan.cases.models import Category, Channel, Kind
from pingan.core.errors import NotFound
from pingan.org import scoping
from pingan.org.models import Region
from pingan.org.roles import Role

VIEWER_ROLES = (Role.LEADER, Role.ADMIN)
TREND_MONTHS = 12
ALL_MEASURES = {measure for indicator in INDICATORS for measure in indicator.measures} | {
    "cases.by_kind",
    "cases.by_category",
}


def viewer_codes(user) -> list[str] | None:
    return scoping.jurisdiction_codes(user, VIEWER_ROLES)


def region_for(user, code: str | None) -> Region:
    """The region asked for, if the viewer's jurisdiction covers it; else NotFound. Without a
    code: the top of the viewer's jurisdiction."""
    codes = viewer_codes(user)
    if not code:
        if codes is None:
            region = Region.objects.filter(level=Region.Level.CITY).order_by("code").first()
        else:
            region = Region.objects.filter(code__in=codes).order_by("code").first()
        if region is None:
            raise NotFound()
        return region
    region = Region.objects.filter(code=str(code)[:15]).select_related("parent").first()
    if region is None or not (codes is None or any(region.code.startswith(c) for c in codes)):
        raise NotFound()
    return region


def breadcrumbs(user, region: Region) -> list[Region]:
    """The region's ancestors the viewer may open, then the region."""
    codes = viewer_codes(user)
    chain = []
    node = region
    while node is not None:
        if codes is None or any(node.code.startswith(c) for c in codes):
            chain.append(node)
        node = node.parent
    return list(reversed(chain))


@dataclass
class RegionRow:
    code: str
    name: str
    drillable: bool
    figures: list[Figure]


@dataclass
class Breakdown:
    name: str
    title: str
    rows: list[tuple[str, int, object]]  # (label, value in the period, 同比 change)


@dataclass
class Dashboard:
    region: Region
    period: Period
    groups: list[tuple[str, list[Figure]]]
    region_rows: list[RegionRow]
    region_columns: list
    breakdowns: list[Breakdown]
    trend: dict
    ranking: dict
    as_of: object
    links: dict = field(default_factory=dict)

    def figure(self, key: str) -> Figure:
        for _label, figures in self.groups:
            for figure in figures:
                if figure.indicator.key == key:
                    return figure
        raise KeyError(key)

    def charts(self) -> dict:
        """The data the page's ECharts read (json_script; no inline script)."""
        return {
            "trend": self.trend,
            "ranking": self.ranking,
            "distribution": [
                {"name": row.name, "value": row.figures[0].value or 0} for row in self.region_rows
            ],
            "categories": [
                {"name": label, "value": value}
                for label, value, _change in self.breakdown("categories").rows
            ],
        }

    def breakdown(self, name: str) -> Breakdown:
        return next(b for b in self.breakdowns if b.name == name)


def child_code_length(region: Region) -> int | None:
    """Drill-down stops at villages: grids are where grid workers patrol, not a statistics unit."""
    child_level = {
        Region.Level.CITY: Region.Level.TOWN,
        Region.Level.TOWN: Region.Level.VILLAGE,
    }.get(region.level)
    return Region.CODE_LENGTHS[child_level] if child_level else None


def build(
    region: Region, period: Period, *, ranking_key: str = RANKING_CHOICES[0], today=None
) -> Dashboard:
    """The figures of `region` over `period`; a running quarter or year counts the months so
    far and compares them with the same months before."""
    period = period.to_date(today or timezone.localdate())
    child_length = child_code_length(region)
    table = FactTable(
        region.code,
        months_for(period, trend_months=TREND_MONTHS),
        ALL_MEASURES,
        child_length=child_length,
    )
    groups = [
        (label, [table.figure(ind, period) for ind in INDICATORS if ind.group == group])
        for group, label in GROUPS.items()
    ]
    rows = _region_rows(table, region, period) if child_length else []
    return Dashboard(
        region=region,
        period=period,
        groups=groups,
        region_rows=rows,
        region_columns=[BY_KEY[key] for key in REGION_COLUMNS],
        breakdowns=_breakdowns(table, period),
        trend=_trend(table, period),
        ranking=_ranking(table, rows, period, ranking_key),
        as_of=last_counted_at(),
        links={
            ind.key: links.records_url(ind, region.code, period)
            for ind in INDICATORS
            if ind.records
        },
    )


def _region_rows(table: FactTable, region: Region, period: Period) -> list[RegionRow]:
    columns = [BY_KEY[key] for key in REGION_COLUMNS]
    rows = [
        RegionRow(
            child.code,
            child.name,
            child.level == Region.Level.TOWN,
            [table.figure(ind, period, child.code) for ind in columns],
        )
        for child in Region.objects.filter(parent=region, is_active=True).order_by("code")
    ]
    own = [table.figure(ind, period, OWN_LEVEL) for ind in columns]
    if any(figure.numerator for figure in own):
        rows.append(RegionRow("", _("%(name)s本级") % {"name": region.name}, False, own))
    return rows


def _breakdowns(table: FactTable, period: Period) -> list[Breakdown]:
    year_ago = period.year_ago().months

    def rows(measure, labels):
        now = table.keyed(measure, period.months)
        before = table.keyed(measure, year_ago)
        keys = sorted(set(now) | set(before), key=lambda k: (-now.get(k, 0), k))
        return [
            (
                str(labels.get(key, key or _("未分类"))),
                now.get(key, 0),
                change(now.get(key, 0), before.get(key, 0), is_rate=False),
            )
            for key in keys
        ]

    categories = dict(Category.objects.filter(parent=None).values_list("code", "name"))
    return [
        Breakdown("channels", _("按来源渠道"), rows("cases.received", dict(Channel.choices))),
        Breakdown("kinds", _("按诉求类型"), rows("cases.by_kind", dict(Kind.choices))),
        Breakdown("categories", _("按事项分类"), rows("cases.by_category", categories)),
    ]


def _trend(table: FactTable, period: Period) -> dict:
    months = [add_months(period.last_month, -back) for back in range(TREND_MONTHS - 1, -1, -1)]
    series = {"months": [f"{m:%Y-%m}" for m in months]}
    for key in ("cases.received", "cases.finish_rate", "cases.satisfaction_rate"):
        values = [table.value(BY_KEY[key], Period(MONTH, m, 1))[0] for m in months]
        series[key] = [float(v) if v is not None else None for v in values]
    series["labels"] = {
        key: str(BY_KEY[key].label)
        for key in ("cases.received", "cases.finish_rate", "cases.satisfaction_rate")
    }
    return series


def _ranking(table, rows: list[RegionRow], period: Period, key: str) -> dict:
    indicator = BY_KEY[key if key in RANKING_CHOICES else RANKING_CHOICES[0]]
    scored = []
    for row in rows:
        if not row.code:
            continue
        value = table.value(indicator, period, row.code)[0]
        scored.append((row.name, value))
    reverse = indicator.better != "down"
    present = sorted(
        (item for item in scored if item[1] is not None), key=lambda x: x[1], reverse=reverse
    )
    missing = [item for item in scored if item[1] is None]
    return {
        "key": indicator.key,
        "label": str(indicator.label),
        "unit": indicator.unit,
        "items": [
            {"name": name, "value": float(value) if value is not None else None}
            for name, value in present + missing
        ],
    }
