"""The visit at the window: answered on the spot (a window case resolved at once), accepted as
a work order of the right kind, or sent to the person on duty; bad input changes nothing."""

import datetime

import pytest

from pingan.cases.models import Case
from pingan.core.errors import DomainError
from pingan.hall.models import Matter, Visit
from pingan.hall.services import (
    ticket_call_next,
    visit_accept,
    visit_advise,
    visit_duty_answer,
    visit_refer,
    visit_resolve_on_spot,
)
from pingan.hall.tests.factories import at, post_at, slot, take, user, window
from pingan.people.models import Person
from pingan.people.services import person_register

DAY = datetime.date(2026, 12, 1)


def _clerk():
    return user("wutong_clerk")


def test_answered_on_the_spot_is_a_resolved_window_case(hall):
    take(phone="13957301074")
    ticket = ticket_call_next(window=window("wutong", 1), actor=_clerk())
    visit = visit_resolve_on_spot(
        actor=_clerk(),
        window=window("wutong", 1),
        ticket=ticket,
        name="钱晓红",
        phone="13957301074",
        purpose="咨询居住证办理材料",
        answer="已告知所需材料",
        category="consult",
    )
    case = visit.case
    assert (case.channel, case.kind, case.status) == ("window", "consult", "resolved_on_spot")
    assert case.reporter_phone == "13957301074" and case.answer == "已告知所需材料"
    assert case.region.code == "330483001"
    matter = visit.matter
    assert (matter.status, matter.visit_count, matter.return_method) == ("settled", 1, "on_spot")
    assert matter.case == case and visit.ticket == ticket
    assert visit.outcome == "resolved_on_spot"


@pytest.mark.parametrize(
    ("kind", "category"),
    [("dispute", "labour.wages"), ("complaint", "city.noise"), ("petition", "petition")],
)
def test_accepted_as_a_work_order_of_its_kind(hall, kind, category):
    person = person_register(name="孙志强", phone="13957301075")
    case = visit_accept(
        actor=_clerk(),
        window=window("wutong", 1),
        person=person,
        purpose="反映问题",
        kind=kind,
        category=category,
        region="330483001011",
    )
    assert isinstance(case, Case)
    assert (case.channel, case.kind, case.status) == ("window", kind, "accepted")
    assert case.region.code == "330483001011"
    matter = Matter.objects.get(case=case)
    assert (matter.status, matter.visit_count, matter.person) == ("open", 1, person)
    assert Visit.objects.get(matter=matter).outcome == "accepted"


def test_referred_to_the_person_on_duty_who_answers(hall):
    legal = window("wutong", 3)
    with at(2026, 12, 1, 9, 30):
        duty = slot(legal, DAY, "am", "duty_lawyer")
        visit = visit_refer(
            actor=_clerk(),
            window=window("wutong", 1),
            name="李桂芳",
            phone="13957301076",
            purpose="房屋租赁合同纠纷，想了解法律途径",
            routed_to=duty.person,
        )
        assert (visit.routed_to.username, visit.routed_window) == ("duty_lawyer", legal)
        assert visit.matter.status == "referred"
        visit = visit_duty_answer(
            visit=visit, actor=user("duty_lawyer"), advice="建议先协商，协商不成可申请人民调解"
        )
    visit.matter.refresh_from_db()
    assert visit.duty_answered_at is not None
    assert (visit.matter.status, visit.matter.visit_count) == ("settled", 1)
    with pytest.raises(DomainError) as again:
        visit_duty_answer(visit=visit, actor=user("duty_lawyer"), advice="再次答复")
    assert again.value.code == "already_answered"
    with pytest.raises(DomainError) as other:
        visit_duty_answer(visit=visit, actor=user("duty_judge"), advice="不是我的")
    assert other.value.status == 403


def test_refer_to_someone_not_on_duty_is_refused(hall):
    with at(2026, 12, 1, 9, 30), pytest.raises(DomainError) as refused:
        visit_refer(
            actor=_clerk(),
            window=window("wutong", 1),
            name="李桂芳",
            phone="13957301076",
            purpose="咨询",
            routed_to=user("duty_judge"),
        )
    assert refused.value.code == "not_on_duty"
    assert not Matter.objects.exists() and not Person.objects.exists()


def test_the_person_on_duty_advises_a_walk_in_at_their_window(hall):
    legal = window("wutong", 3)
    with at(2026, 12, 1, 14, 0):
        slot(legal, DAY, "pm", "duty_judge")
        take(kind="legal")
        ticket = ticket_call_next(window=legal, actor=user("duty_judge"))
        visit = visit_advise(
            actor=user("duty_judge"),
            window=legal,
            ticket=ticket,
            name="周大伟",
            phone="13957301077",
            purpose="交通事故赔偿咨询",
            advice="可向法院起诉或申请诉前调解",
        )
    assert (visit.outcome, visit.matter.status, visit.case) == ("advised", "settled", None)
    with pytest.raises(DomainError) as refused:
        visit_accept(
            actor=user("duty_judge"),
            window=legal,
            name="周大伟",
            purpose="x",
            kind="dispute",
            category="neighbour",
        )
    assert refused.value.code == "not_posted"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"purpose": "  "}, "purpose_required"),
        ({"phone": "12345"}, "invalid_phone"),
        ({"category": "no.such"}, "unknown_category"),
        ({"kind": "gossip"}, "unknown_kind"),
        ({"name": "", "phone": ""}, "person_required"),
    ],
)
def test_bad_input_changes_nothing(hall, changes, code):
    arguments = {
        "actor": _clerk(),
        "window": window("wutong", 1),
        "name": "王五",
        "phone": "13957301078",
        "purpose": "咨询",
        "kind": "consult",
        "category": "consult",
    } | changes
    with pytest.raises(DomainError) as refused:
        visit_accept(**arguments)
    assert refused.value.code == code
    assert not Case.objects.filter(channel="window").exists()
    assert not Matter.objects.exists() and not Visit.objects.exists()
    assert not Person.objects.exists()


def test_a_clerk_not_posted_there_records_nothing(hall):
    with pytest.raises(DomainError) as refused:
        visit_resolve_on_spot(
            actor=_clerk(),
            window=window("wutong", 2),
            name="王五",
            phone="13957301078",
            purpose="咨询",
            answer="答复",
            category="consult",
        )
    assert refused.value.code == "not_posted"
    assert not Case.objects.filter(channel="window").exists()


def test_a_ticket_of_another_window_is_refused(hall):
    take()
    ticket = ticket_call_next(window=window("wutong", 1), actor=_clerk())
    post_at("wutong_clerk", window("wutong", 2))
    with pytest.raises(DomainError) as refused:
        visit_resolve_on_spot(
            actor=_clerk(),
            window=window("wutong", 2),
            ticket=ticket,
            name="王五",
            purpose="咨询",
            answer="答复",
            category="consult",
        )
    assert refused.value.code == "ticket_not_here"
