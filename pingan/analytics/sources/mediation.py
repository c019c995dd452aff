"""Mediation counts (人民调解): disputes received by source, accepted, concluded by outcome, and
the court's pre-litigation referrals (诉前调解) concluded by outcome."""

from django.db.models import Q

from pingan.analytics.sources import Source, monthly_counts
from pingan.mediation.models import Dispute
from pingan.mediation.models.dispute import Source as DisputeSource


def collect(start, end):
    disputes = Dispute.objects.all()
    common = {"region": "region__code", "start": start, "end": end}
    yield from monthly_counts(
        disputes, measure="mediation.received", at="created_at", key="source", **common
    )
    yield from monthly_counts(disputes, measure="mediation.accepted", at="accepted_at", **common)
    yield from monthly_counts(
        disputes.exclude(outcome=""),
        measure="mediation.concluded",
        at="concluded_at",
        key="outcome",
        **common,
    )
    yield from monthly_counts(
        disputes.exclude(outcome=""),
        measure="mediation.court_concluded",
        at="concluded_at",
        key="outcome",
        where=Q(source=DisputeSource.COURT),
        **common,
    )


SOURCE = Source(
    name="mediation",
    measures=(
        "mediation.received",
        "mediation.accepted",
        "mediation.concluded",
        "mediation.court_concluded",
    ),
    collect=collect,
)
