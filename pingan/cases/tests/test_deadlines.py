"""Deadlines from the category policy and the Chinese calendar, and the lights they give."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from pingan.cases import selectors
from pingan.cases.models import Category
from pingan.cases.tests.factories import act, case_in, new_case, user

SH = ZoneInfo("Asia/Shanghai")


def at(*args):
    return time_machine.travel(datetime(*args, tzinfo=SH), tick=False)


def local(case_time):
    return case_time.astimezone(SH).replace(tzinfo=None)


@pytest.mark.parametrize(
    ("accepted", "kind", "due"),
    [
        # National Day 2025: 1–8 October off, Sunday 28 September a working day.
        ((2025, 9, 30, 10), "consult", datetime(2025, 10, 11)),
        ((2025, 9, 27, 10), "help", datetime(2025, 10, 17)),
        # Spring Festival 2026: 15–23 February off, Saturdays 14 and 28 February working days.
        ((2026, 2, 13, 15), "suggestion", datetime(2026, 3, 6)),
        ((2026, 2, 13, 15), "complaint", datetime(2026, 3, 13)),
    ],
)
def test_answer_deadline_by_kind_across_holidays(categories, accepted, kind, due):
    with at(*accepted):
        case = new_case(kind=kind, category="city.noise")
    assert local(case.due_at) == due
    assert local(case.clock_started_at) == datetime(*accepted)


def test_category_limit_overrides_the_kind_default(categories):
    with at(2025, 9, 29, 9):
        case = new_case(kind="complaint", category="epidemic.measures")  # 5 working days
    assert local(case.due_at) == datetime(2025, 10, 14)


def test_limits_in_hours(categories):
    Category.objects.filter(code="city.noise").update(
        answer_limit=48, answer_unit="hours", sign_limit=4, sign_unit="hours"
    )
    with at(2025, 9, 30, 20):
        case = new_case(category="city.noise")
    assert local(case.due_at) == datetime(2025, 10, 2, 20)
    with at(2025, 9, 30, 21):
        case = act("dispatch", case, "city_dispatcher", department="wutong-office")
    assert local(case.sign_due_at) == datetime(2025, 10, 1, 1)


def test_urgent_cases_run_on_hours_through_holidays(categories):
    with at(2025, 9, 30, 20):
        case = new_case(urgent=True, kind="hazard", category="safety.hazard")
    assert local(case.due_at) == datetime(2025, 10, 1, 20)
    with at(2025, 9, 30, 20, 30):
        case = act("dispatch", case, "city_dispatcher", department="wutong-office")
    assert local(case.sign_due_at) == datetime(2025, 9, 30, 22, 30)


def test_sign_deadline_is_one_working_day_from_each_dispatch(categories):
    with at(2025, 9, 30, 16):
        case = act("dispatch", new_case(), "city_dispatcher", department="wutong-office")
    assert local(case.sign_due_at) == datetime(2025, 10, 10)
    with at(2025, 10, 9, 10):
        case = act("return", case, "wutong_handler", reason="不属于街道")
        case = act("dispatch", case, "city_dispatcher", department="zhujian")
    assert local(case.sign_due_at) == datetime(2025, 10, 11)
    assert case.sign_sla_notified == ""


def test_lights_follow_the_share_of_time_used(categories):
    with at(2026, 3, 2, 8):  # Monday: help = 10 working days → due 2026-03-17 00:00
        case = case_in("signed", kind="help")
    assert local(case.due_at) == datetime(2026, 3, 17)
    total = case.due_at - case.clock_started_at
    start = case.clock_started_at
    assert selectors.sla_light(case, start + total * 0.79) == "green"
    assert selectors.sla_light(case, start + total * 0.80) == "yellow"
    assert selectors.sla_light(case, case.due_at) == "yellow"
    assert selectors.sla_light(case, case.due_at + timedelta(seconds=1)) == "red"
    # The queues agree with the light.
    dispatcher = user("city_dispatcher")
    for share, queue in [(0.5, None), (0.9, "due_soon"), (1.1, "overdue")]:
        now = start + total * share
        for name in ("due_soon", "overdue"):
            listed = selectors.queue(dispatcher, name, now=now).filter(pk=case.pk).exists()
            assert listed == (name == queue), (share, name)


def test_unsigned_case_goes_red_on_the_sign_deadline(categories):
    with at(2026, 3, 2, 9):
        case = case_in("dispatched")
    assert selectors.sla_light(case, case.sign_due_at - timedelta(hours=1)) == "yellow"
    assert selectors.sla_light(case, case.sign_due_at + timedelta(minutes=1)) == "red"
    signed = act("sign", case, "wutong_handler")
    assert selectors.sla_light(signed, case.sign_due_at + timedelta(minutes=1)) == "green"


def test_finished_cases_are_red_only_when_answered_late(categories):
    with at(2026, 3, 2, 9):
        on_time = case_in("answered", kind="consult")
        late = case_in("signed", kind="consult")
    with at(2026, 3, 10, 9):
        late = act("answer", late, "wutong_handler", answer="迟到的答复")
    assert selectors.sla_light(on_time) == "green"
    assert selectors.sla_light(late) == "red"
    assert late.events.get(kind="answer").data == {"late": True}


def test_reopening_restarts_the_clock(categories):
    with at(2026, 3, 2, 9):
        case = case_in("answered", kind="consult")
    with at(2026, 3, 20, 9):
        case = act("reopen", case, "city_dispatcher", reason="群众不满意")
    assert local(case.clock_started_at) == datetime(2026, 3, 20, 9)
    assert local(case.due_at) == datetime(2026, 3, 25)
    assert case.reopen_count == 1 and case.department is None and case.answer == ""
    assert selectors.sla_light(case, datetime(2026, 3, 20, 10, tzinfo=SH)) == "green"
