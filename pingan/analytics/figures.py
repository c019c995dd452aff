"""Turning monthly facts into the figures shown: values, 同比 and 环比, rounded one way.

Percentages are rounded half up to two decimals (11.295 → 11.30), as statistical bulletins do;
a change against zero has no percentage and says so. Rates change in percentage points.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum
from django.db.models.functions import Substr

from pingan.analytics.indicators import BY_KEY, STOCK, Indicator, Term
from pingan.analytics.models import MonthlyFact
from pingan.analytics.periods import Period

HUNDREDTH = Decimal("0.01")
# The drill-down row of records placed in a region itself rather than in one of its children
# (a work order located only "in 梧桐街道").
OWN_LEVEL = "own"


def percent(numerator: int, denominator: int) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(HUNDREDTH, ROUND_HALF_UP)


@dataclass(frozen=True)
class Change:
    previous: Decimal | int | None
    # Percent for counts, percentage points for rates; None when it cannot be computed.
    delta: Decimal | None
    points: bool  # True: `delta` is in percentage points

    @property
    def direction(self) -> str:
        if self.delta is None or self.delta == 0:
            return "flat"
        return "up" if self.delta > 0 else "down"


def change(current, previous, *, is_rate: bool) -> Change:
    if current is None or previous is None:
        return Change(previous, None, is_rate)
    if is_rate:
        return Change(previous, (Decimal(current) - Decimal(previous)).quantize(HUNDREDTH), True)
    if previous == 0:
        return Change(previous, None, False)
    delta = (Decimal(current) - Decimal(previous)) * 100 / Decimal(previous)
    return Change(previous, delta.quantize(HUNDREDTH, ROUND_HALF_UP), False)


@dataclass(frozen=True)
class Figure:
    indicator: Indicator
    value: Decimal | int | None
    numerator: int
    denominator: int | None
    yoy: Change
    mom: Change


class FactTable:
    """The facts of one region subtree over some months, summed per (child, month, measure,
    key): fetched in one query, then read as often as the page needs."""

    def __init__(self, prefix: str, months: list[datetime.date], measures: set[str], *,
                 child_length: int | None = None):  # fmt: skip
        self.prefix = prefix
        self.child_length = child_length
        # (region, measure) -> {(month, key): total}: a term reads only its own small dict.
        self.values: dict[tuple[str, str], dict[tuple, int]] = defaultdict(lambda: defaultdict(int))
        rows = MonthlyFact.objects.filter(
            region_code__startswith=prefix, month__in=sorted(set(months)), measure__in=measures
        )
        fields = ["month", "measure", "key"]
        if child_length:
            rows = rows.annotate(child=Substr("region_code", 1, child_length))
            fields.append("child")
        for row in rows.values(*fields).annotate(total=Sum("value")).order_by():
            cell = (row["month"], row["key"])
            if child_length:
                child = row["child"]
                if len(child) < child_length:
                    child = OWN_LEVEL  # a record placed in the region itself, not in a child
                self.values[(child, row["measure"])][cell] += row["total"]
            self.values[(prefix, row["measure"])][cell] += row["total"]

    def children(self) -> set[str]:
        return {region for region, _measure in self.values if region != self.prefix}

    def _cells(self, child: str | None, measure: str) -> dict:
        return self.values.get((self.prefix if child is None else child, measure), {})

    def term(self, term: Term, months: list[datetime.date], child: str | None = None) -> int:
        cells = self._cells(child, term.measure)
        wanted = set(months)
        return sum(
            value
            for (month, key), value in cells.items()
            if month in wanted and (term.keys is None or key in term.keys)
        )

    def keyed(self, measure: str, months: list[datetime.date], child: str | None = None):
        """{key: total} of one measure: the breakdowns by channel, kind, category..."""
        found: dict[str, int] = defaultdict(int)
        wanted = set(months)
        for (month, key), value in self._cells(child, measure).items():
            if month in wanted:
                found[key] += value
        return dict(found)

    def value(self, indicator: Indicator, period: Period, child: str | None = None):
        """(value, numerator, denominator) of the indicator over the period."""
        months = [period.last_month] if indicator.kind == STOCK else period.months
        numerator = self.term(indicator.numerator, months, child)
        if indicator.denominator is None:
            return numerator, numerator, None
        denominator = self.term(indicator.denominator, months, child)
        return percent(numerator, denominator), numerator, denominator

    def figure(self, indicator: Indicator, period: Period, child: str | None = None) -> Figure:
        value, numerator, denominator = self.value(indicator, period, child)
        year_ago = self.value(indicator, period.year_ago(), child)[0]
        before = self.value(indicator, period.previous(), child)[0]
        return Figure(
            indicator,
            value,
            numerator,
            denominator,
            change(value, year_ago, is_rate=indicator.is_rate),
            change(value, before, is_rate=indicator.is_rate),
        )


def months_for(period: Period, *, trend_months: int = 0) -> list[datetime.date]:
    """The months a page about `period` reads: the period, 同比, 环比 and a trend before it."""
    from pingan.analytics.periods import add_months

    months = set(period.months) | set(period.year_ago().months) | set(period.previous().months)
    for back in range(trend_months):
        months.add(add_months(period.last_month, -back))
    return sorted(months)


def figures(table: FactTable, period: Period, keys: list[str], child=None) -> list[Figure]:
    return [table.figure(BY_KEY[key], period, child) for key in keys]
