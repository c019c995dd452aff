"""Every transition of the hazard state machine: allowed, refused from the wrong status, refused
for the wrong role, and out of sight (404) for the wrong region. Each leaves a timeline row."""

import pytest

from pingan.core.errors import DomainError, NotFound
from pingan.hazards import services, workflow
from pingan.hazards.models import Hazard, HazardEvent
from pingan.hazards.tests import factories as f
from pingan.hazards.workflow import Action, Status

pytestmark = pytest.mark.django_db


def _call(action, hazard, actor):
    actor = f.user(actor)
    if action == Action.FIX_ON_SPOT:
        return services.hazard_fix_on_spot(hazard=hazard, actor=actor, note="当场清理")
    if action == Action.ORDER:
        return services.hazard_order(
            hazard=hazard, actor=actor, grade="general", due_on=f.in_days(5), requirements="清理"
        )
    if action == Action.REQUEST_REVIEW:
        return services.hazard_request_review(hazard=hazard, actor=actor, note="已整改")
    if action == Action.PASS:
        return services.hazard_pass(hazard=hazard, actor=actor, note="合格")
    if action == Action.FAIL:
        return services.hazard_fail(hazard=hazard, actor=actor, reason="仍有堆物")
    if action == Action.CLOSE:
        return services.hazard_close(hazard=hazard, actor=actor)
    if action == Action.DISMISS:
        return services.hazard_dismiss(hazard=hazard, actor=actor, reason="不构成隐患")
    if action == Action.SUPERVISE:
        return services.hazard_supervise(hazard=hazard, actor=actor, note="挂牌督办")
    raise AssertionError(action)


# action, status it starts from, grade, who may, resulting status
ALLOWED = [
    (Action.FIX_ON_SPOT, "found", "general", "tudian_inspector", Status.CLOSED),
    (Action.ORDER, "found", "general", "tudian_inspector", Status.RECTIFYING),
    (Action.REQUEST_REVIEW, "rectifying", "general", "tudian_inspector", Status.REVIEW_REQUESTED),
    (Action.PASS, "review_requested", "general", "tudian_inspector", Status.REINSPECTED),
    (Action.FAIL, "review_requested", "general", "tudian_inspector", Status.RECTIFYING),
    (Action.CLOSE, "reinspected", "general", "tudian_inspector", Status.CLOSED),
    (Action.CLOSE, "reinspected", "major", "tudian_leader", Status.CLOSED),
    (Action.DISMISS, "found", "general", "tudian_inspector", Status.DISMISSED),
    (Action.SUPERVISE, "rectifying", "major", "tudian_leader", Status.RECTIFYING),
    (Action.SUPERVISE, "rectifying", "major", "city_leader", Status.RECTIFYING),
]


@pytest.mark.parametrize(("action", "start", "grade", "actor", "target"), ALLOWED)
def test_allowed(demo_city, action, start, grade, actor, target):
    hazard = f.hazard_in(start, grade=grade)
    before = hazard.events.count()
    _call(action, hazard, actor)
    hazard = Hazard.objects.get(pk=hazard.pk)
    assert hazard.status == target
    last = hazard.events.order_by("-id").first()
    assert hazard.events.count() == before + 1
    assert last.kind == action and last.actor.username == actor
    if workflow.target_status(action):
        assert (last.from_status, last.to_status) == (start, target)


# action, a status it may not start from, grade
WRONG_STATUS = [
    (Action.FIX_ON_SPOT, "rectifying", "general"),
    (Action.ORDER, "rectifying", "general"),
    (Action.REQUEST_REVIEW, "found", "general"),
    (Action.REQUEST_REVIEW, "review_requested", "general"),
    (Action.PASS, "rectifying", "general"),
    (Action.FAIL, "reinspected", "general"),
    (Action.CLOSE, "review_requested", "general"),
    (Action.CLOSE, "closed", "general"),
    (Action.DISMISS, "rectifying", "general"),
    (Action.SUPERVISE, "closed", "major"),
]


@pytest.mark.parametrize(("action", "start", "grade"), WRONG_STATUS)
def test_refused_from_wrong_status(demo_city, action, start, grade):
    hazard = f.hazard_in(start, grade=grade)
    events = hazard.events.count()
    actor = "tudian_leader" if action in (Action.SUPERVISE,) or grade == "major" else None
    with pytest.raises(DomainError) as refused:
        _call(action, hazard, actor or "tudian_inspector")
    assert refused.value.status == 409 and refused.value.code == "invalid_transition"
    assert Hazard.objects.get(pk=hazard.pk).status == start
    assert hazard.events.count() == events


def test_major_hazard_cannot_be_fixed_on_the_spot(demo_city):
    hazard = f.new_hazard(grade="major")
    with pytest.raises(DomainError) as refused:
        _call(Action.FIX_ON_SPOT, hazard, "tudian_inspector")
    assert refused.value.status == 409


def test_general_hazard_is_not_listed_for_supervision(demo_city):
    hazard = f.hazard_in("rectifying", grade="general")
    with pytest.raises(DomainError) as refused:
        _call(Action.SUPERVISE, hazard, "tudian_leader")
    assert refused.value.status == 409


