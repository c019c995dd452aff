"""What the rollup counts. Each source reads one app's records with a few GROUP BY queries and
yields `Fact`s; the rollup job replaces the months it counted (pingan/analytics/rollup.py)."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from pingan.analytics.periods import add_months

LOCAL = ZoneInfo("Asia/Shanghai")
VILLAGE_CODE_LENGTH = 12


@dataclass(frozen=True)
class Fact:
    month: datetime.date
    region_code: str
    measure: str
    key: str
    value: int


@dataclass(frozen=True)
class Source:
    name: str
    measures: tuple[str, ...]
    collect: Callable[[datetime.date, datetime.date], Iterable[Fact]]


def local_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, tzinfo=LOCAL)


def monthly_counts(
    queryset: QuerySet,
    *,
    measure: str,
    at: str,
    region: str,
    start: datetime.date,
    end: datetime.date,
    key: str | None = None,
    value: str | None = None,
    where: Q | None = None,
    key_map: Callable[[str], str] | None = None,
    date_field: bool = False,
) -> Iterable[Fact]:
    """Count (or sum `value`) of `queryset` rows whose `at` falls in [start, end), per local
    month, region (cut to village level) and optionally `key`, as facts of `measure`. `at` is a
    DateTimeField (its local month counts) or, with `date_field`, a DateField."""
    if date_field:
        rows = queryset.filter(**{f"{at}__gte": start, f"{at}__lt": end})
        month = TruncMonth(at)
    else:
        rows = queryset.filter(
            **{f"{at}__gte": local_midnight(start), f"{at}__lt": local_midnight(end)}
        )
        month = TruncMonth(at, tzinfo=LOCAL)
    if where is not None:
        rows = rows.filter(where)
    fields = {"m": month, "r": F(region)}
    if key:
        fields["k"] = F(key)
    rows = rows.values(**fields).annotate(n=Sum(value) if value else Count("pk")).order_by()
    yield from _facts(rows, measure, key_map)


def stock_counts(
    queryset: QuerySet,
    *,
    measure: str,
    region: str,
    start: datetime.date,
    end: datetime.date,
    open_at: Callable[[datetime.datetime], Q],
    key: str | None = None,
) -> Iterable[Fact]:
    """For each month in [start, end): rows for which `open_at(month end)` holds, per region,
    dated to that month (a stock, such as the backlog at the end of the month)."""
    month = start
    while month < end:
        month_end = local_midnight(add_months(month, 1))
        fields = {"r": F(region)}
        if key:
            fields["k"] = F(key)
        rows = queryset.filter(open_at(month_end)).values(**fields).annotate(n=Count("pk"))
        yield from _facts(({**row, "m": month} for row in rows.order_by()), measure)
        month = add_months(month, 1)


def _facts(rows, measure: str, key_map=None) -> Iterable[Fact]:
    totals: dict[tuple, int] = {}
    for row in rows:
        month = row["m"]
        if isinstance(month, datetime.datetime):
            month = month.astimezone(LOCAL).date()
        key = str(row.get("k") or "")
        if key_map is not None:
            key = key_map(key)
        ident = (month.replace(day=1), (row["r"] or "")[:VILLAGE_CODE_LENGTH], key)
        totals[ident] = totals.get(ident, 0) + int(row["n"] or 0)
    for (month, region_code, key), value in totals.items():
        if value:
            yield Fact(month, region_code, measure, key, value)


def all_sources() -> list[Source]:
    from pingan.analytics.sources import (
        cases,
        external,
        hall,
        hazards,
        mediation,
        petitions,
        safety,
        surveys,
    )

    return [
        cases.SOURCE,
        cases.BACKLOG,
        petitions.SOURCE,
        mediation.SOURCE,
        hall.SOURCE,
        hazards.SOURCE,
        safety.SOURCE,
        surveys.SOURCE,
        external.SOURCE,
    ]
