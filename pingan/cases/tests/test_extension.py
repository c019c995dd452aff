"""Extensions: asked before the deadline, one at a time; granted, they add working days."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from pingan.cases.models import ExtensionRequest
from pingan.cases.tests.factories import act, case_in
from pingan.core import workcalendar
from pingan.core.errors import DomainError

SH = ZoneInfo("Asia/Shanghai")


def at(*args):
    return time_machine.travel(datetime(*args, tzinfo=SH), tick=False)


def test_granted_extension_adds_working_days(categories):
    with at(2025, 9, 22, 9):
        case = case_in("signed", kind="consult")  # due 2025-09-25 00:00
    with at(2025, 9, 24, 9):
        case = act("request_extension", case, "wutong_handler", days=3, reason="需现场勘查")
    request = case.extension_requests.get()
    assert request.status == "pending" and request.due_at_before == case.due_at
    with at(2025, 9, 26, 9):  # decided after the old deadline: only the asking must be before
        case = act("decide_extension", case, "city_dispatcher", request=request, grant=True)
    # The deadline was the end of 24 September; 3 working days on: 25, 26 and 28 September
    # (Sunday the 28th is a 调休 working day before National Day).
    assert case.due_at == workcalendar.deadline(request.due_at_before, 3, "working_days")
    assert case.due_at.astimezone(SH).replace(tzinfo=None) == datetime(2025, 9, 29)
    assert case.extension_days_granted == 3
    request.refresh_from_db()
    assert request.status == "granted" and request.decided_by.username == "city_dispatcher"
    assert [e.kind for e in case.events.all()][-2:] == ["extension_request", "extension_grant"]


def test_extension_cannot_be_asked_after_the_deadline(categories):
    with at(2025, 9, 22, 9):
        case = case_in("signed", kind="consult")
    with at(2025, 9, 25, 0, 1), pytest.raises(DomainError) as refused:
        act("request_extension", case, "wutong_handler", days=2, reason="来不及")
    assert refused.value.code == "extension_too_late"
    assert not ExtensionRequest.objects.filter(case=case).exists()


def test_a_paused_case_may_ask_while_its_deadline_stands_still(categories):
    with at(2025, 9, 22, 9):
        case = case_in("signed", kind="consult")
        case = act("pause", case, "wutong_handler", reason="等待群众补充材料")
    with at(2025, 9, 26, 9):  # past the old due time, but the clock stood still
        case = act("request_extension", case, "wutong_handler", days=1, reason="材料较多")
    assert case.extension_requests.get().status == "pending"


def test_one_pending_request_at_a_time_and_a_denial_needs_a_reason(categories):
    case = case_in("signed", kind="help")
    case = act("request_extension", case, "wutong_handler", days=5, reason="需协调多个部门")
    with pytest.raises(DomainError) as twice:
        act("request_extension", case, "wutong_handler", days=2, reason="再延")
    assert twice.value.code == "extension_pending"
    request = case.extension_requests.get()
    with pytest.raises(DomainError) as no_reason:
        act("decide_extension", case, "city_dispatcher", request=request, grant=False)
    assert no_reason.value.code == "reason_required"
    due = case.due_at
    case = act("decide_extension", case, "city_dispatcher", request=request, grant=False,
               note="时限充足，不予延期")  # fmt: skip
    assert case.due_at == due
    with pytest.raises(DomainError) as again:
        act("decide_extension", case, "city_dispatcher", request=request, grant=True)
    assert again.value.code == "extension_decided"


@pytest.mark.parametrize("days", [0, -1, 31, "3", True])
def test_days_must_be_a_sensible_number(categories, days):
    case = case_in("signed", kind="help")
    with pytest.raises(DomainError) as refused:
        act("request_extension", case, "wutong_handler", days=days, reason="x")
    assert refused.value.code == "invalid_days"


def test_answering_withdraws_a_pending_request(categories):
    case = case_in("signed", kind="help")
    case = act("request_extension", case, "wutong_handler", days=5, reason="需协调")
    act("answer", case, "wutong_handler", answer="已办结")
    assert case.extension_requests.get().status == "withdrawn"
