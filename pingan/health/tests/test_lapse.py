"""Yellow lapses to green after 7 days and red after 14, unless renewed with a reason; the
scheduler runs the sweep."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from pingan.health.models import HealthStatus, StatusChange
from pingan.health.services import lapse_sweep, status_change_manual
from pingan.health.tests.factories import registered

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC)


def _set(person, colour, persona, approver=None):
    from pingan.health.services import request_approve

    outcome = status_change_manual(
        person=person,
        colour=colour,
        reason_code="officer_close_contact",
        note="流调核实",
        actor=persona("health_officer"),
    )
    if outcome.request is not None:
        request_approve(request_id=outcome.request.pk, actor=persona("health_officer2"))


def test_yellow_lapses_after_seven_days(demo_city, persona):
    with time_machine.travel(START, tick=False):
        person = registered(1)
        _set(person, "yellow", persona)
    status = HealthStatus.objects.get(person=person)
    assert status.lapses_at == START + dt.timedelta(days=7)
    with time_machine.travel(START + dt.timedelta(days=6, hours=23), tick=False):
        assert lapse_sweep() == 0
    assert HealthStatus.objects.get(person=person).colour == "yellow"
    with time_machine.travel(START + dt.timedelta(days=7, minutes=1), tick=False):
        assert lapse_sweep() == 1
    status = HealthStatus.objects.get(person=person)
    assert (status.colour, status.seq, status.lapses_at) == ("green", 3, None)
    last = StatusChange.objects.filter(person=person).first()
    assert (last.old_colour, last.new_colour, last.reason_code, last.actor) == (
        "yellow",
        "green",
        "lapsed",
        None,
    )


def test_red_lapses_after_fourteen_days_not_seven(demo_city, persona):
    with time_machine.travel(START, tick=False):
        person = registered(2)
        _set(person, "red", persona)
    assert HealthStatus.objects.get(person=person).colour == "red"
    with time_machine.travel(START + dt.timedelta(days=8), tick=False):
        lapse_sweep()
    assert HealthStatus.objects.get(person=person).colour == "red"
    with time_machine.travel(START + dt.timedelta(days=14, seconds=1), tick=False):
        lapse_sweep()
    assert HealthStatus.objects.get(person=person).colour == "green"


def test_renewal_with_a_reason_pushes_the_lapse_out(demo_city, persona):
    with time_machine.travel(START, tick=False):
        person = registered(3)
        _set(person, "yellow", persona)
    with time_machine.travel(START + dt.timedelta(days=5), tick=False):
        outcome = status_change_manual(
            person=person,
            colour="yellow",
            reason_code="officer_risk_travel",
            note="补充核实行程",
            actor=persona("health_officer"),
        )
    renewal = outcome.change
    assert (renewal.old_colour, renewal.new_colour) == ("yellow", "yellow")
    status = HealthStatus.objects.get(person=person)
    assert status.seq == renewal.seq == 2  # a renewal keeps the seq: the codes stay valid
    assert status.lapses_at == START + dt.timedelta(days=12)
    with time_machine.travel(START + dt.timedelta(days=8), tick=False):
        assert lapse_sweep() == 0
    with time_machine.travel(START + dt.timedelta(days=12, seconds=1), tick=False):
        assert lapse_sweep() == 1


def test_green_never_lapses(demo_city):
    person = registered(4)
    assert HealthStatus.objects.get(person=person).lapses_at is None
    with time_machine.travel(timezone.now() + dt.timedelta(days=400), tick=False):
        lapse_sweep()
    assert HealthStatus.objects.get(person=person).seq == 1


def test_the_sweep_is_a_scheduled_job():
    from pingan.core import scheduler
    from pingan.health import jobs

    job = scheduler._registry["health.lapse"]
    assert job.func is jobs.lapse
    assert job.every <= dt.timedelta(minutes=15)
