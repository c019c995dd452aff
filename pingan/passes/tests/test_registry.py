"""residence_set / employment_set: the contract with the health app's registration."""

import pytest

from pingan.core.errors import DomainError
from pingan.passes import issuing
from pingan.passes.models import Employment, Residence
from pingan.passes.services import employment_set, residence_set
from pingan.passes.tests.factories import holder
from pingan.places import demo as places_demo

pytestmark = pytest.mark.django_db


def test_set_and_replace(city):
    person = holder()
    residence_set(person=person, place=places_demo.compound(), room="1-101")
    residence_set(person=person, place=places_demo.compound(), room="2-202")
    employment_set(person=person, place=places_demo.factory())
    residence = Residence.objects.get(person=person)
    assert residence.room == "2-202"
    assert residence.rid == issuing.rid_for(person).hex()
    assert Employment.objects.get(person=person).place == places_demo.factory()
    employment_set(person=person, place=None)
    assert not Employment.objects.filter(person=person).exists()


def test_wrong_kinds_refused(city):
    person = holder()
    with pytest.raises(DomainError) as exc:
        residence_set(person=person, place=places_demo.factory())
    assert exc.value.code == "bad_residence"
    with pytest.raises(DomainError) as exc:
        employment_set(person=person, place=places_demo.compound())
    assert exc.value.code == "bad_employer"
    assert not Residence.objects.filter(person=person).exists()
    assert not Employment.objects.filter(person=person).exists()
