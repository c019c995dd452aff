"""Every transition and side event: allowed for the right role; refused from a wrong status
(409), for a wrong role (403) and outside the actor's jurisdiction (404); a refusal changes
nothing."""

import pytest

from pingan.cases import workflow
from pingan.cases.models import Case, CaseEvent
from pingan.cases.tests.factories import act, case_in, new_case, user
from pingan.core.errors import DomainError, NotFound


def _into(case, allowed):
    return {"into": new_case()}


def _pending_extension(case, allowed):
    if not allowed:
        return {"request": 0, "grant": True}
    case = act("request_extension", case, "wutong_handler", days=3, reason="需现场勘查")
    return {"request": case.extension_requests.get(), "grant": True, "note": "同意"}


# Personas: T hotline (city), C clerk of 梧桐, D dispatcher of the city, WD dispatcher of 梧桐,
# H handler of the 梧桐 office, L leader of the city. Cases are in 梧桐 and go to the 梧桐 office.
T, C, D, WD, H, L = (
    "hotline",
    "wutong_clerk",
    "city_dispatcher",
    "wutong_dispatcher",
    "wutong_handler",
    "city_leader",
)

# action, from status, allowed actor, arguments, status after, a wrong status, a wrong role
ROWS = [
    ("accept", "new", C, {}, "accepted", "accepted", L),
    ("reject", "new", T, {"reason": "重复来电"}, "rejected", "signed", L),
    ("reject", "accepted", D, {"reason": "不属受理范围"}, "rejected", "paused", L),
    ("resolve_on_spot", "new", T, {"answer": "已解答"}, "resolved_on_spot", "closed", L),
    ("resolve_on_spot", "accepted", C, {"answer": "已解答"}, "resolved_on_spot", "dispatched", L),
    ("dispatch", "accepted", D, {"department": "wutong-office"}, "dispatched", "signed", T),
    ("dispatch", "returned", WD, {"department": "wutong-office"}, "dispatched", "new", C),
    ("dispatch", "reopened", D, {"department": "zhujian"}, "dispatched", "answered", L),
    ("sign", "dispatched", H, {}, "signed", "signed", C),
    ("return", "dispatched", H, {"reason": "不属于街道职责"}, "returned", "answered", C),
    ("return", "signed", H, {"reason": "应由派出所处理"}, "returned", "paused", L),
    ("answer", "signed", H, {"answer": "已责令整改"}, "answered", "dispatched", C),
    ("pause", "signed", H, {"reason": "请补充照片"}, "paused", "paused", C),
    ("resume", "paused", H, {}, "signed", "signed", C),
    ("merge", "accepted", D, _into, "merged", "signed", T),
    ("merge", "new", WD, _into, "merged", "answered", C),
    ("merge", "dispatched", D, _into, "merged", "paused", L),
    ("merge", "returned", D, _into, "merged", "closed", L),
    ("close", "answered", D, {}, "closed", "signed", H),
    ("reopen", "answered", D, {"reason": "仍在施工"}, "reopened", "signed", T),
    ("reopen", "closed", WD, {"reason": "仍在施工"}, "reopened", "rejected", L),
    ("request_extension", "signed", H, {"days": 3, "reason": "需勘查"}, "signed", "answered", C),
    ("request_extension", "paused", H, {"days": 2, "reason": "等材料"}, "paused", "dispatched", D),
    ("decide_extension", "signed", D, _pending_extension, "signed", "answered", L),
    ("remind", "signed", L, {"note": "请加快"}, "signed", "closed", C),
    ("remind", "accepted", D, {}, "accepted", "merged", T),
    ("supervise", "signed", L, {"level": "yellow"}, "signed", "closed", D),
    ("follow_up", "answered", T, {"satisfaction": "satisfied"}, "closed", "signed", H),
    ("follow_up", "answered", D, {"satisfaction": "unsatisfied"}, "reopened", "closed", L),
]  # fmt: skip

IDS = [f"{row[0]}-from-{row[1]}" for row in ROWS]
# People who cannot see a case in 梧桐 at all: another town's clerk, an inspector, a citizen.
OUTSIDERS = ["gaoqiao_clerk", "tudian_inspector", "demo_worker"]


def _arguments(spec, case, allowed):
    return spec(case, allowed) if callable(spec) else dict(spec)


def _snapshot(case):
    case = Case.objects.get(pk=case.pk)
    return case.status, case.version, CaseEvent.objects.filter(case=case).count()


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_allowed(categories, row):
    action, start, actor, spec, after, _wrong_status, _wrong_role = row
    case = case_in(start)
    before_events = CaseEvent.objects.filter(case=case).count()
    kwargs = _arguments(spec, case, True)
    case = Case.objects.get(pk=case.pk)
    result = act(action, case, actor, **kwargs)
    assert result.status == after
    last = CaseEvent.objects.filter(case=case).order_by("-id").first()
    assert CaseEvent.objects.filter(case=case).count() > before_events
    assert last.actor == user(actor)
    if workflow.target_status(action) is not None:
        assert (last.from_status, last.to_status) == (start, after)


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_refused_from_a_wrong_status(categories, row):
    action, _start, actor, spec, _after, wrong_status, _wrong_role = row
    case = case_in(wrong_status)
    before = _snapshot(case)
    with pytest.raises(DomainError) as refused:
        act(action, case, actor, **_arguments(spec, case, False))
    assert refused.value.code == "invalid_transition"
    assert refused.value.status == 409
    assert str(workflow.Action(action).label) in str(refused.value.message)
    assert _snapshot(case) == before


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_refused_for_a_wrong_role(categories, row):
    action, start, _actor, spec, _after, _wrong_status, wrong_role = row
    case = case_in(start)
    before = _snapshot(case)
    with pytest.raises(DomainError) as refused:
        act(action, case, wrong_role, **_arguments(spec, case, False))
    assert (refused.value.code, refused.value.status) == ("forbidden", 403)
    assert _snapshot(case) == before


