"""Registration: directly by staff (the work order is made first) or on a work order of kind
"petition" made by the hall or the hotline; bad input is refused and nothing is written."""

import pytest
from django.db import transaction

from pingan.cases.models import Case
from pingan.cases.services import case_create
from pingan.core.errors import DomainError
from pingan.people.models import Person
from pingan.petitions import services
from pingan.petitions.models import Petition, PetitionEvent
from pingan.petitions.tests.factories import JINYU, WAGES, new_petition, person, user
from pingan.petitions.workflow import Status

pytestmark = pytest.mark.django_db


def _counts():
    return Case.objects.count(), Petition.objects.count(), Person.objects.count()


def _window_case(actor="wutong_clerk", kind="petition", **kwargs):
    case, _code = case_create(
        actor=user(actor),
        channel="window",
        kind=kind,
        category=kwargs.pop("category", "labour.wages"),
        region=JINYU,
        description=WAGES,
        **kwargs,
    )
    return case


def test_direct_registration_makes_the_case_and_the_petition(city, frozen):
    from pingan.petitions.tests.factories import local

    frozen("2026-03-02 10:00")
    petition = new_petition(petitioners=[person("张建国", phone="13771005555")])
    assert petition.number == "XF202603020001"
    assert petition.status == Status.REGISTERED
    assert (petition.case.kind, petition.case.reporter_phone) == ("petition", "13771005555")
    assert petition.registered_by.username == "xinfang_officer"
    assert petition.route_due == local("2026-03-18 00:00")
    (event,) = PetitionEvent.objects.filter(petition=petition)
    assert (event.kind, event.to_status, event.data["case"]) == (
        "register",
        "registered",
        petition.case.number,
    )
    assert new_petition().number == "XF202603020002"


def test_the_hall_attaches_a_petition_to_its_work_order(city):
    clerk = user("wutong_clerk")
    with transaction.atomic():
        case = _window_case()
        petition = services.petition_register(
            case=case,
            petitioners=[person("张建国")],
            actor=clerk,
            over_level=False,
            headcount=3,
            leader=user("wutong_leader"),
        )
    assert petition.case == case and petition.headcount == 3
    assert petition.intake_region.code == "330483001"
    assert petition.leader.username == "wutong_leader"


def test_an_existing_person_is_found_again_by_phone_or_id(city):
    first = new_petition(petitioners=[person("张建国", phone="13771005556")])
    again = new_petition(
        description="另一件事：小区停车位", petitioners=[{"phone": "13771005556", "name": ""}]
    )
    assert list(again.petitioners.all()) == list(first.petitioners.all())


BAD_PETITIONERS = [
    ([], "petitioners_required", "至少登记一名信访人"),
    ("张三", "invalid_petitioners", "格式不正确"),
    ([{"name": "张三", "phone": "12345"}], "invalid_phone", "第1位信访人"),
    ([person("甲"), {"name": "", "phone": ""}], "person_required", "第2位信访人"),
    ([{"name": "张三", "id_number": "330483199001011234"}], "invalid_id_number", "第1位"),
    ([42], "invalid_petitioner", "第1位信访人"),
    ([{"name": 5}], "invalid_petitioner", "第1位信访人"),
    ([person(f"人{i}") for i in range(51)], "too_many_petitioners", "最多登记50名"),
]


def test_bad_petitioners_are_refused_and_nothing_is_written(city, subtests):
    before = _counts()
    for petitioners, code, message in BAD_PETITIONERS:
        with subtests.test(code=code):
            with pytest.raises(DomainError) as refused:
                new_petition(petitioners=petitioners)
            assert refused.value.code == code
            assert message in str(refused.value.message)
            assert _counts() == before


BAD_MATTERS = [
    ({"channel": "grid"}, "unknown_channel"),
    ({"category": "consult"}, "kind_not_allowed"),
    ({"category": "nope"}, "unknown_category"),
    ({"region": "999"}, "unknown_region"),
    ({"description": "  "}, "empty_description"),
    ({"leader": "not-a-user"}, "invalid_leader"),
]


def test_bad_matters_are_refused_and_nothing_is_written(city, subtests):
    before = _counts()
    for kwargs, code in BAD_MATTERS:
        with subtests.test(code=code):
            with pytest.raises(DomainError) as refused:
                new_petition(**kwargs)
            assert refused.value.code == code
            assert _counts() == before


def test_a_leader_from_another_town_is_refused(city):
    with pytest.raises(DomainError) as refused:
        new_petition(leader=user("gaoqiao_leader"))
    assert str(refused.value.message) == "顾书记不是金域兰庭社区的领导岗位人员，不能担任包案领导"
    assert not Petition.objects.exists()


def test_attaching_refuses_other_kinds_twice_and_finished_cases(city):
    clerk = user("wutong_clerk")
    complaint = _window_case(kind="complaint")
    with pytest.raises(DomainError) as refused:
        services.petition_register(case=complaint, petitioners=[person()], actor=clerk)
    assert refused.value.code == "not_a_petition"
    case = _window_case()
    petition = services.petition_register(case=case, petitioners=[person()], actor=clerk)
    with pytest.raises(DomainError) as refused:
        services.petition_register(case=case, petitioners=[person()], actor=clerk)
    assert refused.value.code == "already_registered" and petition.number in str(
        refused.value.message
    )
    assert Petition.objects.count() == 1


def test_only_intake_staff_or_the_reporter_register(city):
    case = _window_case()
    with pytest.raises(DomainError) as refused:
        services.petition_register(case=case, petitioners=[person()], actor=user("wutong_handler"))
    assert refused.value.status in (403, 404)
    with pytest.raises(DomainError) as refused:
        services.petition_register(case=case, petitioners=[person()], actor=user("gaoqiao_clerk"))
    assert refused.value.status == 404
    assert not Petition.objects.exists()
