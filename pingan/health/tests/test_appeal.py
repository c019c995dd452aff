"""The holder appeals against a yellow or red colour; an officer who took no part in the change
upholds it (the code turns green) or rejects it (nothing changes), with events and an SMS."""

import pytest

from pingan.core.errors import Conflict, DomainError, NotFound
from pingan.health.models import AppealEvent, HealthStatus
from pingan.health.services import appeal_decide, appeal_submit, status_change_manual
from pingan.health.tests.factories import citizen, officer, registered
from pingan.notify.models import OutboxMessage

pytestmark = pytest.mark.django_db


def _yellow_holder(n, persona):
    user = citizen(f"holder{n}", f"139573083{n:02d}")
    person = registered(n, user=user)
    status_change_manual(
        person=person,
        colour="yellow",
        reason_code="officer_risk_travel",
        note="经核实到过风险地区",
        actor=persona("health_officer"),
    )
    return person, user


def test_appeal_upheld_turns_the_code_green(demo_city, persona):
    person, user = _yellow_holder(30, persona)
    appeal = appeal_submit(person=person, text="我没有去过该地区，有车票为证", actor=user)
    assert appeal.status == "submitted"
    decided = appeal_decide(
        appeal_id=appeal.pk, uphold=True, answer="经核实行程有误", actor=persona("health_officer2")
    )
    assert decided.status == "upheld"
    status = HealthStatus.objects.get(person=person)
    assert (status.colour, status.reason_code) == ("green", "appeal_upheld")
    assert [e.new_status for e in AppealEvent.objects.filter(appeal=appeal)] == [
        "submitted",
        "upheld",
    ]
    assert OutboxMessage.objects.filter(template_code="health_appeal_decided").exists()


def test_appeal_rejected_keeps_the_colour(demo_city, persona):
    person, user = _yellow_holder(31, persona)
    appeal = appeal_submit(person=person, text="我觉得不对", actor=user)
    appeal_decide(
        appeal_id=appeal.pk, uphold=False, answer="行程核实无误", actor=persona("health_officer2")
    )
    appeal.refresh_from_db()
    assert (appeal.status, appeal.answer) == ("rejected", "行程核实无误")
    assert HealthStatus.objects.get(person=person).colour == "yellow"
    with pytest.raises(DomainError) as refused:
        appeal_decide(
            appeal_id=appeal.pk, uphold=True, answer="改判", actor=persona("health_officer2")
        )
    assert refused.value.code == "invalid_transition"


def test_the_officer_who_made_the_change_may_not_decide(demo_city, persona):
    person, user = _yellow_holder(32, persona)
    appeal = appeal_submit(person=person, text="有误", actor=user)
    with pytest.raises(DomainError) as refused:
        appeal_decide(
            appeal_id=appeal.pk, uphold=True, answer="好", actor=persona("health_officer")
        )
    assert refused.value.code == "own_decision"
    assert HealthStatus.objects.get(person=person).colour == "yellow"


def test_only_the_holder_appeals_and_only_against_yellow_or_red(demo_city, persona):
    person, user = _yellow_holder(33, persona)
    other = citizen("holder33b", "13957308399")
    with pytest.raises(NotFound):
        appeal_submit(person=person, text="代他申诉", actor=other)
    with pytest.raises(DomainError) as refused:
        appeal_submit(person=person, text="  ", actor=user)
    assert refused.value.code == "text_required"
    green_user = citizen("holder34", "13957308334")
    green = registered(34, user=green_user)
    with pytest.raises(DomainError) as refused:
        appeal_submit(person=green, text="看看", actor=green_user)
    assert refused.value.code == "nothing_to_appeal"


def test_one_open_appeal_at_a_time(demo_city, persona):
    person, user = _yellow_holder(35, persona)
    appeal_submit(person=person, text="第一次", actor=user)
    with pytest.raises(Conflict):
        appeal_submit(person=person, text="第二次", actor=user)


def test_officers_outside_the_region_cannot_decide(demo_city, persona):
    person, user = _yellow_holder(36, persona)
    appeal = appeal_submit(person=person, text="有误", actor=user)
    with pytest.raises(NotFound):
        appeal_decide(
            appeal_id=appeal.pk, uphold=True, answer="好", actor=officer("far", "330483103")
        )
