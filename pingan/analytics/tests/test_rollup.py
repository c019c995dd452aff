"""A known history of work orders, counted by the rollup and read back by the dashboard: every
count, rate and the drill-down rows (towns, villages, and records placed in a town itself)."""

import datetime
from decimal import Decimal

import pytest

from pingan.analytics import dashboard
from pingan.analytics.models import MonthlyFact
from pingan.analytics.periods import Period
from pingan.analytics.rollup import rollup
from pingan.analytics.sources import local_midnight
from pingan.cases.models import Case
from pingan.cases.tests.factories import new_case
from pingan.org.models import Region

MARCH = datetime.date(2026, 3, 1)


def at(day: int, hour: int = 10, month: int = 3, year: int = 2026) -> datetime.datetime:
    return local_midnight(datetime.date(year, month, day)) + datetime.timedelta(hours=hour)


def _case(region: str, *, created, channel="hotline", **fields) -> Case:
    case = new_case(region=region, channel=channel)
    Case.objects.filter(pk=case.pk).update(created_at=created, **fields)
    return case


@pytest.fixture
def history(city):
    wutong_village, tudian_village, wutong_town = "330483001011", "330483103001", "330483001"
    # March 2026: 5 in a 梧桐 village, 1 placed only in 梧桐街道, 2 in a 屠甸 village.
    for day in range(1, 6):
        signed_late = day == 5
        _case(
            wutong_village,
            created=at(day),
            signed_at=at(day + 1),
            sign_due_at=at(day, 20) if signed_late else at(day + 2),
            answered_at=at(day + 3),
            due_at=at(day + 10),
            closed_at=at(day + 5),
            status="closed",
            satisfaction="satisfied" if day <= 3 else "unsatisfied",
            reopen_count=1 if day == 4 else 0,
        )
    _case(wutong_town, created=at(12), channel="window")
    _case(tudian_village, created=at(20), channel="online")
    # Closed in April: counted as received in March, closed in April, open at March's end.
    _case(
        tudian_village,
        created=at(25),
        channel="online",
        closed_at=at(3, month=4),
        status="resolved_on_spot",
    )
    # March 2025, for 同比: 4 work orders in the 梧桐 village.
    for day in range(1, 5):
        _case(wutong_village, created=at(day, year=2025))
    # Midnight edge: 31 March 23:30 in Shanghai is still March (15:30 UTC).
    _case(wutong_village, created=at(31, 23) + datetime.timedelta(minutes=30))
    rollup(start=datetime.date(2025, 1, 1), end=datetime.date(2026, 5, 1))


def test_city_figures(history):
    city = Region.objects.get(code="330483")
    board = dashboard.build(city, Period.parse("2026-03"))
    received = board.figure("cases.received")
    assert received.value == 9  # 5 + 1 + 2 + the one at 23:30 on 31 March
    assert received.yoy.previous == 4 and received.yoy.delta == Decimal("125.00")
    assert board.figure("cases.sign_rate").value == Decimal("80.00")  # 4 of 5 in time
    assert board.figure("cases.ontime_rate").value == Decimal("100.00")
    assert board.figure("cases.finish_rate").value == Decimal("66.67")  # 5 closed + 1 on spot
    assert board.figure("cases.satisfaction_rate").value == Decimal("60.00")  # 3 of 5
    assert board.figure("cases.reopen_rate").value == Decimal("20.00")  # 1 of 5 closed
    # At the end of March: the 3 never closed, the one closed in April, and the 4 of March 2025.
    assert board.figure("cases.backlog").value == 8
    channels = {label: value for label, value, _c in board.breakdown("channels").rows}
    assert channels == {"12345 热线": 6, "网上/掌上": 2, "窗口": 1}


def test_drill_down_rows(history):
    city = Region.objects.get(code="330483")
    rows = {row.name: row for row in dashboard.build(city, Period.parse("2026-03")).region_rows}
    assert rows["梧桐街道"].figures[0].value == 7 and rows["梧桐街道"].drillable
    assert rows["屠甸镇"].figures[0].value == 2
    assert rows["高桥街道"].figures[0].value == 0
    wutong = Region.objects.get(code="330483001")
    town_rows = {
        row.name: row for row in dashboard.build(wutong, Period.parse("2026-03")).region_rows
    }
    assert town_rows["梧桐街道本级"].figures[0].value == 1
    village = Region.objects.get(code="330483001011")
    assert town_rows[village.name].figures[0].value == 6
    assert not town_rows[village.name].drillable


def test_rollup_is_repeatable_and_replaces_the_months_it_counts(history):
    before = MonthlyFact.objects.count()
    rollup(start=MARCH, end=datetime.date(2026, 4, 1))
    assert MonthlyFact.objects.count() == before
    gaoqiao_village = Region.objects.get(code="330483004001")
    Case.objects.filter(region__code="330483103001").update(region=gaoqiao_village)
    rollup(start=MARCH, end=datetime.date(2026, 4, 1))
    city = Region.objects.get(code="330483")
    rows = {r.name: r for r in dashboard.build(city, Period.parse("2026-03")).region_rows}
    assert rows["屠甸镇"].figures[0].value == 0
    assert rows["高桥街道"].figures[0].value == 2
    assert MonthlyFact.objects.filter(region_code="330483103001", month=MARCH).count() == 0
