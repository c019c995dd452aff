"""Hazard counts (隐患排查整改): found by grade, closed (销号), and overdue at each month's end."""

from django.db.models import Q

from pingan.analytics.sources import Source, monthly_counts, stock_counts
from pingan.hazards.models import Hazard
from pingan.hazards.workflow import Status


def collect(start, end):
    hazards = Hazard.objects.exclude(status=Status.DISMISSED)
    common = {"region": "region__code", "start": start, "end": end}
    yield from monthly_counts(
        hazards, measure="hazards.found", at="found_at", key="grade", **common
    )
    yield from monthly_counts(
        hazards.filter(status=Status.CLOSED), measure="hazards.closed", at="closed_at", **common
    )

    def overdue(moment):
        return (
            Q(found_at__lt=moment)
            & Q(due_at__lt=moment)
            & (Q(closed_at__isnull=True) | Q(closed_at__gte=moment))
        )

    yield from stock_counts(hazards, measure="hazards.overdue", open_at=overdue, **common)


SOURCE = Source(
    name="hazards",
    measures=("hazards.found", "hazards.closed", "hazards.overdue"),
    collect=collect,
)
