"""After the re-review decision the procedure is final: the same facts from the same person are
refused at registration, with a message naming the final decision, and nothing is written."""

import pytest
from django.db import transaction

from pingan.cases.models import Case
from pingan.cases.services import case_create
from pingan.cases.workflow import Status as CaseStatus
from pingan.core.errors import DomainError
from pingan.people.models import Person
from pingan.petitions import services
from pingan.petitions.models import Petition
from pingan.petitions.tests.factories import (
    OTHER_WAGES,
    WAGES_RETOLD,
    new_petition,
    person,
    petition_in,
    user,
)
from pingan.petitions.workflow import Status

pytestmark = pytest.mark.django_db

PHONE = "13771008888"


@pytest.fixture
def final(city):
    return petition_in("final", petitioners=[person("张建国", phone=PHONE)])


def _counts():
    return Case.objects.count(), Petition.objects.count(), Person.objects.count()


def test_final_closes_the_work_order(final):
    assert final.status == Status.FINAL
    assert Case.objects.get(pk=final.case_id).status == CaseStatus.CLOSED


def test_same_facts_from_the_same_person_are_refused(final):
    before = _counts()
    with pytest.raises(DomainError) as refused:
        new_petition(
            description=WAGES_RETOLD,
            petitioners=[person("张建国", phone=PHONE), person("新来的")],
        )
    assert refused.value.code == "final_decided"
    message = str(refused.value.message)
    assert final.number in message
    assert "张*国" in message and "复核意见" in message and "不再受理" in message
    assert "维持复查意见" in message
    assert _counts() == before


def test_the_hall_path_is_refused_too_and_leaves_no_case(final):
    clerk = user("wutong_clerk")
    before = _counts()
    with pytest.raises(DomainError), transaction.atomic():
        case, _code = case_create(
            actor=clerk,
            channel="window",
            kind="petition",
            category="labour.wages",
            region="330483001018",
            description=WAGES_RETOLD,
            reporter_phone=PHONE,
        )
        services.petition_register(
            case=case, petitioners=[person("张建国", phone=PHONE)], actor=clerk
        )
    assert _counts() == before


@pytest.mark.parametrize(
    "kwargs",
    [
        {"petitioners": [{"name": "李四", "phone": "13771008887"}]},  # another person
        {"description": OTHER_WAGES, "petitioners": [{"name": "张建国", "phone": PHONE}]},
        {
            "category": "city.noise",
            "description": WAGES_RETOLD,
            "petitioners": [{"name": "张建国", "phone": PHONE}],
        },
    ],
    ids=["other-person", "other-matter", "other-category"],
)
def test_other_facts_are_accepted(final, kwargs):
    petition = new_petition(**{"description": WAGES_RETOLD, **kwargs})
    assert petition.status == Status.REGISTERED


def test_before_the_final_decision_the_same_facts_are_a_repeat_not_a_refusal(city):
    earlier = petition_in("reviewed", petitioners=[person("张建国", phone=PHONE)])
    again = new_petition(description=WAGES_RETOLD, petitioners=[person("张建国", phone=PHONE)])
    assert again.repeat_of == earlier
