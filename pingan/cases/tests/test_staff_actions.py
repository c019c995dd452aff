"""Every action form of the staff case page (htmx): it loads in place, taking it swaps the case's
section with the new state; a refused one shows the Chinese message in the alert slot and changes
nothing; a form drawn from an older version of the case is refused as stale."""

from datetime import timedelta

import pytest
from django.urls import reverse

from pingan.cases.models import Case, ExtensionRequest
from pingan.cases.tests.factories import act, case_in

HTMX = {"HTTP_HX_REQUEST": "true"}
STALE = "该工单已被他人更新，请刷新后重试"


def url(case, action) -> str:
    return reverse("cases_staff:action", args=[case.pk, action])


def with_pending_extension():
    case = case_in("signed")
    return act("request_extension", case, "wutong_handler", days=3, reason="需要调取监控")


# (action, starting status or builder, who, form data, expected status afterwards)
ALLOWED = [
    ("accept", "new", "hotline", {}, "accepted"),
    ("reject", "accepted", "hotline", {"reason": "不属于受理范围"}, "rejected"),
    ("resolve_on_spot", "accepted", "hotline", {"answer": "已当场解答"}, "resolved_on_spot"),
    ("dispatch", "accepted", "city_dispatcher", {"department": "wutong-office"}, "dispatched"),
    ("sign", "dispatched", "wutong_handler", {"note": "已收到"}, "signed"),
    ("return", "dispatched", "wutong_handler", {"reason": "不属于街道职责"}, "returned"),
    ("answer", "signed", "wutong_handler", {"answer": "已责令停止夜间施工"}, "answered"),
    ("pause", "signed", "wutong_handler", {"reason": "请补充现场照片"}, "paused"),
    ("resume", "paused", "wutong_handler", {}, "signed"),
    ("close", "answered", "city_dispatcher", {}, "closed"),
    ("reopen", "answered", "city_dispatcher", {"reason": "群众反映仍在施工"}, "reopened"),
    ("request_extension", "signed", "wutong_handler", {"days": 3, "reason": "需勘验"}, "signed"),
    ("remind", "dispatched", "city_dispatcher", {"note": "请尽快签收"}, "dispatched"),
    ("supervise", "signed", "city_leader", {"level": "red", "note": "限期办结"}, "signed"),
    ("follow_up", "answered", "hotline", {"satisfaction": "satisfied"}, "closed"),
]


