"""The 三率: numerator ÷ denominator over the answers to the questions tagged with each measure;
a rating counts from the question's satisfied score; no answers, no rate (not 0%); broken down
by the sub-regions of the chosen region, scoped to the viewer, limited to the period."""

from datetime import date
from decimal import Decimal

import pytest

from pingan.surveys import rates
from pingan.surveys.tests.factories import paper, region, survey_of, user

pytestmark = pytest.mark.usefixtures("demo_city")
YEAR = (date(2026, 1, 1), date(2026, 12, 31))


def report(username="admin", code="330483", period=YEAR):
    return rates.rate_report(
        user=user(username), region=region(code), start=period[0], end=period[1]
    )


def figures(rate_set):
    return {m: (r.numerator, r.denominator, r.value) for m, r in rate_set.items()}


def test_formulas_with_numerators_and_denominators():
    survey = survey_of()
    paper(survey, 1, aware=True, took_part=True, rating=5)
    paper(survey, 2, aware=True, took_part=False, rating=4)
    paper(survey, 3, aware=False, took_part=False, rating=3)
    paper(survey, 4, aware=True, took_part=False, rating=1)
    assert figures(report().total) == {
        "awareness": (3, 4, Decimal("75.0")),
        "participation": (1, 4, Decimal("25.0")),
        "satisfaction": (2, 4, Decimal("50.0")),
    }


def test_zero_denominator_gives_no_rate():
    survey_of()  # published, nobody answered
    total = report().total
    assert all(r.denominator == 0 and r.value is None for r in total.values())
    assert {r.display for r in total.values()} == {"—"}


def test_rounding_one_decimal():
    survey = survey_of()
    for n in range(1, 4):
        paper(survey, n, aware=n == 1)
    assert report().total["awareness"].value == Decimal("33.3")
    assert report().total["awareness"].display == "33.3%"


def test_optional_and_untagged_questions_do_not_count():
    survey = survey_of()
    paper(survey, 1, channels=("横幅", "短信"), text="多开展宣讲")
    total = report().total
    assert [r.denominator for r in total.values()] == [1, 1, 1]


def test_by_sub_region_and_scoped():
    city = survey_of(code="330483", actor="admin", title="全市问卷")
    paper(city, 1, actor="admin", code="330483103001", aware=True)
    paper(city, 2, actor="admin", code="330483103002", aware=False)
    paper(city, 3, actor="admin", code="330483001001", aware=True)
    city_report = report()
    assert [a.region.code for a in city_report.areas] == ["330483001", "330483103"]
    tudian = city_report.areas[1].rates["awareness"]
    assert (tudian.numerator, tudian.denominator) == (1, 2)
    assert city_report.total["awareness"].denominator == 3
    # 屠甸镇's officer sees 屠甸's answers, broken down by village, and nothing of 梧桐.
    town_report = report("tudian_officer", "330483103")
    assert town_report.total["awareness"].denominator == 2
    assert [a.region.code for a in town_report.areas] == ["330483103001", "330483103002"]
    assert report("tudian_officer", "330483").total["awareness"].denominator == 2


def test_period_overlap():
    h1 = survey_of(start=date(2026, 1, 1), end=date(2026, 6, 30), title="上半年")
    paper(h1, 1)
    assert report(period=(date(2026, 7, 1), date(2026, 12, 31))).total["awareness"].denominator == 0
    assert report(period=(date(2026, 6, 1), date(2026, 6, 30))).total["awareness"].denominator == 1


def test_survey_rates_on_its_page():
    survey = survey_of()
    paper(survey, 1, rating=4)
    assert figures(rates.survey_rates(survey))["satisfaction"] == (1, 1, Decimal("100.0"))


def test_formulas_are_stated():
    text = " ".join(str(f) for f in rates.FORMULAS.values())
    assert "知晓率 =" in text and "参与率 =" in text and "满意率 =" in text and "÷" in text
