"""A declaration is judged by the published rules: it may raise or renew a colour, never lower
it; bad input is refused and nothing is saved."""

import datetime as dt

import pytest
from django.utils import timezone

from pingan.core.errors import DomainError, NotFound
from pingan.health.models import Declaration, HealthStatus, RiskArea
from pingan.health.services import declaration_submit
from pingan.health.tests.factories import RiskAreaFactory, citizen, registered

pytestmark = pytest.mark.django_db


def _declare(person, actor, **kwargs):
    args = {"symptoms": [], "temperature": "36.5", "travelled_ids": [], "close_contact": False}
    return declaration_submit(person=person, actor=actor, **{**args, **kwargs})


def _holder(n):
    user = citizen(f"declarer{n}", f"139573083{n:02d}")
    return registered(n, user=user), user


def test_fever_turns_yellow_and_a_later_all_well_does_not_lower_it(demo_city):
    person, user = _holder(40)
    declaration = _declare(person, user, temperature="37.8", symptoms=["fever"])
    assert declaration.computed_colour == "yellow"
    assert declaration.rule.reason_code == "rule_fever"
    status = HealthStatus.objects.get(person=person)
    assert (status.colour, status.seq, status.reason_code) == ("yellow", 2, "rule_fever")
    later = _declare(person, user)
    assert later.computed_colour == "green"
    assert HealthStatus.objects.get(person=person).colour == "yellow"


def test_travel_from_a_high_risk_area_turns_red_at_once(demo_city):
    person, user = _holder(41)
    area = RiskArea.objects.get(name="演示：甲省乙市丙区")
    _declare(person, user, travelled_ids=[area.pk])
    status = HealthStatus.objects.get(person=person)
    assert (status.colour, status.reason_code) == ("red", "rule_high_risk_travel")


def test_the_same_colour_again_renews_it(demo_city):
    person, user = _holder(42)
    _declare(person, user, temperature="38.0")
    first = HealthStatus.objects.get(person=person).lapses_at
    _declare(person, user, temperature="38.0", now=timezone.now() + dt.timedelta(days=2))
    status = HealthStatus.objects.get(person=person)
    assert status.seq == 2
    assert status.lapses_at > first


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"temperature": "abc"}, "invalid_temperature"),
        ({"temperature": "45"}, "invalid_temperature"),
        ({"symptoms": ["sneezing"]}, "invalid_symptom"),
        ({"travelled_ids": [999999]}, "invalid_area"),
        ({"travelled_ids": ["abc"]}, "invalid_area"),
    ],
)
def test_bad_input_saves_nothing(demo_city, kwargs, code):
    person, user = _holder(43)
    with pytest.raises(DomainError) as refused:
        _declare(person, user, **kwargs)
    assert refused.value.code == code
    assert not Declaration.objects.filter(person=person).exists()


def test_an_expired_risk_area_cannot_be_declared(demo_city):
    person, user = _holder(44)
    old = RiskAreaFactory(
        valid_from=timezone.now() - dt.timedelta(days=30),
        valid_until=timezone.now() - dt.timedelta(days=1),
    )
    with pytest.raises(DomainError):
        _declare(person, user, travelled_ids=[old.pk])


def test_only_the_holder_or_a_window_declares(demo_city, persona):
    person, _user = _holder(45)
    with pytest.raises(NotFound):
        _declare(person, citizen("stranger45", "13957308445"))
    with pytest.raises(NotFound):
        _declare(person, persona("guard_factory"))
    declaration = _declare(person, persona("wutong_clerk"))
    assert declaration.channel == "window"


def test_unregistered_people_are_asked_to_register(demo_city):
    from pingan.people.services import person_register

    user = citizen("unregistered", "13957308446")
    person = person_register(name="未登记", phone="13957308446", user=user)
    with pytest.raises(DomainError) as refused:
        _declare(person, user)
    assert refused.value.code == "not_registered"
