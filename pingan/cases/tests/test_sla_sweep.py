"""The deadline sweep: one yellow and one red announcement per deadline, with a 催办 by the
system, never repeated; a new deadline earns new announcements."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine

from pingan.cases import jobs, services
from pingan.cases.models import CaseEvent
from pingan.cases.tests.factories import act, case_in
from pingan.core import scheduler

SH = ZoneInfo("Asia/Shanghai")


def at(*args):
    return time_machine.travel(datetime(*args, tzinfo=SH), tick=False)


def kinds(case):
    return list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))


def test_yellow_then_red_once_each(categories):
    with at(2026, 3, 2, 9):
        case = case_in("signed", kind="consult")  # due 2026-03-05 00:00
    warn, version = case.due_warn_at, case.version
    assert services.sweep_deadlines(now=warn - timedelta(minutes=1)) == {
        "sla_warning": 0,
        "sla_overdue": 0,
    }
    with time_machine.travel(warn + timedelta(minutes=1), tick=False):
        assert services.sweep_deadlines() == {"sla_warning": 1, "sla_overdue": 0}
        assert services.sweep_deadlines() == {"sla_warning": 0, "sla_overdue": 0}
    with time_machine.travel(case.due_at + timedelta(minutes=1), tick=False):
        assert services.sweep_deadlines() == {"sla_warning": 0, "sla_overdue": 1}
        assert services.sweep_deadlines() == {"sla_warning": 0, "sla_overdue": 0}
    assert kinds(case)[-4:] == ["sla_warning", "remind", "sla_overdue", "remind"]
    overdue = CaseEvent.objects.get(case=case, kind="sla_overdue")
    assert overdue.actor is None
    assert overdue.department.code == "wutong-office"
    assert overdue.data == {"deadline": "answer", "due_at": case.due_at.isoformat()}
    reminder = CaseEvent.objects.filter(case=case, kind="remind").last()
    assert reminder.note == "系统催办：已超过办理期限" and reminder.data["by_system"]
    case.refresh_from_db()
    assert case.sla_notified == "red"
    assert case.version == version  # system bookkeeping leaves people's forms valid


def test_a_case_found_overdue_at_once_gets_only_the_red_light(categories):
    with at(2026, 3, 2, 9):
        case = case_in("accepted", kind="consult")
    assert services.sweep_deadlines(now=case.due_at + timedelta(days=1)) == {
        "sla_warning": 0,
        "sla_overdue": 1,
    }
    assert "sla_warning" not in kinds(case)


def test_the_sign_deadline_has_its_own_lights(categories):
    with at(2026, 3, 2, 9):
        case = case_in("dispatched")  # sign by 2026-03-04 00:00
    counts = services.sweep_deadlines(now=case.sign_due_at + timedelta(hours=1))
    assert counts == {"sla_warning": 0, "sla_overdue": 1}
    event = CaseEvent.objects.get(case=case, kind="sla_overdue")
    assert event.data["deadline"] == "sign"
    # Signing stops the sign clock; the answer clock is still far from its end.
    with time_machine.travel(case.sign_due_at + timedelta(hours=2), tick=False):
        case = act("sign", case, "wutong_handler")
        assert services.sweep_deadlines() == {"sla_warning": 0, "sla_overdue": 0}


def test_a_granted_extension_earns_new_announcements(categories):
    with at(2026, 3, 2, 9):
        case = case_in("signed", kind="consult")
    with time_machine.travel(case.due_warn_at + timedelta(minutes=5), tick=False):
        services.sweep_deadlines()
        case = act("request_extension", case, "wutong_handler", days=5, reason="需勘查")
        request = case.extension_requests.get()
        case = act("decide_extension", case, "city_dispatcher", request=request, grant=True)
    assert case.sla_notified == ""
    services.sweep_deadlines(now=case.due_warn_at + timedelta(minutes=1))
    assert kinds(case).count("sla_warning") == 2


def test_finished_and_paused_cases_are_left_alone(categories):
    with at(2026, 3, 2, 9):
        answered = case_in("answered", kind="consult")
        paused = case_in("paused", kind="consult")
    later = datetime(2026, 6, 1, tzinfo=SH)
    assert services.sweep_deadlines(now=later) == {"sla_warning": 0, "sla_overdue": 0}
    assert "sla_overdue" not in kinds(answered) + kinds(paused)


def test_the_sweep_is_a_five_minute_periodic_job():
    job = {j.name: j for j in scheduler.registered_jobs()}["cases.sweep_deadlines"]
    assert job.every == timedelta(minutes=5)
    assert job.func is jobs.sweep_case_deadlines
