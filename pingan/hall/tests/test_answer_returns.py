"""When the department answers an accepted matter, the result returns through the window: the
visitor is told by SMS, and the clerk hands the answer over when they come back (another trip)
or records that it was delivered directly (no trip)."""

import pytest
from django.urls import reverse

from pingan.cases import services as cases
from pingan.core.errors import DomainError
from pingan.hall.models import Matter, MatterEvent, Visit
from pingan.hall.services import (
    matter_deliver,
    matters_answer_sweep,
    visit_accept,
    visit_hand_over,
)
from pingan.hall.tests.factories import at, user, window

PHONE = "13957301079"


def _accept():
    return visit_accept(
        actor=user("wutong_clerk"),
        window=window("wutong", 1),
        name="孙志强",
        phone=PHONE,
        purpose="工地拖欠工资",
        kind="dispute",
        category="labour.wages",
        region="330483001011",
    )


def _department_answers(case):
    case = cases.case_dispatch(case=case, actor=user("city_dispatcher"), department="wutong-office")
    case = cases.case_sign(case=case, actor=user("wutong_handler"))
    return cases.case_answer(
        case=case, actor=user("wutong_handler"), answer="已协调包工头于本月底前结清工资"
    )


def test_the_answer_comes_back_by_sms_and_is_handed_over(hall, outbox):
    with at(2026, 12, 1, 9, 0):
        case = _accept()
    matter = Matter.objects.get(case=case)
    assert matters_answer_sweep() == 0
    with at(2026, 12, 3, 10, 0):
        _department_answers(case)
        assert matters_answer_sweep() == 1
        assert matters_answer_sweep() == 0
    matter.refresh_from_db()
    assert matter.status == "answer_ready" and matter.answer_notified_at is not None
    [sms] = outbox("hall_answer_ready")
    assert sms.phone == PHONE and case.number in sms.body and "梧桐街道信访超市" in sms.body
    with at(2026, 12, 4, 9, 0):
        visit = visit_hand_over(
            actor=user("wutong_clerk"), window=window("wutong", 1), matter=matter, note="已签收"
        )
    matter.refresh_from_db()
    assert visit.outcome == "handed_over" and visit.case == case
    assert (matter.status, matter.return_method, matter.visit_count) == ("settled", "window", 2)
    assert matter.returned_by.username == "wutong_clerk"
    actions = list(MatterEvent.objects.filter(matter=matter).values_list("action", flat=True))
    assert actions == ["accept", "answer_ready", "hand_over"]


def test_delivered_directly_costs_no_trip(hall):
    case = _accept()
    _department_answers(case)
    matters_answer_sweep()
    matter = matter_deliver(
        actor=user("wutong_clerk"), matter=Matter.objects.get(case=case), note="已电话告知并邮寄"
    )
    assert (matter.status, matter.return_method, matter.visit_count) == ("settled", "direct", 1)
    assert Visit.objects.filter(matter=matter).count() == 1


def test_nothing_to_return_before_the_department_answers(hall):
    case = _accept()
    matter = Matter.objects.get(case=case)
    with pytest.raises(DomainError) as refused:
        visit_hand_over(actor=user("wutong_clerk"), window=window("wutong", 1), matter=matter)
    assert refused.value.code == "answer_not_ready" and refused.value.status == 409
    with pytest.raises(DomainError):
        matter_deliver(actor=user("wutong_clerk"), matter=matter, note="邮寄")
    matter.refresh_from_db()
    assert (matter.status, matter.visit_count) == ("open", 1)
    assert Visit.objects.filter(matter=matter).count() == 1


def test_delivery_needs_a_note_and_a_clerk_of_the_centre(hall):
    case = _accept()
    _department_answers(case)
    matter = Matter.objects.get(case=case)
    with pytest.raises(DomainError) as no_note:
        matter_deliver(actor=user("wutong_clerk"), matter=matter, note=" ")
    assert no_note.value.code == "note_required"
    with pytest.raises(DomainError) as leader:
        matter_deliver(actor=user("city_leader"), matter=matter, note="邮寄")
    assert leader.value.status == 403
    matter.refresh_from_db()
    assert matter.status == "open"


def test_the_clerk_sees_the_answer_when_the_visitor_comes_back(hall, login_client):
    case = _accept()
    _department_answers(case)
    matters_answer_sweep()
    client = login_client("wutong_clerk")
    win = window("wutong", 1)
    html = client.get(reverse("hall:lookup", args=[win.pk]), {"q": PHONE}).content.decode()
    assert "已协调包工头于本月底前结清工资" in html
    assert reverse("hall:hand-over", args=[win.pk, case.hall_matter.pk]) in html
    response = client.post(reverse("hall:hand-over", args=[win.pk, case.hall_matter.pk]))
    assert response.status_code == 302
    case.hall_matter.refresh_from_db()
    assert case.hall_matter.status == "settled"
