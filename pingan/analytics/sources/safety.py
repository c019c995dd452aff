"""Safety Day outreach (平安桐乡日): activities by kind of work and their tallies, dated by the
day the activity was held, in the region it was held in."""

from pingan.analytics.sources import Source, monthly_counts
from pingan.safety.models import Activity

TALLIES = ("people_reached", "questionnaires", "banners", "screens", "sms_sent")


def collect(start, end):
    common = {"region": "region__code", "start": start, "end": end, "at": "held_on"}
    activities = Activity.objects.all()
    yield from monthly_counts(
        activities, measure="safety.activities", key="kind", date_field=True, **common
    )
    for tally in TALLIES:
        yield from monthly_counts(
            activities, measure=f"safety.{tally}", value=tally, date_field=True, **common
        )


SOURCE = Source(
    name="safety",
    measures=("safety.activities", *(f"safety.{tally}" for tally in TALLIES)),
    collect=collect,
)
