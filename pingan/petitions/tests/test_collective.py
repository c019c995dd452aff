"""Five or more people on one petition make it collective (集体访); the headcount may exceed the
registered representatives but not fall short of them."""

import pytest

from pingan.core.errors import DomainError
from pingan.petitions.models import Petition
from pingan.petitions.tests.factories import new_petition, person

pytestmark = pytest.mark.django_db


def test_forty_workers_with_five_representatives(city):
    petition = new_petition(petitioners=[person(f"工人{i}") for i in range(5)], headcount=40)
    assert (petition.headcount, petition.is_collective) == (40, True)
    assert petition.petitioners.count() == 5


def test_five_registered_people_are_collective_without_a_headcount(city):
    petition = new_petition(petitioners=[person(f"工人{i}") for i in range(5)])
    assert (petition.headcount, petition.is_collective) == (5, True)


def test_four_people_are_not(city):
    petition = new_petition(petitioners=[person("甲"), person("乙")], headcount=4)
    assert petition.is_collective is False


def test_the_same_person_twice_counts_once(city):
    twice = person("张建国", phone="13771006666")
    petition = new_petition(petitioners=[twice, dict(twice)])
    assert petition.headcount == 1


def test_bad_headcounts_are_refused_and_nothing_is_written(city, subtests):
    bad = [(1, "不能少于已登记的信访人"), ("40", "须为整数"), (True, "须为整数"), (10**6, "过大")]
    for headcount, message in bad:
        with subtests.test(headcount=headcount):
            with pytest.raises(DomainError) as refused:
                new_petition(petitioners=[person("甲"), person("乙")], headcount=headcount)
            assert message in str(refused.value.message)
            assert not Petition.objects.exists()
