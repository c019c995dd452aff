"""The hazards, Safety Day and survey figures of the dashboard, from their own apps' records."""

import datetime
from decimal import Decimal

import pytest

from pingan.analytics import dashboard
from pingan.analytics.periods import Period
from pingan.analytics.rollup import rollup
from pingan.analytics.sources import hazards, safety, surveys
from pingan.org.models import Region

TODAY = datetime.date(2026, 11, 29)


@pytest.fixture
def counted(city):
    def count():
        rollup(
            start=datetime.date(2025, 1, 1),
            end=datetime.date(2027, 1, 1),
            sources=[hazards.SOURCE, safety.SOURCE, surveys.SOURCE],
        )
        return dashboard.build(Region.objects.get(code="330483"), Period.parse("2026"), today=TODAY)

    return count


def test_safety_day_tallies_roll_up_from_the_demo_campaign(counted):
    from pingan.safety import demo

    demo.seed()
    board = counted()
    assert board.figure("safety.questionnaires").value >= 8626
    tudian = Region.objects.get(code="330483103")
    town_board = dashboard.build(tudian, Period.parse("2026-03"), today=TODAY)
    assert town_board.figure("safety.questionnaires").value == 8626
    assert town_board.figure("safety.banners").value == 185
    assert town_board.figure("safety.screens").value == 33
    assert town_board.figure("safety.sms_sent").value == 23705


def test_survey_rates_match_the_surveys_page(counted, user):
    from pingan.safety import demo as safety_demo
    from pingan.surveys import demo, rates
    from pingan.surveys.models import Survey

    safety_demo.seed()  # the town officers who enter the paper sheets
    demo.seed()
    board = counted()
    city = Region.objects.get(code="330483")
    survey = Survey.objects.order_by("pk").first()
    page = rates.rate_report(
        user=user("admin"),
        region=city,
        start=survey.period_start,
        end=survey.period_end,
    ).total
    for measure in ("awareness", "participation", "satisfaction"):
        figure = board.figure(f"surveys.{measure}")
        assert (figure.numerator, figure.denominator) == (
            page[measure].numerator,
            page[measure].denominator,
        )
    assert board.figure("surveys.awareness").value == Decimal(
        page["awareness"].numerator * 100 / page["awareness"].denominator
    ).quantize(Decimal("0.01"))


def test_hazards_found_closed_and_overdue(counted):
    from pingan.hazards import demo
    from pingan.hazards.models import Hazard
    from pingan.places import demo as places_demo

    places_demo.seed()
    demo.seed()
    board = counted()
    this_year = {"found_at__date__lte": TODAY, "found_at__year": 2026}
    found = Hazard.objects.exclude(status="dismissed").filter(**this_year).count()
    assert Hazard.objects.exists()
    assert board.figure("hazards.found").value == found
    closed = Hazard.objects.filter(
        status="closed", closed_at__year=2026, closed_at__date__lte=TODAY
    ).count()
    assert board.figure("hazards.closed").value == closed
