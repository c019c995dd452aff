"""The work order underneath follows the petition where its own workflow has the same step,
through the cases services."""

import pytest

from pingan.cases.models import Case, CaseEvent
from pingan.cases.workflow import Status as CaseStatus
from pingan.petitions.tests.factories import petition_in

pytestmark = pytest.mark.django_db


def test_case_status_follows_each_step(city, subtests):
    from pingan.petitions.tests.factories import PATHS, act

    expected = {
        "route": CaseStatus.DISPATCHED,
        "accept": CaseStatus.SIGNED,
        "reply": CaseStatus.ANSWERED,
        "ask_review": CaseStatus.ANSWERED,
        "decide_review": CaseStatus.ANSWERED,
        "ask_recheck": CaseStatus.ANSWERED,
        "decide_recheck": CaseStatus.CLOSED,
    }
    petition = petition_in("registered")
    assert Case.objects.get(pk=petition.case_id).status == CaseStatus.ACCEPTED
    for action, actor, extra in PATHS["final"]:
        petition = act(action, petition, actor, **extra)
        with subtests.test(action=action):
            assert Case.objects.get(pk=petition.case_id).status == expected[action]


def test_an_objection_returns_the_case(city):
    petition = petition_in("objected")
    assert Case.objects.get(pk=petition.case_id).status == CaseStatus.RETURNED


def test_routing_dispatches_to_the_unit_and_the_reply_is_the_answer(city, outbox):
    petition = petition_in("replied")
    case = Case.objects.get(pk=petition.case_id)
    assert (case.kind, case.department.code, case.answer) == (
        "petition",
        "wutong-office",
        petition.reply_text,
    )
    kinds = list(
        CaseEvent.objects.filter(case=case).exclude(kind="note").values_list("kind", flat=True)
    )
    assert kinds == ["create", "accept", "dispatch", "sign", "answer"]
    assert outbox("case_answered") and outbox("petition_replied")


def test_an_online_case_is_accepted_when_routed(city):
    from pingan.cases.services import case_create
    from pingan.petitions import services
    from pingan.petitions.tests.factories import person, user

    citizen = user("demo_worker")
    case, _code = case_create(
        actor=citizen,
        channel="online",
        kind="petition",
        category="labour.wages",
        region="330483001018",
        description="工地拖欠工资",
    )
    assert case.status == CaseStatus.NEW
    petition = services.petition_register(
        case=case, petitioners=[person("张建军", phone="13957300010")], actor=citizen
    )
    assert petition.intake_region.code == "330483001"
    services.petition_route(petition=petition, actor=user("xinfang_officer"), unit="wutong-office")
    assert Case.objects.get(pk=case.pk).status == CaseStatus.DISPATCHED


def test_the_case_is_timed_by_the_petition_limits(city):
    """Not by the category's 15 working days: the work order's deadline is the petition's
    current statutory limit, so its lights and the overdue queue tell the truth."""
    petition = petition_in("registered")
    assert Case.objects.get(pk=petition.case_id).due_at == petition.route_due
    petition = petition_in("handling")
    case = Case.objects.get(pk=petition.case_id)
    assert case.due_at == petition.handle_due
    assert case.due_warn_at < case.due_at
    notes = CaseEvent.objects.filter(case=case, kind="note").values_list("note", flat=True)
    assert any("办理期限" in note for note in notes)
