"""Every percentage the dashboards print: rates, 同比/环比 changes, their rounding, and the
periods where the comparison has nothing to compare with."""

from decimal import Decimal

import pytest

from pingan.analytics.figures import change, percent


def test_the_fall_of_criminal_cases_is_eleven_point_three_percent():
    result = change(887, 1000, is_rate=False)
    assert result.delta == Decimal("-11.30")
    assert result.direction == "down"
    assert not result.points


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        (1000, 887, "12.74"),  # 113/887 = 12.7395...
        (2, 3, "-33.33"),
        (1, 3, "-66.67"),  # -66.666... rounds half up in magnitude
        (200, 8, "2400.00"),
        (5, 5, "0.00"),
        (0, 7, "-100.00"),
        (22591, 22590, "0.00"),  # 0.0044 % rounds to 0.00
        (1, 800, "-99.88"),  # -99.875 → half away from zero
    ],
)
def test_count_changes_round_half_up_to_two_decimals(current, previous, expected):
    assert change(current, previous, is_rate=False).delta == Decimal(expected)


def test_no_percentage_against_zero_last_year():
    result = change(12, 0, is_rate=False)
    assert result.delta is None and result.previous == 0
    assert result.direction == "flat"
    assert change(0, 0, is_rate=False).delta is None


def test_rates_change_in_percentage_points():
    result = change(Decimal("93.50"), Decimal("90.25"), is_rate=True)
    assert result.points and result.delta == Decimal("3.25")
    assert change(Decimal("80.00"), None, is_rate=True).delta is None


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [(887, 1000, "88.70"), (2, 3, "66.67"), (1, 8, "12.50"), (1, 200, "0.50"), (0, 5, "0.00")],
)
def test_rates(numerator, denominator, expected):
    assert percent(numerator, denominator) == Decimal(expected)


def test_rate_with_nothing_to_divide_by_is_none():
    assert percent(0, 0) is None