@pytest.mark.parametrize(("action", "start", "username", "data", "after"), ALLOWED)
def test_allowed_action(login_client, categories, action, start, username, data, after):
    case = case_in(start)
    client = login_client(username)
    loaded = client.get(url(case, action), **HTMX)
    assert loaded.status_code == 200
    assert f'data-action="{action}"' in loaded.content.decode()
    response = client.post(url(case, action), {**data, "expected_version": case.version}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="case-body"' in html and 'data-testid="done"' in html
    case.refresh_from_db()
    assert case.status == after
    assert case.events.order_by("-at", "-id").first().kind in {action, "extension_request"}


def test_dispatch_offers_the_suggested_department(login_client, categories):
    case = case_in("accepted", category="labour.wages", kind="complaint", description="拖欠工资")
    response = login_client("city_dispatcher").get(url(case, "dispatch"), **HTMX)
    form = response.context["form"]
    assert form.suggestions[0].department.code == "renshe"
    assert form["department"].value() == "renshe"
    assert f'data-pick-department="{form.suggestions[0].department.code}"' in (
        response.content.decode()
    )


def test_merge_into_a_candidate_or_by_number(login_client, categories):
    main = case_in("accepted", description="金域兰庭小区工地拖欠泥工班组工资，包工头联系不上")
    report = case_in("accepted", description="金域兰庭小区工地拖欠泥工工资，包工头不见了")
    client = login_client("city_dispatcher")
    loaded = client.get(url(report, "merge"), **HTMX)
    assert [row["case"].pk for row in loaded.context["form"].candidates] == [main.pk]
    client.post(url(report, "merge"), {"into": main.pk, "expected_version": report.version}, **HTMX)
    report.refresh_from_db()
    assert (report.status, report.merged_into_id) == ("merged", main.pk)

    other = case_in("accepted", description="另一起来电")
    client.post(
        url(other, "merge"),
        {"number": main.number.lower(), "expected_version": other.version},
        **HTMX,
    )
    assert Case.objects.get(pk=other.pk).merged_into_id == main.pk


def test_merge_into_an_unknown_number_is_refused(login_client, categories):
    report = case_in("accepted")
    response = login_client("city_dispatcher").post(
        url(report, "merge"), {"number": "GD1", "expected_version": report.version}, **HTMX
    )
    assert "未找到主工单" in response.content.decode()
    assert response["HX-Retarget"] == "#page-alerts"
    assert Case.objects.get(pk=report.pk).status == "accepted"


@pytest.mark.parametrize("grant", ["yes", "no"])
def test_decide_extension(login_client, categories, grant):
    case = with_pending_extension()
    pending = case.extension_requests.get()
    client = login_client("city_dispatcher")
    loaded = client.get(url(case, "decide_extension"), **HTMX)
    assert "需要调取监控" in loaded.content.decode()
    due_before = case.due_at
    data = {"request": pending.pk, "grant": grant, "note": "理由不足" if grant == "no" else ""}
    client.post(url(case, "decide_extension"), {**data, "expected_version": case.version}, **HTMX)
    pending.refresh_from_db()
    case.refresh_from_db()
    if grant == "yes":
        assert pending.status == ExtensionRequest.State.GRANTED
        assert case.due_at > due_before + timedelta(days=2)
    else:
        assert pending.status == ExtensionRequest.State.DENIED
        assert case.due_at == due_before


# (action, starting status, who, form data, a phrase of the message)
REFUSED = [
    # wrong role
    ("sign", "dispatched", "hotline", {}, "您没有权限"),
    ("dispatch", "accepted", "hotline", {"department": "wutong-office"}, "您没有权限"),
    ("supervise", "signed", "city_dispatcher", {"level": "red"}, "您没有权限"),
    ("close", "answered", "wutong_handler", {}, "您没有权限"),
    # wrong status
    (
        "answer",
        "dispatched",
        "wutong_handler",
        {"answer": "好"},
        "当前状态（已派单）不能执行「答复」",
    ),
    ("accept", "accepted", "hotline", {}, "当前状态（已受理）不能执行「受理」"),
    ("reopen", "signed", "city_dispatcher", {"reason": "再办"}, "不能执行「重办」"),
    # bad input
    ("reject", "accepted", "hotline", {"reason": " "}, "请填写不予受理的理由"),
    ("answer", "signed", "wutong_handler", {"answer": ""}, "请填写答复内容"),
    ("dispatch", "accepted", "city_dispatcher", {"department": "nowhere"}, "承办部门"),
    ("dispatch", "accepted", "city_dispatcher", {"department": "gaoqiao-office"}, "承办部门"),
    ("supervise", "signed", "city_leader", {"level": "green"}, "督办级别"),
    ("follow_up", "answered", "hotline", {}, "回访结果"),
    ("request_extension", "signed", "wutong_handler", {"days": 99, "reason": "久"}, "延期"),
    ("pause", "signed", "wutong_handler", {"reason": ""}, "请填写挂起原因"),
]


@pytest.mark.parametrize(("action", "start", "username", "data", "message"), REFUSED)
def test_refused_action_shows_the_message_and_changes_nothing(
    login_client, categories, action, start, username, data, message
):
    case = case_in(start)
    events = case.events.count()
    response = login_client(username).post(
        url(case, action), {**data, "expected_version": case.version}, **HTMX
    )
    assert response.status_code == 200  # htmx swaps only 2xx; the alert is retargeted
    assert response["HX-Retarget"] == "#page-alerts"
    assert message in response.content.decode()
    fresh = Case.objects.get(pk=case.pk)
    assert (fresh.status, fresh.version, fresh.events.count()) == (
        case.status,
        case.version,
        events,
    )


def test_a_form_the_role_may_not_use_is_not_offered(login_client, categories):
    case = case_in("dispatched")
    response = login_client("hotline").get(url(case, "sign"), **HTMX)
    assert response["HX-Retarget"] == "#page-alerts"
    assert "您没有权限" in response.content.decode()


@pytest.mark.parametrize(
    ("action", "start", "username", "data"),
    [
        ("sign", "dispatched", "wutong_handler", {}),
        ("dispatch", "accepted", "city_dispatcher", {"department": "wutong-office"}),
        ("answer", "signed", "wutong_handler", {"answer": "已处理"}),
        ("supervise", "signed", "city_leader", {"level": "red"}),
        ("follow_up", "answered", "hotline", {"satisfaction": "basic"}),
    ],
)
def test_stale_version_is_refused(login_client, categories, action, start, username, data):
    case = case_in(start)
    drawn = case.version
    # Someone else changes the case after the form was drawn.
    if start == "answered":
        act("close", case, "city_dispatcher", note="电话无人接听")
    else:
        act("supervise", case, "city_leader", level="yellow")
    changed = Case.objects.get(pk=case.pk)
    assert changed.version > drawn
    response = login_client(username).post(
        url(case, action), {**data, "expected_version": drawn}, **HTMX
    )
    assert STALE in response.content.decode()
    after = Case.objects.get(pk=case.pk)
    assert (after.status, after.version) == (changed.status, changed.version)


def test_without_htmx_the_form_posts_and_redirects(login_client, categories):
    case = case_in("dispatched")
    client = login_client("wutong_handler")
    opened = client.get(url(case, "sign"))
    assert opened.status_code == 302 and "?action=sign" in opened["Location"]
    page = client.get(opened["Location"])
    assert 'data-testid="action-form"' in page.content.decode()
    done = client.post(url(case, "sign"), {"expected_version": case.version}, follow=True)
    assert "已「签收」" in done.content.decode()
    assert Case.objects.get(pk=case.pk).status == "signed"


def test_without_htmx_a_refusal_is_flashed(login_client, categories):
    case = case_in("dispatched")
    target = reverse("cases_staff:case", args=[case.pk])
    response = login_client("wutong_handler").post(
        url(case, "answer"),
        {"answer": "好", "expected_version": case.version},
        HTTP_REFERER=f"http://testserver{target}",
        follow=True,
    )
    assert "不能执行「答复」" in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == "dispatched"


def test_unknown_action_is_not_found(login_client, categories):
    case = case_in("accepted")
    assert login_client("city_dispatcher").get(url(case, "explode"), **HTMX).status_code == 404


def test_a_handler_returning_a_case_sees_the_outcome(login_client, categories):
    case = case_in("dispatched")
    response = login_client("wutong_handler").post(
        url(case, "return"),
        {"reason": "不属于街道职责", "expected_version": case.version},
        **HTMX,
    )
    html = response.content.decode()
    assert 'data-status="returned"' in html
    assert 'data-testid="no-actions"' in html


def test_extension_buttons_follow_the_pending_request(login_client, categories):
    case = case_in("signed")
    page = reverse("cases_staff:case", args=[case.pk])

    def buttons(username):
        response = login_client(username).get(page)
        return [b["action"] for b in response.context["buttons"]]

    assert "request_extension" in buttons("wutong_handler")
    assert "decide_extension" not in buttons("city_dispatcher")
    act("request_extension", case, "wutong_handler", days=2, reason="需要调取监控")
    assert "request_extension" not in buttons("wutong_handler")
    assert "decide_extension" in buttons("city_dispatcher")
