"""Rectification deadlines: a date in the past is refused; overdue hazards are detected; the
sweep warns before the deadline and escalates after it (SMS to the responsible contact, the
inspector and the town leader), once."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from pingan.core.errors import DomainError
from pingan.hazards import selectors, services
from pingan.hazards.models import Hazard
from pingan.hazards.tests import factories as f
from pingan.hazards.workflow import Status

pytestmark = pytest.mark.django_db


def test_deadline_in_the_past_is_refused_and_nothing_changes(demo_city, outbox):
    hazard = f.new_hazard()
    with pytest.raises(DomainError) as refused:
        services.hazard_order(
            hazard=hazard,
            actor=f.user("tudian_inspector"),
            grade="general",
            due_on=f.in_days(-1),
            requirements="清理",
        )
    assert refused.value.code == "due_in_past" and refused.value.status == 422
    assert "已经过去" in str(refused.value.message)
    hazard = Hazard.objects.get(pk=hazard.pk)
    assert hazard.status == Status.FOUND and hazard.due_at is None
    assert hazard.events.count() == 1 and outbox("hazard_order") == []


@pytest.mark.parametrize(
    ("due_on", "code"), [(None, "due_required"), ("2026-13-01", "due_required"), (400, None)]
)
def test_missing_or_absurd_deadline_is_refused(demo_city, due_on, code):
    hazard = f.new_hazard()
    if due_on == 400:
        due_on, code = f.in_days(400), "due_too_far"
    with pytest.raises(DomainError) as refused:
        services.hazard_order(
            hazard=hazard,
            actor=f.user("tudian_inspector"),
            grade="general",
            due_on=due_on,
            requirements="清理",
        )
    assert refused.value.code == code


def test_today_is_a_valid_deadline_ending_at_midnight(demo_city):
    hazard = f.order(f.new_hazard(), days=0)
    local = timezone.localtime(hazard.due_at)
    assert (local.hour, local.minute) == (0, 0) and hazard.due_on == f.in_days(0)


def test_major_hazard_needs_a_plan(demo_city):
    hazard = f.new_hazard()
    with pytest.raises(DomainError) as refused:
        f.order(hazard, grade="major", plan="")
    assert refused.value.code == "plan_required"
    assert Hazard.objects.get(pk=hazard.pk).status == Status.FOUND


def test_order_tells_the_responsible_contact(demo_city, outbox):
    hazard = f.order(f.new_hazard())
    (sms,) = outbox("hazard_order")
    assert hazard.number in sms.body and hazard.due_on.isoformat() in sms.body
    assert hazard.masked_responsible_phone == "139****4006"  # the factory's contact


def test_overdue_detection(demo_city):
    hazard = f.order(f.new_hazard(), days=2)
    inspector = f.user("tudian_inspector")
    assert not hazard.is_overdue(timezone.now())
    later = hazard.due_at + timedelta(minutes=1)
    assert hazard.is_overdue(later)
    assert list(selectors.filter_hazards(Hazard.objects.all(), overdue=True, now=later)) == [hazard]
    # Once the place asks for re-inspection the clock no longer binds it.
    services.hazard_request_review(hazard=hazard, actor=inspector, note="已整改")
    hazard.refresh_from_db()
    assert not hazard.is_overdue(later)


def _leader_phone():
    return f.user("tudian_leader").phone


def test_sweep_warns_then_escalates_once(demo_city, outbox):
    hazard = f.order(f.new_hazard(), days=10)
    start = timezone.now()
    assert services.sweep_deadlines(now=start + timedelta(days=2)).warned == 0
    with time_machine.travel(hazard.due_at - timedelta(hours=30), tick=False):
        result = services.sweep_deadlines()
        again = services.sweep_deadlines()
    assert (result.warned, again.warned) == (1, 0)
    warnings = outbox("hazard_due_warning")
    phones = {m.phone for m in warnings}
    assert phones == {"13957304006", f.user("tudian_inspector").phone}
    with time_machine.travel(hazard.due_at + timedelta(minutes=5), tick=False):
        result = services.sweep_deadlines()
        again = services.sweep_deadlines()
    assert (result.escalated, again.escalated) == (1, 0)
    escalations = outbox("hazard_overdue")
    assert {m.phone for m in escalations} == phones | {_leader_phone()}
    hazard.refresh_from_db()
    assert hazard.escalated_at and hazard.status == Status.RECTIFYING
    kinds = list(hazard.events.values_list("kind", flat=True))
    assert kinds[-2:] == ["warn", "escalate"]
    assert "陆镇长" in hazard.events.get(kind="escalate").data["leaders"]


def test_sweep_leaves_other_statuses_alone(demo_city, outbox):
    waiting = f.hazard_in("review_requested")
    closed = f.hazard_in("closed")
    with time_machine.travel(timezone.now() + timedelta(days=30), tick=False):
        assert services.sweep_deadlines().escalated == 0
    assert outbox("hazard_overdue") == []
    assert waiting.events.filter(kind="escalate").count() == 0
    assert closed.events.filter(kind="escalate").count() == 0


def test_failed_re_inspection_after_the_deadline_needs_a_new_one(demo_city):
    hazard = f.hazard_in("review_requested")
    inspector = f.user("tudian_inspector")
    with time_machine.travel(hazard.due_at + timedelta(days=1), tick=False):
        with pytest.raises(DomainError) as refused:
            services.hazard_fail(hazard=hazard, actor=inspector, reason="未整改")
        assert refused.value.code == "due_required"
        assert Hazard.objects.get(pk=hazard.pk).status == Status.REVIEW_REQUESTED
        services.hazard_fail(hazard=hazard, actor=inspector, reason="未整改", due_on=f.in_days(5))
    hazard.refresh_from_db()
    assert hazard.status == Status.RECTIFYING and hazard.escalated_at is None


def test_new_deadline_gets_its_own_escalation(demo_city, outbox):
    hazard = f.order(f.new_hazard(), days=1)
    inspector = f.user("tudian_inspector")
    with time_machine.travel(hazard.due_at + timedelta(hours=1), tick=False):
        services.sweep_deadlines()
        services.hazard_request_review(hazard=hazard, actor=inspector, note="已整改")
        services.hazard_fail(hazard=hazard, actor=inspector, reason="不合格", due_on=f.in_days(3))
    hazard.refresh_from_db()
    with time_machine.travel(hazard.due_at + timedelta(hours=1), tick=False):
        assert services.sweep_deadlines().escalated == 1
    assert hazard.events.filter(kind="escalate").count() == 2


def test_sweep_is_a_periodic_job(demo_city, outbox):
    from pingan.core import scheduler

    scheduler.autodiscover()
    (job,) = [j for j in scheduler.registered_jobs() if j.name == "hazards.sweep_deadlines"]
    assert job.every == timedelta(minutes=10)
    with time_machine.travel(timezone.now() - timedelta(days=5), tick=False):
        f.order(f.new_hazard(), days=1)
    assert str(job.func()) == "warned 0, escalated 1"
    assert len(outbox("hazard_overdue")) == 3
