"""Petition counts (信访): volume, people, collective, repeat and over-level petitions, and the
backlog (积案: past the handling limit without a reply) at each month's end."""

from django.db.models import Q

from pingan.analytics.sources import Source, monthly_counts, stock_counts
from pingan.petitions.models import Petition

REGION = "case__region__code"


def collect(start, end):
    petitions = Petition.objects.all()
    common = {"region": REGION, "start": start, "end": end, "at": "registered_at"}
    yield from monthly_counts(petitions, measure="petitions.registered", **common)
    yield from monthly_counts(petitions, measure="petitions.people", value="headcount", **common)
    yield from monthly_counts(
        petitions, measure="petitions.collective", where=Q(is_collective=True), **common
    )
    yield from monthly_counts(
        petitions,
        measure="petitions.repeat",
        where=Q(repeat_of__isnull=False),
        **common,
    )
    yield from monthly_counts(
        petitions, measure="petitions.over_level", where=Q(over_level=True), **common
    )
    yield from monthly_counts(
        Petition.objects.all(),
        measure="petitions.replied",
        region=REGION,
        start=start,
        end=end,
        at="replied_at",
    )

    def backlog(moment):
        return (
            Q(registered_at__lt=moment)
            & Q(handle_due__lt=moment)
            & (Q(replied_at__isnull=True) | Q(replied_at__gte=moment))
        )

    yield from stock_counts(
        petitions, measure="petitions.backlog", region=REGION, start=start, end=end, open_at=backlog
    )


SOURCE = Source(
    name="petitions",
    measures=(
        "petitions.registered",
        "petitions.people",
        "petitions.collective",
        "petitions.repeat",
        "petitions.over_level",
        "petitions.replied",
        "petitions.backlog",
    ),
    collect=collect,
)
