"""Service-centre counts: matters settled in the month, and those settled in one visit
(最多跑一次), per the centre's region — the same definition as the centre's own page."""

from django.db.models import Q

from pingan.analytics.sources import Source, monthly_counts
from pingan.hall.models import Matter


def collect(start, end):
    common = {"region": "centre__region__code", "start": start, "end": end, "at": "settled_at"}
    yield from monthly_counts(Matter.objects.all(), measure="hall.settled", **common)
    yield from monthly_counts(
        Matter.objects.all(), measure="hall.settled_one_visit", where=Q(visit_count=1), **common
    )


SOURCE = Source(name="hall", measures=("hall.settled", "hall.settled_one_visit"), collect=collect)
