"""Pausing while waiting on the citizen stops the clock; resuming moves the deadline on."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine

from pingan.cases import selectors, services
from pingan.cases.tests.factories import act, case_in

SH = ZoneInfo("Asia/Shanghai")


def at(*args):
    return time_machine.travel(datetime(*args, tzinfo=SH), tick=False)


def test_pause_tells_the_reporter_and_resume_moves_the_deadline(categories, outbox):
    with at(2026, 3, 2, 9):
        case = case_in("signed", kind="help", reporter_phone="13800571234")
    due = case.due_at
    with at(2026, 3, 3, 10):
        case = act("pause", case, "wutong_handler", reason="请补充工资流水")
    assert case.status == "paused" and case.paused_at is not None
    [sms] = outbox("case_returned_to_reporter")
    assert "请补充工资流水" in sms.body and case.number in sms.body
    with at(2026, 3, 6, 16):
        case = act("resume", case, "wutong_handler", note="材料已收到")
    paused = timedelta(days=3, hours=6)
    assert case.status == "signed"
    assert case.paused_at is None
    assert case.due_at == due + paused
    assert case.paused_seconds == paused.total_seconds()
    assert case.events.get(kind="resume").data == {"paused_seconds": int(paused.total_seconds())}


def test_the_light_stands_still_while_paused(categories):
    with at(2026, 3, 2, 9):
        case = case_in("signed", kind="consult")  # due 2026-03-05 00:00
    with at(2026, 3, 2, 12):
        case = act("pause", case, "wutong_handler", reason="等待群众提供地址")
    much_later = datetime(2026, 4, 1, tzinfo=SH)
    assert selectors.sla_light(case, much_later) == "green"
    dispatcher = case.events.get(kind="dispatch").actor
    assert not selectors.queue(dispatcher, "overdue", now=much_later).filter(pk=case.pk).exists()
    assert services.sweep_deadlines(now=much_later) == {"sla_warning": 0, "sla_overdue": 0}


def test_paused_time_counts_once_over_several_pauses(categories):
    with at(2026, 3, 2, 9):
        case = case_in("signed", kind="help")
    due = case.due_at
    for start_hour, end_hour in [(10, 12), (14, 15)]:
        with at(2026, 3, 2, start_hour):
            case = act("pause", case, "wutong_handler", reason="等待群众")
        with at(2026, 3, 2, end_hour):
            case = act("resume", case, "wutong_handler")
    assert case.paused_seconds == 3 * 3600
    assert case.due_at == due + timedelta(hours=3)
    # The yellow light moved on with the pauses: 80% of the limit proper, plus the pauses.
    limit = due - case.clock_started_at
    assert case.due_warn_at == case.clock_started_at + timedelta(hours=3) + limit * 0.8