def test_supervision_only_once(demo_city):
    hazard = f.hazard_in("rectifying", grade="major")
    _call(Action.SUPERVISE, hazard, "tudian_leader")
    with pytest.raises(DomainError) as refused:
        _call(Action.SUPERVISE, hazard, "city_leader")
    assert refused.value.status == 409


# action, status, grade, someone in the region whose role may not take the action
WRONG_ROLE = [
    (Action.FIX_ON_SPOT, "found", "general", "tudian_leader"),
    (Action.ORDER, "found", "general", "tudian_leader"),
    (Action.PASS, "review_requested", "general", "tudian_leader"),
    (Action.FAIL, "review_requested", "general", "tudian_leader"),
    (Action.DISMISS, "found", "general", "tudian_leader"),
    (Action.SUPERVISE, "rectifying", "major", "tudian_inspector"),
    # 重大: the inspector may not close it; the supervising leader does.
    (Action.CLOSE, "reinspected", "major", "tudian_inspector"),
]


@pytest.mark.parametrize(("action", "start", "grade", "actor"), WRONG_ROLE)
def test_refused_for_wrong_role(demo_city, action, start, grade, actor):
    hazard = f.hazard_in(start, grade=grade)
    events = hazard.events.count()
    with pytest.raises(DomainError) as refused:
        _call(action, hazard, actor)
    assert refused.value.status == 403 and refused.value.code == "forbidden"
    assert Hazard.objects.get(pk=hazard.pk).status == start
    assert hazard.events.count() == events


def test_grid_worker_may_ask_for_re_inspection_but_not_order(demo_city):
    """tudian_grid works in 荣星村, where the building site is."""
    hazard = f.new_hazard(at=f.SITE_TUDIAN)
    with pytest.raises(DomainError) as refused:
        _call(Action.ORDER, hazard, "tudian_grid")
    assert refused.value.status == 403
    f.order(hazard)
    _call(Action.REQUEST_REVIEW, hazard, "tudian_grid")
    assert Hazard.objects.get(pk=hazard.pk).status == Status.REVIEW_REQUESTED


@pytest.mark.parametrize(
    ("action", "start", "grade"),
    [
        (Action.ORDER, "found", "general"),
        (Action.FIX_ON_SPOT, "found", "general"),
        (Action.REQUEST_REVIEW, "rectifying", "general"),
        (Action.PASS, "review_requested", "general"),
        (Action.CLOSE, "reinspected", "general"),
    ],
)
def test_other_region_is_not_found(demo_city, action, start, grade):
    """An inspector of 梧桐街道 does not see 屠甸镇's hazards at all."""
    hazard = f.hazard_in(start, grade=grade)
    with pytest.raises(NotFound):
        _call(action, hazard, "wutong_inspector")
    assert Hazard.objects.get(pk=hazard.pk).status == start


def test_grid_worker_of_another_village_does_not_see_the_hazard(demo_city):
    hazard = f.hazard_in("rectifying")  # at the hardware factory, 屠甸镇 not 荣星村
    with pytest.raises(NotFound):
        _call(Action.REQUEST_REVIEW, hazard, "tudian_grid")


def test_full_cycle_with_a_failed_re_inspection(demo_city, outbox):
    hazard = f.hazard_in("review_requested")
    inspector = f.user("tudian_inspector")
    services.hazard_fail(hazard=hazard, actor=inspector, reason="仍有堆物", due_on=f.in_days(3))
    hazard = Hazard.objects.get(pk=hazard.pk)
    assert hazard.status == Status.RECTIFYING and hazard.reinspections == 1
    assert hazard.due_on == f.in_days(3)
    assert len(outbox("hazard_reinspect_failed")) == 1
    services.hazard_request_review(hazard=hazard, actor=inspector, note="再次整改完成")
    services.hazard_pass(hazard=hazard, actor=inspector, note="合格")
    services.hazard_close(hazard=hazard, actor=inspector, note="销号")
    hazard = Hazard.objects.get(pk=hazard.pk)
    assert hazard.status == Status.CLOSED and hazard.closed_at and hazard.reinspections == 2
    kinds = list(hazard.events.values_list("kind", flat=True))
    assert kinds == [
        "create",
        "order",
        "request_review",
        "fail",
        "request_review",
        "pass",
        "close",
    ]


def test_fix_on_spot_closes_as_general(demo_city):
    hazard = f.new_hazard()
    _call(Action.FIX_ON_SPOT, hazard, "tudian_inspector")
    hazard = Hazard.objects.get(pk=hazard.pk)
    assert hazard.status == Status.CLOSED and hazard.fixed_on_spot and hazard.grade == "general"
    assert hazard.closed_by.username == "tudian_inspector"


def test_timeline_is_append_only(demo_city):
    hazard = f.new_hazard()
    row = hazard.events.get()
    row.note = "改写"
    with pytest.raises(DomainError):
        row.save()
    with pytest.raises(DomainError):
        HazardEvent.objects.filter(pk=row.pk).update(note="改写")


def test_guards_answer_for_buttons(demo_city):
    hazard = f.hazard_in("found")
    inspector, leader = f.user("tudian_inspector"), f.user("tudian_leader")
    assert workflow.can_order(hazard, inspector) and workflow.can_fix_on_spot(hazard, inspector)
    assert not workflow.can_order(hazard, leader)
    assert set(workflow.available_actions(hazard, inspector)) == {
        "fix_on_spot",
        "order",
        "dismiss",
    }
