"""Code scans at checkpoints (counts only): per result and per code colour, in the checkpoint's
region.

Scan logs are purged after a few weeks (PINGAN_SCAN_RETENTION_DAYS), so they cannot be recounted
a month later as the other sources are: each finished day is counted once, the day after, and
added to its month's figures (`rollup.count_scan_days`).
"""

import datetime

from django.db.models import Count, F

from pingan.analytics.periods import add_months
from pingan.analytics.sources import VILLAGE_CODE_LENGTH, Fact, local_midnight
from pingan.passes.models import ScanLog

NAME = "passes.scans"
MEASURES = ("passes.scans", "passes.colours")


def collect_days(first: datetime.date, end: datetime.date):
    """Facts for the whole local days [first, end), one GROUP BY per calendar month."""
    day = first
    while day < end:
        month = day.replace(day=1)
        stop = min(add_months(month, 1), end)
        rows = (
            ScanLog.objects.filter(at__gte=local_midnight(day), at__lt=local_midnight(stop))
            .values(region=F("checkpoint__region__code"), outcome=F("result"), hue=F("colour"))
            .annotate(n=Count("pk"))
            .order_by()
        )
        totals: dict[tuple, int] = {}
        for row in rows:
            code = (row["region"] or "")[:VILLAGE_CODE_LENGTH]
            for ident in (
                (code, "passes.scans", row["outcome"]),
                (code, "passes.colours", row["hue"] or ""),
            ):
                totals[ident] = totals.get(ident, 0) + row["n"]
        for (code, measure, key), value in totals.items():
            yield Fact(month, code, measure, key, value)
        day = stop
