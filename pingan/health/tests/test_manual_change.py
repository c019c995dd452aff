"""An officer changes a colour by hand only with a reason code and a note, only for people of
their jurisdiction; yellow and green apply at once, with the StatusChange naming the officer."""

import pytest

from pingan.core.errors import Conflict, DomainError, NotFound
from pingan.health.models import HealthStatus, StatusChange
from pingan.health.services import status_change_manual
from pingan.health.tests.factories import officer, registered
from pingan.places.models import Place

pytestmark = pytest.mark.django_db


def _change(person, actor, **kwargs):
    args = {
        "colour": "yellow",
        "reason_code": "officer_risk_travel",
        "note": "经核实到过风险地区",
        **kwargs,
    }
    return status_change_manual(person=person, actor=actor, **args)


def _snapshot(person):
    status = HealthStatus.objects.get(person=person)
    return (status.colour, status.seq, StatusChange.objects.filter(person=person).count())


def test_yellow_applies_at_once_with_the_officer_on_record(demo_city, persona):
    person = registered(10)
    outcome = _change(person, persona("health_officer"))
    assert outcome.request is None
    change = outcome.change
    assert (change.old_colour, change.new_colour, change.seq) == ("green", "yellow", 2)
    assert change.actor == persona("health_officer")
    assert change.approved_by is None
    assert _snapshot(person) == ("yellow", 2, 2)


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"reason_code": ""}, "reason_required"),
        ({"reason_code": "because"}, "unknown_reason"),
        ({"note": "   "}, "note_required"),
        ({"note": "长" * 1001}, "note_too_long"),
        ({"colour": "blue"}, "invalid_colour"),
    ],
)
def test_a_reason_is_required_and_nothing_changes_without(demo_city, persona, kwargs, code):
    person = registered(11)
    before = _snapshot(person)
    with pytest.raises(DomainError) as refused:
        _change(person, persona("health_officer"), **kwargs)
    assert refused.value.code == code
    assert _snapshot(person) == before


def test_green_to_green_is_refused(demo_city, persona):
    person = registered(12)
    with pytest.raises(Conflict):
        _change(person, persona("health_officer"), colour="green", reason_code="officer_data_error")


def test_only_officers_of_the_persons_region(demo_city, persona):
    person = registered(13)  # lives in 金域兰庭, 梧桐街道
    tudian = officer("tudian_health", "330483103")
    before = _snapshot(person)
    for actor in (tudian, persona("wutong_clerk"), persona("demo_worker")):
        with pytest.raises(NotFound):
            _change(person, actor)
    assert _snapshot(person) == before
    wutong = officer("wutong_health", "330483001")
    assert _change(person, wutong).change is not None


def test_a_person_of_another_town_is_out_of_a_town_officers_reach(demo_city, persona):
    rental = Place.objects.get(name="镇区社区长兴街出租房")  # 屠甸镇
    person = registered(14, residence=rental)
    with pytest.raises(NotFound):
        _change(person, officer("wutong_health2", "330483001"))
    assert _change(person, officer("tudian_health2", "330483103")).change is not None
