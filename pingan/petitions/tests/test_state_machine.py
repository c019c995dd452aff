"""The petition state machine: every transition allowed from its statuses for its roles,
refused from the wrong status (409) or for the wrong role (403), each appending one event to
an append-only timeline."""

import pytest
from django.db import DatabaseError, connection, transaction

from pingan.core.errors import DomainError
from pingan.petitions import workflow
from pingan.petitions.models import Petition, PetitionEvent
from pingan.petitions.tests.factories import (
    ACCEPT,
    ASK_RECHECK,
    ASK_REVIEW,
    DECIDE_RECHECK,
    DECIDE_REVIEW,
    REPLY,
    ROUTE,
    act,
    petition_in,
    user,
)
from pingan.petitions.workflow import TRANSITIONS, Action, Status

pytestmark = pytest.mark.django_db

# action -> (status to start from, the step, a role that may not take it)
STEPS = {
    Action.ROUTE: ("registered", ROUTE, "wutong_clerk"),
    Action.OBJECT: (
        "routed",
        ("object", "wutong_handler", {"reason": "非本单位职责"}),
        "xinfang_officer",
    ),
    Action.ACCEPT: ("routed", ACCEPT, "xinfang_officer"),
    Action.REPLY: ("handling", REPLY, "xinfang_officer"),
    Action.ASK_REVIEW: ("replied", ASK_REVIEW, "wutong_handler"),
    Action.DECIDE_REVIEW: ("reviewing", DECIDE_REVIEW, "wutong_clerk"),
    Action.ASK_RECHECK: ("reviewed", ASK_RECHECK, "wutong_handler"),
    Action.DECIDE_RECHECK: ("rechecking", DECIDE_RECHECK, "wutong_leader"),
}


def test_the_table_covers_every_action_and_only_final_is_a_dead_end():
    assert set(TRANSITIONS) == set(Action.values)
    reachable_from = {s for starts, _to, _roles in TRANSITIONS.values() for s in starts}
    assert set(Status) - reachable_from == {Status.FINAL}


def test_each_step_refuses_the_wrong_role_then_allows_the_right_one(city, subtests):
    """Walk the whole procedure; at each step a role that may not take it is refused (403)
    and changes nothing, then the right role takes it and one event is appended."""
    petition = petition_in("registered")
    for action, (start, (name, actor, extra), wrong) in STEPS.items():
        if action == Action.OBJECT:
            continue  # a side branch, walked in test_the_objection_branch
        assert petition.status == start
        with subtests.test(action=action, role="wrong"):
            with pytest.raises(DomainError) as refused:
                act(name, petition, wrong, **extra)
            assert (refused.value.status, refused.value.code) == (403, "forbidden")
            assert Petition.objects.get(pk=petition.pk).status == start
        before = PetitionEvent.objects.filter(petition=petition).count()
        petition = act(name, petition, actor, **extra)
        with subtests.test(action=action, role="right"):
            assert petition.status == TRANSITIONS[action][1]
            events = PetitionEvent.objects.filter(petition=petition)
            assert events.count() == before + 1
            last = events.last()
            assert (last.kind, last.from_status, last.to_status, last.actor.username) == (
                action,
                start,
                petition.status,
                actor,
            )


def test_the_objection_branch(city):
    start, (name, actor, extra), wrong = STEPS[Action.OBJECT]
    petition = petition_in(start)
    with pytest.raises(DomainError) as refused:
        act(name, petition, wrong, **extra)
    assert refused.value.status == 403
    petition = act(name, petition, actor, **extra)
    assert petition.status == Status.OBJECTED
    last = PetitionEvent.objects.filter(petition=petition).last()
    assert (last.kind, last.from_status, last.to_status) == ("object", "routed", "objected")


def test_refused_from_the_wrong_status(city, subtests):
    final = petition_in("final")
    handling = petition_in("handling", description="另一事项：小区噪音")
    for action, (_start, (name, actor, extra), _wrong) in STEPS.items():
        petition = handling if action == Action.ROUTE else final
        with subtests.test(action=action):
            with pytest.raises(DomainError) as refused:
                act(name, petition, actor, **extra)
            assert (refused.value.status, refused.value.code) == (409, "invalid_transition")
            assert "当前状态" in str(refused.value.message)
    assert Petition.objects.get(pk=final.pk).status == Status.FINAL


def test_stale_copies_are_refused(city):
    petition = petition_in("routed")
    old_version = petition.version
    act("accept", petition, "wutong_handler")
    with pytest.raises(DomainError) as refused:
        act("reply", petition, "wutong_handler", opinion="答复", expected_version=old_version)
    assert refused.value.code == "stale"


def test_leader_assignment_is_a_side_event(city):
    petition = petition_in("handling")
    petition = act("assign_leader", petition, "wutong_leader", leader=user("wutong_leader"))
    assert petition.status == Status.HANDLING
    assert petition.leader.username == "wutong_leader"
    event = PetitionEvent.objects.filter(petition=petition).last()
    assert (event.kind, event.from_status, event.to_status) == ("assign_leader", "", "")


def test_a_leader_of_another_town_cannot_be_responsible(city):
    petition = petition_in("handling")
    with pytest.raises(DomainError) as refused:
        act("assign_leader", petition, "xinfang_officer", leader=user("gaoqiao_leader"))
    assert refused.value.code == "invalid_leader"
    petition.refresh_from_db()
    assert petition.leader is None


def test_the_timeline_is_append_only(city):
    petition = petition_in("routed")
    event = PetitionEvent.objects.filter(petition=petition).first()
    with pytest.raises(DomainError):
        event.save()
    with pytest.raises(DomainError):
        PetitionEvent.objects.filter(petition=petition).update(note="x")
    with pytest.raises(DomainError):
        event.delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE petitions_petitionevent SET note = 'x'")


def test_available_actions_follow_the_viewer(city):
    from pingan.cases import clock

    petition = petition_in("routed")
    now = clock.now()
    assert workflow.available_actions(petition, user("wutong_handler"), now) == [
        Action.OBJECT,
        Action.ACCEPT,
    ]
    assert workflow.available_actions(petition, user("xinfang_officer"), now) == [
        Action.ASSIGN_LEADER
    ]
    assert workflow.can_accept(petition, user("wutong_handler"), now)
    assert not workflow.can_accept(petition, user("wutong_clerk"), now)
