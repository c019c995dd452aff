import pytest
from django.db import IntegrityError

from pingan.places import demo
from pingan.places.models import Place
from pingan.places.selectors import places_visible_to


def test_demo_places_seed_idempotently_with_masked_contacts(persona):
    demo.seed()
    count = Place.objects.count()
    demo.seed()
    assert Place.objects.count() == count >= 9
    factory = demo.factory()
    assert factory.region.parent.name == "梧桐街道"
    assert factory.masked_contact_phone == "139****4001"
    assert demo.compound().kind == Place.Kind.COMPOUND


def test_places_scoped_to_jurisdiction(persona):
    demo.seed()
    inspector = persona("tudian_inspector")
    visible = set(places_visible_to(inspector).values_list("region__code", flat=True))
    assert visible and all(code.startswith("330483103") for code in visible)
    assert places_visible_to(persona("city_leader")).count() == Place.objects.count()


def test_same_name_twice_in_a_region_refused(persona):
    demo.seed()
    factory = demo.factory()
    with pytest.raises(IntegrityError):
        Place.objects.create(
            region=factory.region, kind=factory.kind, name=factory.name, address="x"
        )
