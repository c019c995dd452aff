import datetime

import pytest

from pingan.analytics.periods import Period
from pingan.core.errors import DomainError


def test_month_quarter_year_and_their_comparisons():
    march = Period.parse("2026-03")
    assert march.months == [datetime.date(2026, 3, 1)]
    assert march.previous().code == "2026-02" and march.year_ago().code == "2025-03"
    january = Period.parse("2026-01")
    assert january.previous().code == "2025-12"
    q1 = Period.parse("2026q1")
    assert q1.code == "2026Q1" and len(q1.months) == 3
    assert q1.previous().code == "2025Q4" and q1.year_ago().code == "2025Q1"
    year = Period.parse("2025")
    assert year.end == datetime.date(2026, 1, 1) and year.previous().code == "2024"
    assert str(Period.parse("2026-11").label) == "2026年11月"
    assert str(q1.label) == "2026年第1季度"


def test_current_period():
    today = datetime.date(2026, 11, 29)
    assert Period.current("month", today).code == "2026-11"
    assert Period.current("quarter", today).code == "2026Q4"
    assert Period.current("year", today).code == "2026"


@pytest.mark.parametrize("text", ["", "2026-13", "2026-00", "26-03", "2026Q5", "1999", "3000", "x"])
def test_bad_periods_are_clear_errors(text):
    with pytest.raises(DomainError) as error:
        Period.parse(text)
    assert error.value.code == "invalid_period"


def test_a_running_year_is_compared_with_the_same_months_before():
    year = Period.parse("2026").to_date(datetime.date(2026, 11, 29))
    assert year.partial and year.length == 11 and year.code == "2026"
    assert year.year_ago().months[-1] == datetime.date(2025, 11, 1)
    assert len(year.year_ago().months) == 11
    assert str(year.label) == "2026年（1—11月）"
    q4 = Period.parse("2026Q4").to_date(datetime.date(2026, 11, 2))
    assert q4.months == [datetime.date(2026, 10, 1), datetime.date(2026, 11, 1)]
    assert q4.previous().months == [datetime.date(2026, 7, 1), datetime.date(2026, 8, 1)]
    # A finished period, or one not begun, is left whole.
    assert not Period.parse("2025").to_date(datetime.date(2026, 11, 29)).partial
    assert Period.parse("2026-11").to_date(datetime.date(2026, 11, 29)).length == 1
