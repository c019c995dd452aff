"""Placing a reported location in a region: nearest centre point, region named in the address,
region code, or the default intake region."""

from decimal import Decimal

import pytest

from pingan.core.errors import DomainError
from pingan.open311 import locate
from pingan.open311.models import LocationSource, RegionPoint
from pingan.org.models import Region


def place(**kwargs):
    values = {"latitude": None, "longitude": None, "address_string": "", "address_id": ""}
    values.update(kwargs)
    region, source = locate.locate(**values)
    return region.code, source


def test_distance_is_a_great_circle():
    # One degree of latitude is about 111.2 km anywhere.
    assert locate.distance_km(30, 120, 31, 120) == pytest.approx(111.19, abs=0.05)
    assert locate.distance_km(30.6, 120.5, 30.6, 120.5) == 0


def test_nearest_town_centre(city):
    assert place(latitude=Decimal("30.745"), longitude=Decimal("120.49")) == (
        "330483101",
        LocationSource.POINT,
    )
    assert place(latitude=Decimal("30.60"), longitude=Decimal("120.65"))[0] == "330483103"


def test_a_village_point_wins_over_its_town(city):
    village = Region.objects.get(code="330483001011")
    RegionPoint.objects.create(region=village, latitude="30.6500", longitude="120.5800")
    assert place(latitude=Decimal("30.6490"), longitude=Decimal("120.5790"))[0] == village.code


def test_points_of_inactive_regions_are_skipped(city):
    Region.objects.filter(code="330483101").update(is_active=False)
    code, _source = place(latitude=Decimal("30.745"), longitude=Decimal("120.487"))
    assert code != "330483101"


def test_too_far_falls_back_to_the_address_then_the_default(city, settings):
    far = {"latitude": Decimal("31.23"), "longitude": Decimal("121.47")}
    assert place(**far, address_string="高桥街道骑塘村") == ("330483004002", "address_text")
    assert place(**far) == ("330483", LocationSource.DEFAULT)
    settings.PINGAN_OPEN311_MAX_DISTANCE_KM = 200
    assert place(**far)[1] == LocationSource.POINT


def test_address_id_wins(city):
    assert place(
        latitude=Decimal("30.745"), longitude=Decimal("120.487"), address_id="330483103"
    ) == ("330483103", LocationSource.ADDRESS_ID)


def test_address_id_must_be_a_region_of_the_city(city):
    with pytest.raises(DomainError) as error:
        place(address_id="110101")
    assert error.value.status == 400


def test_a_missing_default_region_is_a_clear_error(city, settings):
    settings.PINGAN_OPEN311_DEFAULT_REGION = "330483999"
    with pytest.raises(DomainError) as error:
        place(address_string="不知道在哪")
    assert error.value.code == "no_intake_region"
