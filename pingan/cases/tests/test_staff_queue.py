"""The staff work queues: tabs per role with counts, scoping, filters, pages, the overdue list in
red, and a fixed number of queries however many rows there are."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from pingan.cases import clock, services
from pingan.cases.tests.factories import act, case_in, new_case
from pingan.core import workbench

QUEUE = reverse("cases_staff:queue")
GAOQIAO_VILLAGE = "330483004002"
# Session and user (2), posts (1), queue counts (1), filter choices (2), the page's count and
# rows (2), and the session's save on every request (3: savepoint, update, release).
QUEUE_QUERIES = 11


@pytest.fixture
def cases(categories):
    """A few cases of 梧桐街道 in different queues, and one of 高桥街道."""
    return {
        "new": case_in("new", description="网上反映：小区门口路面塌陷"),
        "accepted": case_in("accepted", description="楼道堆放杂物，存在消防隐患"),
        "dispatched": case_in("dispatched"),
        "signed": case_in("signed"),
        "answered": case_in("answered"),
        "gaoqiao": new_case(
            actor="gaoqiao_clerk",
            channel="window",
            kind="dispute",
            category="neighbour",
            region=GAOQIAO_VILLAGE,
            description="高桥村两户宅基地边界争执",
        ),
    }


def numbers(response) -> set[str]:
    return {case.number for case, _deadline in response.context["rows"]}


def tab_counts(response) -> dict[str, int | None]:
    return {tab["name"]: tab["count"] for tab in response.context["tabs"]}


def test_dispatcher_opens_on_the_dispatch_queue_with_counts(login_client, cases):
    response = login_client("city_dispatcher").get(QUEUE)
    assert response.status_code == 200
    assert response.context["current"] == "to_dispatch"
    counts = tab_counts(response)
    # accepted + gaoqiao (accepted at intake by its own clerk)
    assert counts["to_dispatch"] == 2
    assert counts["new"] == 1
    assert counts["to_sign"] == 1
    assert counts["follow_up"] == 1
    assert numbers(response) == {cases["accepted"].number, cases["gaoqiao"].number}
    assert "in_progress" not in counts  # not a dispatcher's queue


def test_handler_sees_only_their_department_queues(login_client, cases):
    response = login_client("wutong_handler").get(QUEUE)
    assert response.context["current"] == "to_sign"
    assert list(tab_counts(response)) == ["to_sign", "in_progress", "due_soon", "overdue", "all"]
    assert numbers(response) == {cases["dispatched"].number}
    in_progress = login_client("wutong_handler").get(QUEUE, {"queue": "in_progress"})
    assert numbers(in_progress) == {cases["signed"].number}


def test_clerk_of_wutong_never_sees_gaoqiao(login_client, cases):
    client = login_client("wutong_clerk")
    listed = client.get(QUEUE, {"queue": "all"})
    assert cases["gaoqiao"].number not in numbers(listed)
    assert cases["accepted"].number in numbers(listed)
    assert tab_counts(listed)["to_dispatch"] == 1
    detail = client.get(reverse("cases_staff:case", args=[cases["gaoqiao"].pk]))
    assert detail.status_code == 404
    gaoqiao = login_client("gaoqiao_clerk").get(QUEUE, {"queue": "all"})
    assert numbers(gaoqiao) == {cases["gaoqiao"].number}


def test_filters_narrow_the_list(login_client, cases):
    client = login_client("city_leader")
    by_region = client.get(QUEUE, {"queue": "all", "region": "330483004"})
    assert numbers(by_region) == {cases["gaoqiao"].number}
    by_category = client.get(QUEUE, {"queue": "all", "category": "neighbour"})
    assert numbers(by_category) == {cases["gaoqiao"].number}
    by_kind = client.get(QUEUE, {"queue": "all", "kind": "dispute", "channel": "window"})
    assert numbers(by_kind) == {cases["gaoqiao"].number}
    assert numbers(client.get(QUEUE, {"queue": "all", "q": "楼道"})) == {cases["accepted"].number}
    by_number = client.get(QUEUE, {"queue": "all", "q": cases["signed"].number.lower()})
    assert numbers(by_number) == {cases["signed"].number}


def test_urgent_filter(login_client, cases):
    urgent = new_case(description="工地脚手架松动随时可能倒塌", urgent=True)
    response = login_client("city_leader").get(QUEUE, {"queue": "all", "urgent": "on"})
    assert numbers(response) == {urgent.number}


def test_a_bad_filter_is_reported_not_applied(login_client, cases):
    response = login_client("city_leader").get(
        QUEUE, {"queue": "all", "kind": "nonsense", "region": "999"}
    )
    assert response.status_code == 200
    assert "以下筛选条件无效" in response.content.decode()
    assert len(numbers(response)) == len(cases)


def test_an_unknown_queue_falls_back_to_the_default(login_client, cases):
    response = login_client("wutong_handler").get(QUEUE, {"queue": "everything"})
    assert response.status_code == 200
    assert response.context["current"] == "to_sign"


def test_pages(login_client, categories):
    for index in range(27):
        new_case(description=f"第{index}号反映：路灯不亮")
    client = login_client("hotline")
    first = client.get(QUEUE, {"queue": "all"})
    assert len(first.context["rows"]) == 25
    assert first.context["page"].paginator.count == 27
    second = client.get(QUEUE, {"queue": "all", "page": 2})
    assert len(second.context["rows"]) == 2
    assert "page=2" in first.content.decode()


def test_the_list_costs_the_same_queries_for_many_rows(
    login_client, categories, django_assert_max_num_queries
):
    client = login_client("city_leader")
    client.get(QUEUE, {"queue": "all"})  # warm the session
    for index in range(3):
        new_case(description=f"第{index}号反映：噪音")
    with django_assert_max_num_queries(QUEUE_QUERIES) as few:
        client.get(QUEUE, {"queue": "all"})
    for index in range(22):
        new_case(description=f"第{index}号反映：路灯", region="330483001002")
    act("dispatch", new_case(), "city_dispatcher", department="wutong-office")
    with django_assert_max_num_queries(QUEUE_QUERIES) as many:
        response = client.get(QUEUE, {"queue": "all"})
    assert len(response.context["rows"]) == 25
    assert len(many.captured_queries) == len(few.captured_queries)


def _overdue_case():
    """A noise complaint accepted 40 days ago, dispatched and signed, never answered."""
    past = timezone.now() - timedelta(days=40)
    with clock.replaying_at(past):
        case = new_case(description="工地夜间施工噪音很大")
        case = act("dispatch", case, "city_dispatcher", department="wutong-office")
        case = act("sign", case, "wutong_handler")
    services.sweep_deadlines()
    return case


def test_leader_sees_an_overdue_case_in_red(login_client, categories):
    overdue = _overdue_case()
    fresh = case_in("signed", description="小区绿化带被占用")
    response = login_client("city_leader").get(reverse("cases_staff:supervise"), follow=True)
    assert response.context["current"] == "overdue"
    assert tab_counts(response)["overdue"] == 1
    assert numbers(response) == {overdue.number}
    html = response.content.decode()
    assert f'data-case="{overdue.number}" data-light="red" class="pa-row-overdue"' in html
    assert 'data-testid="overdue-badge"' in html
    everything = login_client("city_leader").get(QUEUE, {"queue": "all"})
    rows = {case.number: deadline for case, deadline in everything.context["rows"]}
    assert rows[overdue.number].light == "red"
    assert rows[overdue.number].words.startswith("已超期")
    assert rows[fresh.number].light == "green"
    assert rows[fresh.number].words.startswith("剩余")


def test_non_staff_get_not_found(client, persona, categories):
    client.force_login(persona("demo_worker"))
    assert client.get(QUEUE).status_code == 404
    client.logout()
    assert client.get(QUEUE).status_code == 302  # to the login page


def test_supervise_is_for_leaders(login_client, categories):
    assert login_client("wutong_handler").get(reverse("cases_staff:supervise")).status_code == 404


def test_workbench_tiles_per_role(persona, categories):
    def keys(username):
        return {entry.key for entry in workbench.entries_for(persona(username))}

    assert {"cases.intake", "cases.queue"} <= keys("hotline")
    assert "cases.supervise" not in keys("hotline")
    assert {"cases.queue", "cases.supervise"} <= keys("city_leader")
    assert "cases.intake" not in keys("city_leader")
    assert "cases.queue" in keys("wutong_handler")
    assert "cases.intake" not in keys("wutong_handler")
    assert not {"cases.queue", "cases.intake"} & keys("demo_worker")
