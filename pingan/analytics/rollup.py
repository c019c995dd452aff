"""Counting the platform's records into `MonthlyFact`, a source at a time.

Each run replaces the facts of the months it covers, so it can be repeated at will; a lock on
the source's `RollupRun` row keeps two runs (the scheduler's and a command's) from interleaving
their swaps (each swap is a whole count, so the later one simply wins).
"""

import datetime
import time
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
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


def count_scan_days(*, today: datetime.date | None = None, recount: bool = False) -> int:
    """Add every finished day of scans not yet counted to its month's figures; return the
    number of days counted. Days are counted once (the run's row remembers the last one), so
    the scan-log purge never takes figures with it. `recount` starts again from the oldest
    scan still kept (after generated data was loaded; purged days are then lost)."""
    from pingan.analytics.sources import scans
    from pingan.passes.models import ScanLog

    today = today or timezone.localtime().date()
    with transaction.atomic():
        if recount:
            RollupRun.objects.filter(source=scans.NAME).delete()
            MonthlyFact.objects.filter(measure__in=scans.MEASURES).delete()
        run = RollupRun.objects.select_for_update().filter(source=scans.NAME).first()
        if run is None:
            earliest = ScanLog.objects.order_by("at").values_list("at", flat=True).first()
            if earliest is None:
                return 0
            first = timezone.localtime(earliest).date()
            run = RollupRun.objects.create(
                source=scans.NAME,
                months_from=first,
                months_to=first - datetime.timedelta(days=1),
                facts=0,
                seconds=0,
            )
        first = run.months_to + datetime.timedelta(days=1)
        if first >= today:
            return 0
        began = time.perf_counter()
        added = 0
        for fact in scans.collect_days(first, today):
            updated = MonthlyFact.objects.filter(
                month=fact.month, region_code=fact.region_code, measure=fact.measure, key=fact.key
            ).update(value=F("value") + fact.value)
            if not updated:
                MonthlyFact.objects.create(
                    month=fact.month,
                    region_code=fact.region_code,
                    measure=fact.measure,
                    key=fact.key,
                    value=fact.value,
                )
            added += 1
        RollupRun.objects.filter(pk=run.pk).update(
            months_to=today - datetime.timedelta(days=1),
            facts=run.facts + added,
            seconds=time.perf_counter() - began,
            finished_at=timezone.now(),
        )
    return (today - first).days
