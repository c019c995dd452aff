"""Swaps: two slots exchange their people, asked by one of them (or a clerk for them) and
approved by a clerk or admin of the centre; both are recorded."""

import datetime

import pytest
from django.urls import reverse

from pingan.core.errors import DomainError
from pingan.hall.models import DutySlot, DutySwap
from pingan.hall.services import swap_decide, swap_request
from pingan.hall.tests.factories import future_weekday, slot, user, window


@pytest.fixture
def two_slots(hall):
    day = future_weekday(1)
    judge = slot(window("wutong", 3), day, "am", "duty_judge")
    lawyer = slot(window("wutong", 4), day + datetime.timedelta(days=1), "pm", "duty_lawyer")
    return judge, lawyer


def test_asked_by_one_side_approved_by_a_clerk(two_slots):
    judge_slot, lawyer_slot = two_slots
    swap = swap_request(actor=user("duty_judge"), slot=judge_slot, other=lawyer_slot, reason="开庭")
    assert (swap.status, swap.requested_by.username) == ("requested", "duty_judge")
    swap = swap_decide(actor=user("wutong_clerk"), swap=swap, approve=True, note="同意")
    assert (swap.status, swap.decided_by.username) == ("approved", "wutong_clerk")
    judge_slot.refresh_from_db()
    lawyer_slot.refresh_from_db()
    assert (judge_slot.person.username, judge_slot.profession) == ("duty_lawyer", "lawyer")
    assert (lawyer_slot.person.username, lawyer_slot.profession) == ("duty_judge", "judge")
    assert (swap.person_a.username, swap.person_b.username) == ("duty_judge", "duty_lawyer")


def test_refused_swaps_change_nothing(two_slots):
    judge_slot, lawyer_slot = two_slots
    swap = swap_request(
        actor=user("wutong_clerk"), slot=judge_slot, other=lawyer_slot, reason="代为申请"
    )
    swap_decide(actor=user("wutong_clerk"), swap=swap, approve=False)
    judge_slot.refresh_from_db()
    assert judge_slot.person.username == "duty_judge"
    with pytest.raises(DomainError) as again:
        swap_decide(actor=user("wutong_clerk"), swap=swap, approve=True)
    assert again.value.code == "invalid_transition"


def test_who_may_ask_and_who_may_approve(two_slots):
    judge_slot, lawyer_slot = two_slots
    with pytest.raises(DomainError) as outsider:
        swap_request(actor=user("duty_police"), slot=judge_slot, other=lawyer_slot, reason="x")
    assert outsider.value.status == 403
    swap = swap_request(actor=user("duty_judge"), slot=judge_slot, other=lawyer_slot, reason="x")
    for name in ("duty_lawyer", "gaoqiao_clerk"):
        with pytest.raises(DomainError) as refused:
            swap_decide(actor=user(name), swap=swap, approve=True)
        assert refused.value.status == 403
    swap.refresh_from_db()
    assert swap.status == "requested"


def test_one_pending_swap_per_slot_and_a_reason(two_slots):
    judge_slot, lawyer_slot = two_slots
    with pytest.raises(DomainError) as no_reason:
        swap_request(actor=user("duty_judge"), slot=judge_slot, other=lawyer_slot, reason=" ")
    assert no_reason.value.code == "reason_required"
    swap_request(actor=user("duty_judge"), slot=judge_slot, other=lawyer_slot, reason="开庭")
    with pytest.raises(DomainError) as pending:
        swap_request(actor=user("duty_lawyer"), slot=lawyer_slot, other=judge_slot, reason="x")
    assert pending.value.code == "swap_pending"
    assert DutySwap.objects.count() == 1


def test_a_swap_that_would_clash_is_refused(two_slots):
    judge_slot, lawyer_slot = two_slots
    # The lawyer already sits elsewhere at the judge's half-day.
    slot(window("wutong", 4), judge_slot.date, "am", "duty_lawyer")
    with pytest.raises(DomainError) as refused:
        swap_request(actor=user("duty_judge"), slot=judge_slot, other=lawyer_slot, reason="x")
    assert refused.value.code == "person_busy"
    assert not DutySwap.objects.exists()


def test_a_slot_with_a_swap_cannot_be_removed(two_slots):
    from pingan.hall.services import slot_remove

    judge_slot, lawyer_slot = two_slots
    swap_request(actor=user("duty_judge"), slot=judge_slot, other=lawyer_slot, reason="x")
    with pytest.raises(DomainError) as refused:
        slot_remove(actor=user("wutong_clerk"), slot=judge_slot)
    assert refused.value.code == "slot_has_swaps"
    assert DutySlot.objects.count() == 2


def test_the_duty_page_asks_and_the_roster_page_approves(two_slots, client, persona):
    judge_slot, lawyer_slot = two_slots
    client.force_login(persona("duty_judge"))
    response = client.post(
        reverse("hall:swap-add"),
        {"slot": judge_slot.pk, "other": lawyer_slot.pk, "reason": "开庭", "next_page": "duty"},
    )
    assert response.status_code == 302 and response.url == reverse("hall:duty")
    swap = DutySwap.objects.get()
    client.force_login(persona("wutong_clerk"))
    roster = reverse("hall:roster", args=[judge_slot.centre_id])
    assert "开庭" in client.get(roster).content.decode()
    client.post(reverse("hall:swap-decide", args=[swap.pk]), {"decision": "approve"})
    swap.refresh_from_db()
    assert swap.status == "approved"
