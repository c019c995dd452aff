"""The 三率 from survey answers: per measure (awareness, participation, satisfaction) the answers
to the questions tagged with it and those that count as yes — the same rule as the surveys app's
own rate page (pingan/surveys/rates.py) — dated by submission, in the respondent's region."""

from django.db.models import F, Q

from pingan.analytics.sources import Source, monthly_counts
from pingan.surveys.models import Answer, Measure


def collect(start, end):
    answers = Answer.objects.filter(question__measures__in=Measure.values)
    common = {
        "region": "response__region__code",
        "start": start,
        "end": end,
        "at": "response__submitted_at",
        "key": "question__measures",
    }
    yield from monthly_counts(answers, measure="surveys.answers", **common)
    yield from monthly_counts(
        answers,
        measure="surveys.yes",
        where=Q(choice__counts=True) | Q(rating__gte=F("question__satisfied_min")),
        **common,
    )


SOURCE = Source(name="surveys", measures=("surveys.answers", "surveys.yes"), collect=collect)
