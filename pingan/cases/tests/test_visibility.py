"""Who sees which cases (cases_visible_to, get_case_for), the work queues, and routing."""

import pytest

from pingan.cases import selectors
from pingan.cases.models import Category, CategoryRoute
from pingan.cases.tests.factories import act, case_in, new_case, user
from pingan.core.errors import NotFound
from pingan.org.models import Department, Region


@pytest.fixture
def spread(categories):
    """Cases in 梧桐 (one with 住建局, one with the 梧桐 office) and one in 高桥."""
    wutong_office = case_in("signed")
    zhujian = act("dispatch", case_in("accepted"), "city_dispatcher", department="zhujian")
    gaoqiao = new_case(
        actor="gaoqiao_clerk", channel="window", region="330483004002", kind="dispute",
        category="neighbour",
    )  # fmt: skip
    return {"wutong_office": wutong_office, "zhujian": zhujian, "gaoqiao": gaoqiao}


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("city_leader", {"wutong_office", "zhujian", "gaoqiao"}),
        ("hotline", {"wutong_office", "zhujian", "gaoqiao"}),
        ("city_dispatcher", {"wutong_office", "zhujian", "gaoqiao"}),
        ("wutong_clerk", {"wutong_office", "zhujian"}),
        ("wutong_dispatcher", {"wutong_office", "zhujian"}),
        ("gaoqiao_clerk", {"gaoqiao"}),
        ("wutong_handler", {"wutong_office"}),
        ("renshe_handler", set()),
        ("wutong_grid", set()),
        ("tudian_inspector", set()),
        ("demo_worker", set()),
        ("admin", {"wutong_office", "zhujian", "gaoqiao"}),
    ],
)
def test_each_persona_sees_their_jurisdiction(spread, username, expected):
    visible = set(selectors.cases_visible_to(user(username)).values_list("pk", flat=True))
    assert {name for name, case in spread.items() if case.pk in visible} == expected
    for name, case in spread.items():
        if name in expected:
            assert selectors.get_case_for(user(username), case.pk).pk == case.pk
        else:
            with pytest.raises(NotFound):
                selectors.get_case_for(user(username), case.pk)


def test_a_handler_keeps_cases_assigned_to_them(categories):
    case = act("dispatch", case_in("accepted"), "city_dispatcher", department="renshe",
               handler=user("renshe_handler"))  # fmt: skip
    assert selectors.cases_visible_to(user("renshe_handler")).filter(pk=case.pk).exists()


def test_anonymous_sees_nothing(spread):
    from django.contrib.auth.models import AnonymousUser

    assert not selectors.cases_visible_to(AnonymousUser()).exists()
    with pytest.raises(NotFound):
        selectors.get_case_for(AnonymousUser(), spread["gaoqiao"].pk)
    with pytest.raises(NotFound):
        selectors.get_case_for(user("hotline"), "not-a-number")


def test_queues_and_their_counts(categories):
    cases = {status: case_in(status) for status in
             ["new", "accepted", "returned", "reopened", "dispatched", "signed", "paused",
              "answered", "closed"]}  # fmt: skip
    dispatcher = user("city_dispatcher")
    expected = {
        "new": {"new"},
        "to_dispatch": {"accepted", "returned", "reopened"},
        "to_sign": {"dispatched"},
        "in_progress": {"signed", "paused"},
        "follow_up": {"answered"},
        "due_soon": set(),
        "overdue": set(),
    }
    ids = {case.pk: status for status, case in cases.items()}
    for name, statuses in expected.items():
        listed = {ids[pk] for pk in selectors.queue(dispatcher, name).values_list("pk", flat=True)}
        assert listed == statuses, name
    counts = selectors.queue_counts(dispatcher)
    assert counts == {name: len(statuses) for name, statuses in expected.items()}
    handler_counts = selectors.queue_counts(user("wutong_handler"))
    assert handler_counts["to_sign"] == 1 and handler_counts["in_progress"] == 2


def test_unknown_queue_is_a_clear_error(categories):
    from pingan.core.errors import DomainError

    with pytest.raises(DomainError) as refused:
        selectors.queue(user("hotline"), "someday")
    assert refused.value.code == "unknown_queue"


def test_routing_prefers_the_most_specific_region_then_the_parent_category(categories):
    noise = Category.objects.get(code="city.noise")
    village = Region.objects.get(code="330483001011")
    assert selectors.default_department(noise, village).code == "wutong-office"
    assert selectors.default_department(noise, Region.objects.get(code="330483")).code == "zhujian"
    construction = Category.objects.get(code="city.construction")  # no rules of its own
    assert selectors.default_department(construction, village).code == "zhujian"
    CategoryRoute.objects.create(
        category=noise, region=village, department=Department.objects.get(code="wutong-pcs")
    )
    assert selectors.default_department(noise, village).code == "wutong-pcs"
    lonely = Category.objects.create(code="lonely", name="无规则")
    assert selectors.default_department(lonely, village) is None


def test_caller_history_by_phone(categories):
    first = new_case(reporter_phone="13800571234")
    second = new_case(reporter_phone="138-0057-1234")
    new_case(reporter_phone="13800579999")
    history = selectors.cases_by_phone(user("hotline"), "13800571234")
    assert set(history.values_list("pk", flat=True)) == {first.pk, second.pk}
    assert not selectors.cases_by_phone(user("gaoqiao_clerk"), "13800571234").exists()
    assert not selectors.cases_by_phone(user("hotline"), "not a phone").exists()


def test_tracking_by_number_and_query_code(categories):
    from pingan.cases import services

    case, code = services.case_create(
        actor=user("hotline"), channel="hotline", kind="consult", category="consult",
        region="330483001", description="咨询", reporter_phone="13800571234",
    )  # fmt: skip
    assert selectors.case_for_tracking(case.number.lower(), code).pk == case.pk
    for number, query_code in [(case.number, "12345"), ("GD000", code), (case.number, "abcdef")]:
        with pytest.raises(NotFound):
            selectors.case_for_tracking(number, query_code)
