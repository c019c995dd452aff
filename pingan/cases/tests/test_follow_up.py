"""回访: satisfied closes, unsatisfied reopens for a redo; by staff, or by the reporter signed in
or holding the query code."""

import pytest

from pingan.cases import services
from pingan.cases.models import Case, FollowUp
from pingan.cases.tests.factories import act, case_in, user
from pingan.core.errors import DomainError, NotFound


@pytest.mark.parametrize("satisfaction", ["satisfied", "basic"])
def test_satisfied_closes(categories, satisfaction):
    case = act("follow_up", case_in("answered"), "hotline", satisfaction=satisfaction,
               comment="处理及时")  # fmt: skip
    assert case.status == "closed" and case.closed_at is not None
    assert case.satisfaction == satisfaction
    event = case.events.order_by("-id").first()
    assert (event.kind, event.from_status, event.to_status) == ("follow_up", "answered", "closed")
    assert event.data == {"satisfaction": satisfaction, "by_reporter": False}
    assert FollowUp.objects.get(case=case).actor == user("hotline")


def test_unsatisfied_reopens_for_another_round(categories):
    case = case_in("answered")
    old_due = case.due_at
    case = act("follow_up", case, "hotline", satisfaction="unsatisfied", comment="仍在施工")
    assert case.status == "reopened"
    assert case.satisfaction == "unsatisfied"
    assert case.reopen_count == 1
    assert case.department is None and case.answer == ""
    assert case.due_at >= old_due
    event = case.events.order_by("-id").first()
    assert event.department.code == "wutong-office"
    # The redo goes through dispatch again, and can be answered and closed.
    case = act("dispatch", case, "city_dispatcher", department="wutong-office")
    case = act("sign", case, "wutong_handler")
    case = act("answer", case, "wutong_handler", answer="已停工整改")
    case = act("follow_up", case, "hotline", satisfaction="satisfied")
    assert case.status == "closed"
    assert FollowUp.objects.filter(case=case).count() == 2


def test_the_reporter_rates_their_own_case_when_signed_in(categories):
    worker = user("demo_worker")
    case, _code = services.case_create(
        actor=worker,
        channel="online",
        kind="complaint",
        category="city.noise",
        region="330483001011",
        description="夜间施工",
    )
    case = act("accept", case, "wutong_clerk")
    case = act("dispatch", case, "city_dispatcher", department="wutong-office")
    case = act("sign", case, "wutong_handler")
    case = act("answer", case, "wutong_handler", answer="已处理")
    case = services.case_follow_up(case=case, actor=worker, satisfaction="basic")
    assert case.status == "closed"
    assert FollowUp.objects.get(case=case).by_reporter


def test_the_reporter_rates_with_the_query_code_without_an_account(categories):
    case, code = services.case_create(
        actor=user("hotline"),
        channel="hotline",
        kind="complaint",
        category="city.noise",
        region="330483001011",
        description="夜间施工",
        reporter_phone="13800571234",
    )
    for action, actor, extra in [
        ("dispatch", "city_dispatcher", {"department": "wutong-office"}),
        ("sign", "wutong_handler", {}),
        ("answer", "wutong_handler", {"answer": "已处理"}),
    ]:
        case = act(action, case, actor, **extra)
    wrong = "000000" if code != "000000" else "999999"
    with pytest.raises(NotFound):
        services.case_follow_up(case=case, actor=None, satisfaction="satisfied", query_code=wrong)
    assert Case.objects.get(pk=case.pk).status == "answered"
    case = services.case_follow_up(
        case=case, actor=None, satisfaction="unsatisfied", comment="没解决", query_code=code
    )
    assert case.status == "reopened"
    follow_up = FollowUp.objects.get(case=case)
    assert follow_up.by_reporter and follow_up.actor is None


def test_another_citizen_cannot_rate(categories):
    case = case_in("answered")
    with pytest.raises(NotFound):
        services.case_follow_up(case=case, actor=user("demo_worker"), satisfaction="satisfied")


def test_unknown_satisfaction_is_refused(categories):
    case = case_in("answered")
    with pytest.raises(DomainError) as refused:
        act("follow_up", case, "hotline", satisfaction="meh")
    assert refused.value.code == "invalid_satisfaction"
    assert not FollowUp.objects.filter(case=case).exists()
