"""Red only with a second, different officer's approval: the first officer's change waits as a
request; the same officer cannot approve it; another officer approves or rejects it."""

import pytest

from pingan.core.errors import Conflict, DomainError, NotFound
from pingan.health.models import ChangeRequest, HealthStatus, StatusChange
from pingan.health.services import (
    request_approve,
    request_reject,
    request_withdraw,
    status_change_manual,
)
from pingan.health.tests.factories import officer, registered

pytestmark = pytest.mark.django_db


def _ask_red(person, actor):
    return status_change_manual(
        person=person,
        colour="red",
        reason_code="officer_positive_test",
        note="核酸检测阳性",
        actor=actor,
    ).request


def test_red_waits_for_a_second_officer(demo_city, persona):
    person = registered(20)
    request = _ask_red(person, persona("health_officer"))
    assert request.status == "pending"
    assert HealthStatus.objects.get(person=person).colour == "green"
    assert [e.new_status for e in request.events.all()] == ["pending"]

    request_approve(request_id=request.pk, actor=persona("health_officer2"), note="同意")
    status = HealthStatus.objects.get(person=person)
    assert (status.colour, status.seq, status.reason_code) == ("red", 2, "officer_positive_test")
    change = StatusChange.objects.filter(person=person).first()
    assert change.actor == persona("health_officer")
    assert change.approved_by == persona("health_officer2")
    request.refresh_from_db()
    assert (request.status, request.decided_by) == ("approved", persona("health_officer2"))
    assert [e.new_status for e in request.events.all()] == ["pending", "approved"]


def test_the_same_officer_cannot_approve_their_own_request(demo_city, persona):
    person = registered(21)
    request = _ask_red(person, persona("health_officer"))
    with pytest.raises(DomainError) as refused:
        request_approve(request_id=request.pk, actor=persona("health_officer"))
    assert refused.value.code == "same_officer"
    request.refresh_from_db()
    assert request.status == "pending"
    assert HealthStatus.objects.get(person=person).colour == "green"


def test_rejection_needs_a_reason_and_changes_nothing(demo_city, persona):
    person = registered(22)
    request = _ask_red(person, persona("health_officer"))
    with pytest.raises(DomainError) as refused:
        request_reject(request_id=request.pk, actor=persona("health_officer2"), note="")
    assert refused.value.code == "note_required"
    request_reject(request_id=request.pk, actor=persona("health_officer2"), note="证据不足")
    request.refresh_from_db()
    assert request.status == "rejected"
    assert HealthStatus.objects.get(person=person).colour == "green"


def test_a_decided_request_cannot_be_decided_again(demo_city, persona):
    person = registered(23)
    request = _ask_red(person, persona("health_officer"))
    request_reject(request_id=request.pk, actor=persona("health_officer2"), note="证据不足")
    with pytest.raises(DomainError) as refused:
        request_approve(request_id=request.pk, actor=persona("health_officer2"))
    assert (refused.value.code, refused.value.status) == ("invalid_transition", 409)
    assert HealthStatus.objects.get(person=person).colour == "green"


def test_one_pending_request_per_person(demo_city, persona):
    person = registered(24)
    _ask_red(person, persona("health_officer"))
    with pytest.raises(Conflict):
        _ask_red(person, persona("health_officer2"))
    assert ChangeRequest.objects.filter(person=person).count() == 1


def test_approvers_must_be_officers_of_the_region(demo_city, persona):
    person = registered(25)
    request = _ask_red(person, persona("health_officer"))
    for actor in (officer("tudian_health3", "330483103"), persona("wutong_clerk")):
        with pytest.raises(NotFound):
            request_approve(request_id=request.pk, actor=actor)
    request.refresh_from_db()
    assert request.status == "pending"


def test_only_the_requester_withdraws(demo_city, persona):
    person = registered(26)
    request = _ask_red(person, persona("health_officer"))
    with pytest.raises(DomainError):
        request_withdraw(request_id=request.pk, actor=persona("health_officer2"))
    request_withdraw(request_id=request.pk, actor=persona("health_officer"))
    request.refresh_from_db()
    assert request.status == "withdrawn"


def test_the_log_cannot_be_rewritten(demo_city, persona):
    person = registered(27)
    with pytest.raises(DomainError):
        StatusChange.objects.filter(person=person).update(note="x")
