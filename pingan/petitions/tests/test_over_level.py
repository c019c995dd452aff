"""Over-level (越级): brought to the city about a matter of a town that has no petition on it.
Staff tick it; the system's suggestion is kept beside their judgement."""

import pytest

from pingan.core.errors import DomainError
from pingan.petitions.models import Petition
from pingan.petitions.tests.factories import WAGES_RETOLD, new_petition, person

pytestmark = pytest.mark.django_db


def test_city_intake_of_a_town_matter_new_to_the_town_is_suggested(city):
    petition = new_petition(actor="xinfang_officer")
    assert petition.intake_region.code == "330483"
    assert (petition.over_level_suggested, petition.over_level) == (True, False)


def test_staff_tick_is_stored_as_given(city):
    assert new_petition(over_level=True).over_level is True


def test_not_suggested_when_the_town_already_has_the_matter(city):
    town = new_petition(actor="wutong_clerk", petitioners=[person("工人甲")])
    assert town.intake_region.code == "330483001"
    assert town.over_level_suggested is False
    # Another of the workers goes to the city about the same wages.
    city_petition = new_petition(description=WAGES_RETOLD, petitioners=[person("工人乙")])
    assert city_petition.over_level_suggested is False


def test_not_suggested_for_a_town_intake_or_a_city_matter(city):
    assert new_petition(intake_region="330483001").over_level_suggested is False
    assert new_petition(region="330483", category="petition").over_level_suggested is False


@pytest.mark.parametrize(
    ("intake", "code"),
    [("330483001001", "invalid_intake_region"), ("999999", "unknown_region")],
)
def test_bad_intake_regions_are_refused(city, intake, code):
    with pytest.raises(DomainError) as refused:
        new_petition(intake_region=intake)
    assert refused.value.code == code
    assert not Petition.objects.exists()


def test_over_level_must_be_a_yes_or_no(city):
    with pytest.raises(DomainError):
        new_petition(over_level="yes")
    assert not Petition.objects.exists()