@pytest.mark.parametrize("row", ROWS, ids=IDS)
@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_refused_outside_jurisdiction(categories, row, outsider):
    action, start, _actor, spec, _after, _wrong_status, _wrong_role = row
    case = case_in(start)
    before = _snapshot(case)
    with pytest.raises(NotFound):
        act(action, case, outsider, **_arguments(spec, case, False))
    assert _snapshot(case) == before


@pytest.mark.parametrize("action", ["sign", "answer", "return", "pause"])
def test_handler_of_another_department_cannot_see_the_case(categories, action):
    case = case_in("signed" if action != "sign" else "dispatched")
    extra = {"answer": {"answer": "x"}, "return": {"reason": "x"}, "pause": {"reason": "x"}}
    with pytest.raises(NotFound):
        act(action, case, "renshe_handler", **extra.get(action, {}))


@pytest.mark.parametrize(
    "status",
    ["new", "accepted", "dispatched", "signed", "paused", "answered", "closed", "returned",
     "reopened", "rejected", "resolved_on_spot", "merged"],
)  # fmt: skip
def test_the_table_refuses_every_action_it_does_not_list(categories, status):
    """The superuser passes every role check, so only the status table decides here."""
    case = case_in(status)
    admin = user("admin")
    for action, (sources, _to, _roles) in workflow.TRANSITIONS.items():
        if status in sources:
            assert workflow.can(action, case, admin)
            continue
        assert not workflow.can(action, case, admin)
        with pytest.raises(DomainError) as refused:
            workflow.check(action, case, admin)
        assert refused.value.code == "invalid_transition"


def test_available_actions_follow_the_role(categories):
    case = case_in("signed")
    assert set(workflow.available_actions(case, user("wutong_handler"))) == {
        "return",
        "answer",
        "pause",
        "request_extension",
    }
    assert set(workflow.available_actions(case, user("city_leader"))) == {"remind", "supervise"}
    assert workflow.available_actions(case, user("hotline")) == []


def test_stale_version_is_refused_and_changes_nothing(categories):
    case = case_in("accepted")
    seen = case.version
    act("remind", case, "city_dispatcher")
    act("supervise", case, "city_leader", level="red")
    before = _snapshot(case)
    with pytest.raises(DomainError) as refused:
        act(
            "dispatch",
            case,
            "city_dispatcher",
            department="wutong-office",
            expected_version=seen,
        )
    assert refused.value.code == "stale"
    assert refused.value.status == 409
    assert str(refused.value.message) == "该工单已被他人更新，请刷新后重试"
    assert _snapshot(case) == before
    fresh = Case.objects.get(pk=case.pk)
    act("dispatch", fresh, "city_dispatcher", department="wutong-office",
        expected_version=fresh.version)  # fmt: skip


def test_dispatch_to_a_department_of_another_town_is_refused(categories):
    case = case_in("accepted")
    with pytest.raises(DomainError) as refused:
        act("dispatch", case, "city_dispatcher", department="gaoqiao-office")
    assert refused.value.code == "department_out_of_area"
    with pytest.raises(DomainError) as unknown:
        act("dispatch", case, "city_dispatcher", department="no-such-dept")
    assert unknown.value.code == "unknown_department"
    assert Case.objects.get(pk=case.pk).status == "accepted"


def test_reasons_and_answers_are_required(categories):
    case = case_in("signed")
    for action, field in [("return", "reason"), ("pause", "reason"), ("answer", "answer")]:
        with pytest.raises(DomainError) as refused:
            act(action, case, "wutong_handler", **{field: "   "})
        assert refused.value.status == 422
    assert Case.objects.get(pk=case.pk).status == "signed"


def test_return_takes_the_case_back_from_the_department(categories):
    case = act("return", case_in("signed"), "wutong_handler", reason="不属于街道职责")
    assert case.department is None and case.handler is None
    event = case.events.order_by("-id").first()
    assert event.department.code == "wutong-office"
    assert event.note == "不属于街道职责"


def test_merge_into_a_finished_case_or_itself_is_refused(categories):
    case = case_in("accepted")
    with pytest.raises(DomainError) as closed:
        act("merge", case, "city_dispatcher", into=case_in("closed"))
    assert closed.value.code == "merge_target_closed"
    with pytest.raises(DomainError) as itself:
        act("merge", case, "city_dispatcher", into=case)
    assert itself.value.code == "merge_into_self"
    assert Case.objects.get(pk=case.pk).status == "accepted"
