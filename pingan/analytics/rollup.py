"""Counting the platform's records into `MonthlyFact`, a source at a time.

Each run replaces the facts of the months it covers, so it can be repeated at will; a lock on
the source's `RollupRun` row keeps two runs (the scheduler's and a command's) from interleaving
their swaps (each swap is a whole count, so the later one simply wins).
"""

import datetime
import time
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from pingan.analytics.models import MonthlyFact, RollupRun
from pingan.analytics.periods import add_months
from pingan.analytics.sources import LOCAL, Source, all_sources

# Work orders closed today change the rates of the month they were taken in: the periodic run
# recounts the last 13 months (this month and the same month last year for 同比).
RECENT_MONTHS = 13
BATCH = 5000


@dataclass
class RollupResult:
    source: str
    facts: int
    seconds: float


def this_month(now: datetime.datetime | None = None) -> datetime.date:
    local = (now or timezone.now()).astimezone(LOCAL)
    return datetime.date(local.year, local.month, 1)


def recent_window(now=None) -> tuple[datetime.date, datetime.date]:
    current = this_month(now)
    return add_months(current, 1 - RECENT_MONTHS), add_months(current, 1)


def rollup(
    *,
    start: datetime.date,
    end: datetime.date,
    sources: list[Source] | None = None,
    progress=None,
) -> list[RollupResult]:
    """Recount [start, end) (first days of months) for each source. `progress(source, facts)`
    is called after each source, for a command's progress bar."""
    results = []
    for source in sources or all_sources():
        began = time.perf_counter()
        # Counted before the write transaction: on SQLite a writer blocks every other writer,
        # and counting a year of work orders takes a while; the swap below takes milliseconds.
        counted = [
            MonthlyFact(
                month=fact.month,
                region_code=fact.region_code,
                measure=fact.measure,
                key=fact.key,
                value=fact.value,
            )
            for fact in source.collect(start, end)
        ]
        with transaction.atomic():
            run, _created = RollupRun.objects.get_or_create(
                source=source.name,
                defaults={"months_from": start, "months_to": start, "facts": 0, "seconds": 0},
            )
            RollupRun.objects.select_for_update().filter(pk=run.pk).first()
            MonthlyFact.objects.filter(
                measure__in=source.measures, month__gte=start, month__lt=end
            ).delete()
            MonthlyFact.objects.bulk_create(counted, batch_size=BATCH)
            facts = len(counted)
            seconds = time.perf_counter() - began
            RollupRun.objects.filter(pk=run.pk).update(
                months_from=start,
                months_to=add_months(end, -1),
                facts=facts,
                seconds=seconds,
                finished_at=timezone.now(),
            )
        results.append(RollupResult(source.name, facts, seconds))
        if progress is not None:
            progress(source.name, facts)
    return results


def rollup_recent(now=None) -> list[RollupResult]:
    start, end = recent_window(now)
    return rollup(start=start, end=end)


def last_counted_at() -> datetime.datetime | None:
    run = RollupRun.objects.order_by("finished_at").first()
    return run.finished_at if run else None
