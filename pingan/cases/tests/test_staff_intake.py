"""The quick-entry form (来电登记): the caller's history, duplicates and routing suggestions as
htmx fragments, the case created through the services, and bad input refused with a message."""

import pytest
from django.urls import reverse

from pingan.cases.models import Case, CaseEvent
from pingan.cases.tests.factories import new_case
from pingan.cases.workflow import EventKind

INTAKE = reverse("cases_staff:intake")
HISTORY = reverse("cases_staff:caller-history")
ASSIST = reverse("cases_staff:intake-assist")
HTMX = {"HTTP_HX_REQUEST": "true"}

CALLER = "13957309001"
WAGES = "金域兰庭小区工地拖欠泥工班组工资三个月，包工头联系不上，请求帮助讨薪"
VILLAGE = "330483001018"


def form(**changes) -> dict:
    data = {
        "reporter_phone": CALLER,
        "reporter_name": "宋师傅",
        "channel": "hotline",
        "kind": "dispute",
        "category": "labour.wages",
        "region": VILLAGE,
        "address": "金域兰庭小区工地",
        "description": WAGES,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def earlier(categories):
    """The caller's earlier case (open), and someone else's matter in 高桥街道."""
    mine = new_case(
        kind="dispute",
        category="labour.wages",
        region=VILLAGE,
        description="金域兰庭工地拖欠泥工工资，包工头不见人，工人讨薪无果",
        reporter_phone=CALLER,
        reporter_name="宋建国",
    )
    elsewhere = new_case(
        actor="gaoqiao_clerk",
        channel="window",
        kind="dispute",
        category="neighbour",
        region="330483004002",
        description="高桥村宅基地边界争执",
        reporter_phone=CALLER,
    )
    return {"mine": mine, "elsewhere": elsewhere}


@pytest.mark.parametrize(
    ("username", "channel"),
    [("hotline", "hotline"), ("wutong_clerk", "window"), ("wutong_grid", "grid")],
)
def test_the_channel_is_preselected_by_role(login_client, categories, username, channel):
    response = login_client(username).get(INTAKE)
    assert response.status_code == 200
    assert response.context["form"]["channel"].value() == channel


@pytest.mark.parametrize("username", ["wutong_handler", "city_leader", "demo_worker"])
def test_intake_is_for_intake_staff(login_client, categories, username):
    assert login_client(username).get(INTAKE).status_code == 404


def test_caller_history_appears_for_a_known_number(login_client, earlier):
    response = login_client("hotline").get(HISTORY, {"reporter_phone": CALLER}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert earlier["mine"].number in html
    assert earlier["elsewhere"].number in html
    # Names stay masked; the number the operator typed is not echoed back in full anywhere new.
    assert "宋*国" in html and "宋建国" not in html


def test_caller_history_is_scoped(login_client, earlier):
    html = login_client("wutong_clerk").get(HISTORY, {"reporter_phone": CALLER}).content.decode()
    assert earlier["mine"].number in html
    assert earlier["elsewhere"].number not in html


@pytest.mark.parametrize(
    ("typed", "state"),
    [("", "empty"), ("13957", "typing"), ("12345678901", "invalid"), ("13957309999", "none")],
)
def test_caller_history_states(login_client, earlier, typed, state):
    response = login_client("hotline").get(HISTORY, {"reporter_phone": typed})
    assert response.status_code == 200
    assert response.context["state"] == state
    if state == "invalid":
        assert response.context["message"]


def test_duplicates_and_suggestions_appear(login_client, earlier):
    response = login_client("hotline").post(ASSIST, form(), **HTMX)
    assert response.status_code == 200
    duplicates = response.context["duplicates"]
    assert [d.case.pk for d in duplicates] == [earlier["mine"].pk]
    assert duplicates[0].score >= 0.4
    assert any("同一来电号码" in reason for reason in duplicates[0].reasons)
    html = response.content.decode()
    assert earlier["mine"].number in html and "相似度" in html
    suggestions = response.context["suggestions"]
    assert suggestions and suggestions[0].department.code == "renshe"
    assert "置信度" in html


def test_assist_is_quiet_until_there_is_something_to_compare(login_client, earlier):
    response = login_client("hotline").post(ASSIST, {"description": "你好"}, **HTMX)
    assert response.context["duplicates"] == []
    assert response.context["suggestions"] == []
    assert "填写诉求内容后自动比对" not in response.content.decode()  # asked, nothing found


def test_assist_ignores_garbage(login_client, earlier):
    response = login_client("hotline").post(
        ASSIST,
        {"description": WAGES, "region": "nowhere", "category": "x", "reporter_phone": "abc"},
        **HTMX,
    )
    assert response.status_code == 200
    assert response.context["suggestions"] == []


def test_the_call_becomes_an_accepted_case(login_client, categories, outbox):
    response = login_client("hotline").post(INTAKE, form(urgent="on"))
    case = Case.objects.get(description=WAGES)
    assert response.status_code == 302
    assert response["Location"] == reverse("cases_staff:case", args=[case.pk])
    assert (case.channel, case.status, case.urgent) == ("hotline", "accepted", True)
    assert case.reporter_phone == CALLER and case.reporter_name == "宋师傅"
    assert case.created_by.username == "hotline"
    page = login_client("hotline").get(response["Location"])
    assert case.number in page.content.decode()
    assert "已登记" in page.content.decode()
    assert [m.phone for m in outbox()] == [CALLER]


def test_same_matter_by_the_hotline_is_left_for_the_dispatcher(login_client, earlier):
    main = earlier["mine"]
    response = login_client("hotline").post(INTAKE, form(same_as=main.pk), follow=True)
    case = Case.objects.get(description=WAGES)
    assert case.status == "accepted"  # the hotline may not merge
    note = CaseEvent.objects.get(case=case, kind=EventKind.NOTE)
    assert note.data == {"same_as": main.pk, "number": main.number}
    assert main.number in response.content.decode()
    # The dispatcher's merge form offers that case first.
    merge = login_client("city_dispatcher").get(
        reverse("cases_staff:action", args=[case.pk, "merge"]), **HTMX
    )
    assert merge.context["form"].candidates[0]["case"].pk == main.pk


def test_same_matter_by_a_dispatcher_is_merged_at_once(login_client, earlier):
    main = earlier["mine"]
    login_client("city_dispatcher").post(INTAKE, form(same_as=main.pk), follow=True)
    case = Case.objects.get(description=WAGES)
    assert (case.status, case.merged_into_id) == ("merged", main.pk)


def test_same_matter_out_of_sight_still_creates_the_case(login_client, earlier):
    response = login_client("wutong_clerk").post(
        INTAKE, form(same_as=earlier["elsewhere"].pk, channel="window"), follow=True
    )
    case = Case.objects.get(description=WAGES)
    assert case.status == "accepted"
    assert not CaseEvent.objects.filter(case=case, kind=EventKind.NOTE).exists()
    assert "未能标记同一事项" in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"description": "  "}, "请填写问题描述"),
        ({"reporter_phone": "1234"}, "手机"),
        ({"reporter_phone": ""}, "请填写反映人手机号码"),
        ({"category": "no.such"}, "事项分类"),
        ({"region": "999999"}, "事发地"),
        ({"kind": "gossip"}, "诉求类型"),
        ({"kind": "consult"}, "不受理"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_created(login_client, categories, changes, message):
    before = Case.objects.count()
    response = login_client("hotline").post(INTAKE, form(**changes))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert Case.objects.count() == before
    # What was typed is kept.
    assert response.context["form"]["address"].value() == "金域兰庭小区工地"


def test_the_history_costs_the_same_queries_for_many_earlier_cases(
    login_client, earlier, django_assert_max_num_queries
):
    client = login_client("hotline")
    client.get(HISTORY, {"reporter_phone": CALLER})
    with django_assert_max_num_queries(10) as few:
        client.get(HISTORY, {"reporter_phone": CALLER})
    for index in range(7):
        new_case(description=f"第{index}次来电：工地噪音", reporter_phone=CALLER)
    with django_assert_max_num_queries(10) as many:
        response = client.get(HISTORY, {"reporter_phone": CALLER})
    assert len(response.context["cases"]) == 8 and response.context["more"]
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_same_matter_link_is_for_intake_staff_on_open_cases(persona, earlier):
    from pingan.cases.services.links import case_link_same_matter
    from pingan.cases.tests.factories import act
    from pingan.core.errors import DomainError

    case = new_case(description=WAGES, reporter_phone="13957309002")
    main = earlier["mine"]
    with pytest.raises(DomainError) as refused:
        case_link_same_matter(case=case, main=main, actor=persona("city_leader"))
    assert refused.value.status == 403
    with pytest.raises(DomainError) as itself:
        case_link_same_matter(case=case, main=case, actor=persona("hotline"))
    assert itself.value.code == "merge_into_self"
    closed = act("reject", new_case(description="另一件事"), "hotline", reason="不属于受理范围")
    with pytest.raises(DomainError) as finished:
        case_link_same_matter(case=case, main=closed, actor=persona("hotline"))
    assert finished.value.code == "merge_target_closed"
    assert not CaseEvent.objects.filter(case=case, kind=EventKind.NOTE).exists()
    case_link_same_matter(case=case, main=main, actor=persona("hotline"))
    assert CaseEvent.objects.filter(case=case, kind=EventKind.NOTE).count() == 1
