"""The demo: demo_worker 张建军 has a Person with an ID number, a declaration and a green
status (the passes app issues his codes from it); seeding again changes nothing."""

import pytest

from pingan.health import demo
from pingan.health.models import (
    ChangeRequest,
    Declaration,
    HealthStatus,
    Registration,
    StatusChange,
    StatusRule,
)
from pingan.passes.models import Employment, Residence
from pingan.places import demo as places_demo

pytestmark = pytest.mark.django_db


def test_demo_worker_is_registered_green(demo_city, persona):
    worker = persona("demo_worker").person
    assert worker.name == "张建军"
    assert worker.phone == "13957300010"
    assert worker.id_number == "412702199003151235"
    assert worker.region.code.startswith("330483001")
    assert Registration.objects.get(person=worker).kind == "migrant"
    assert Declaration.objects.filter(person=worker).exists()
    status = HealthStatus.objects.get(person=worker)
    assert (status.colour, status.seq) == ("green", 1)
    residence = Residence.objects.get(person=worker)
    assert (residence.place, residence.room) == (places_demo.compound(), "3幢2单元501")
    assert Employment.objects.get(person=worker).place == places_demo.factory()


def test_the_other_demo_people(demo_city, people):
    assert HealthStatus.objects.get(person=people["李秀英"]).colour == "yellow"
    assert ChangeRequest.objects.get(person=people["王小明"]).status == "pending"


def test_seeding_again_changes_nothing(demo_city):
    counts = [
        model.objects.count()
        for model in (StatusRule, Registration, Declaration, StatusChange, ChangeRequest)
    ]
    demo.seed()
    assert counts == [
        model.objects.count()
        for model in (StatusRule, Registration, Declaration, StatusChange, ChangeRequest)
    ]
