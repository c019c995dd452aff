"""Routing (转送/交办) is due within 15 natural days of registration, at 24:00 Asia/Shanghai."""

import pytest

from pingan.petitions import deadlines, selectors
from pingan.petitions.tests.factories import act, local, new_petition, user

pytestmark = pytest.mark.django_db


def _chip(petition, key, now):
    return next(c for c in deadlines.chips(petition, now) if c.key == key)


def test_route_due_is_the_end_of_the_fifteenth_day(city, frozen):
    frozen("2026-03-02 10:00")
    petition = new_petition()
    # 2 March + 15 days = 17 March, ending at 24:00 (00:00 on the 18th).
    assert petition.route_due == local("2026-03-18 00:00")


def test_light_goes_yellow_then_red(city, frozen):
    clock = frozen("2026-03-02 10:00")
    petition = new_petition()
    assert _chip(petition, "route", local("2026-03-10 10:00")).light == "green"
    assert _chip(petition, "route", local("2026-03-16 10:00")).light == "yellow"
    assert _chip(petition, "route", local("2026-03-18 00:01")).light == "red"
    clock.move_to(local("2026-03-17 23:59"))
    assert not selectors.petition_list(user("city_leader"), selectors.Filters(overdue=True))


def test_unrouted_on_day_sixteen_is_backlog(city, frozen):
    frozen("2026-03-02 10:00")
    petition = new_petition()
    late = local("2026-03-18 00:01")
    assert deadlines.overdue_reasons(petition, late) == ["转送交办超期"]
    rows = selectors.backlog_by_town(user("city_leader"), late)
    wutong = next(row for row in rows if row.code == "330483001")
    assert [item.petition for item in wutong.items] == [petition]


def test_routing_late_is_allowed_and_shown_as_late(city, frozen):
    clock = frozen("2026-03-02 10:00")
    petition = new_petition()
    clock.move_to(local("2026-03-19 09:00"))
    petition = act("route", petition, "xinfang_officer", unit="wutong-office")
    chip = _chip(petition, "route", local("2026-03-19 09:00"))
    assert (chip.light, chip.note) == ("red", "超期完成")
    assert deadlines.overdue_reasons(petition, local("2026-03-19 09:00")) == []
