"""The work-order API: create, list, detail, every transition, and bad input answered with
{"code", "message"} and nothing changed."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pingan.cases.models import Case, CaseEvent
from pingan.cases.tests.citizen_support import png_bytes
from pingan.cases.tests.factories import act, case_in, new_case, user
from pingan.org.demo import DEMO_PASSWORD

PNG = png_bytes()  # a real PNG: uploads are parsed, not matched by magic number
VALID = {
    "channel": "hotline",
    "kind": "complaint",
    "category": "city.noise",
    "region": "330483001011",
    "description": "工地夜间施工噪音扰民",
    "reporter_phone": "13800571234",
    "reporter_name": "王先生",
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def as_user(client):
    def _login(username):
        client.force_login(user(username))
        return client

    return _login


def post(client, url, body=None):
    return client.post(url, body or {}, content_type="application/json")


def test_categories_are_public(client, categories):
    response = client.get("/api/v1/categories")
    assert response.status_code == 200
    rows = {row["code"]: row for row in response.json()}
    assert rows["labour.wages"]["parent"] == "labour"
    assert rows["labour.wages"]["name"] == "欠薪"
    assert "petition" in rows["petition"]["kinds"]


def test_create_with_a_bearer_token(client, categories, outbox):
    token = post(
        client, "/api/v1/auth/token", {"username": "hotline", "password": DEMO_PASSWORD}
    ).json()["token"]
    response = client.post(
        "/api/v1/cases",
        VALID,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["number"].startswith("GD") and body["status"] == "accepted"
    assert body["status_label"] == "已受理"
    assert body["due_at"] and body["sla_light"] == "green"
    assert len(body["query_code"]) == 6
    assert body["category"] == "city.noise" and body["region"] == "330483001011"
    assert len(outbox("case_received")) == 1


def test_create_needs_authentication(client, categories):
    response = post(client, "/api/v1/cases", VALID)
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("override", "code", "message"),
    [
        ({"kind": "gossip"}, "unknown_kind", "未知的诉求类型：gossip"),
        ({"category": "nope"}, "unknown_category", "未知的事项分类：nope"),
        ({"region": "123"}, "unknown_region", "未知的区划代码：123"),
        ({"description": "  "}, "empty_description", "请填写问题描述"),
        ({"reporter_phone": "110"}, "invalid_phone", "手机号码格式不正确"),
        ({"channel": "fax"}, "unknown_channel", "未知的来源渠道：fax"),
        ({"latitude": "north"}, "invalid_request", "请求内容不符合要求"),
        ({"description": None}, "invalid_request", "请求内容不符合要求"),
    ],
)
def test_bad_input_gives_a_clear_message_and_creates_nothing(
    as_user, categories, outbox, override, code, message
):
    response = post(as_user("hotline"), "/api/v1/cases", {**VALID, **override})
    assert response.status_code == 422
    assert response.json()["code"] == code
    assert response.json()["message"] == message
    assert not Case.objects.exists() and not outbox()


def test_list_is_paginated_scoped_and_filtered(as_user, categories):
    noise = case_in("signed", description="夜里电锯声不断")
    wages = new_case(kind="dispute", category="labour.wages", region="330483001018")
    gaoqiao = new_case(actor="gaoqiao_clerk", channel="window", region="330483004002",
                       kind="dispute", category="neighbour")  # fmt: skip
    client = as_user("city_dispatcher")

    def numbers(query=""):
        response = client.get(f"/api/v1/cases{query}")
        assert response.status_code == 200, response.json()
        body = response.json()
        assert body["count"] == len(body["items"])
        return {item["number"] for item in body["items"]}

    assert numbers() == {noise.number, wages.number, gaoqiao.number}
    assert numbers("?status=signed") == {noise.number}
    assert numbers("?status=signed,accepted") == {noise.number, wages.number, gaoqiao.number}
    assert numbers("?queue=to_dispatch") == {wages.number, gaoqiao.number}
    assert numbers("?category=labour") == {wages.number}
    assert numbers("?region=330483004") == {gaoqiao.number}
    assert numbers("?kind=dispute&region=330483001") == {wages.number}
    assert numbers("?department=wutong-office") == {noise.number}
    assert numbers(f"?q={noise.number}") == {noise.number}
    assert numbers("?q=电锯") == {noise.number}
    assert numbers("?overdue=true") == set()
    page = client.get("/api/v1/cases?limit=2&offset=0").json()
    assert page["count"] == 3 and len(page["items"]) == 2
    item = page["items"][0]
    for key in ("id", "number", "status", "status_label", "due_at", "sla_light"):
        assert key in item
    assert as_user("gaoqiao_clerk").get("/api/v1/cases").json()["count"] == 1


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("?status=lost", "unknown_status"),
        ("?kind=x", "unknown_kind"),
        ("?queue=x", "unknown_queue"),
    ],
)
def test_list_rejects_unknown_filters(as_user, categories, query, code):
    response = as_user("hotline").get(f"/api/v1/cases{query}")
    assert 400 <= response.status_code < 500
    assert response.json()["code"] == code


def test_list_costs_the_same_queries_for_few_or_many_cases(
    as_user, categories, django_assert_max_num_queries
):
    client = as_user("city_dispatcher")
    for _ in range(3):
        case_in("dispatched")
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/cases").json()["count"] == 3
    for _ in range(12):
        case_in("signed")
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/cases").json()["count"] == 15


def test_detail_has_the_timeline_and_masks_the_reporter(as_user, categories):
    case = case_in("signed", reporter_phone="13800571234", reporter_name="王小明")
    response = as_user("wutong_handler").get(f"/api/v1/cases/{case.pk}")
    assert response.status_code == 200
    body = response.json()
    assert [e["kind"] for e in body["events"]] == ["create", "accept", "dispatch", "sign"]
    assert body["events"][2]["department"] == "梧桐街道办事处"
    assert body["events"][2]["actor"] == "冯分流"
    assert body["reporter_phone"] == "138****1234" and body["reporter_name"] == "王*明"
    assert set(body["actions"]) == {"return", "answer", "pause", "request_extension"}
    assert body["department"] == "wutong-office"


def test_detail_costs_a_fixed_number_of_queries(as_user, categories, django_assert_max_num_queries):
    case = case_in("answered")
    client = as_user("city_dispatcher")
    with django_assert_max_num_queries(12):
        assert client.get(f"/api/v1/cases/{case.pk}").status_code == 200


def test_detail_outside_jurisdiction_is_not_found(as_user, categories):
    case = case_in("signed")
    response = as_user("gaoqiao_clerk").get(f"/api/v1/cases/{case.pk}")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "记录不存在或不在您的辖区内"}


def test_a_whole_journey_through_the_api(as_user, categories, outbox):
    client = as_user("hotline")
    created = post(client, "/api/v1/cases", {**VALID, "auto_accept": False}).json()
    case_id = created["id"]
    assert created["status"] == "new"

    def step(username, action, body=None, status=200):
        response = post(as_user(username), f"/api/v1/cases/{case_id}/{action}", body)
        assert response.status_code == status, response.json()
        return response.json()

    assert step("wutong_clerk", "accept")["status"] == "accepted"
    body = step("city_dispatcher", "dispatch", {"department": "wutong-office", "note": "请核查"})
    assert body["status"] == "dispatched" and body["sign_due_at"]
    assert step("wutong_handler", "sign")["status"] == "signed"
    body = step("wutong_handler", "request_extension", {"days": 2, "reason": "需勘查"})
    request_id = body["extension_requests"][0]["id"]
    step("city_dispatcher", "decide_extension", {"request": request_id, "grant": True})
    assert step("wutong_handler", "pause", {"reason": "请补充照片"})["status"] == "paused"
    assert step("wutong_handler", "resume")["status"] == "signed"
    step("city_dispatcher", "remind", {"note": "请加快"})
    assert step("city_leader", "supervise", {"level": "red"})["supervision_level"] == "red"
    assert step("wutong_handler", "answer", {"answer": "已责令整改"})["status"] == "answered"
    body = step("hotline", "follow_up", {"satisfaction": "satisfied"})
    assert body["status"] == "closed"
    kinds = [e["kind"] for e in body["events"]]
    assert kinds == [
        "create", "accept", "dispatch", "sign", "extension_request", "extension_grant",
        "pause", "resume", "remind", "supervise", "answer", "follow_up",
    ]  # fmt: skip
    assert len(outbox("case_answered")) == 1


@pytest.mark.parametrize(
    ("status", "username", "action", "body", "code", "http"),
    [
        ("signed", "city_leader", "accept", {}, "forbidden", 403),
        ("signed", "wutong_clerk", "accept", {}, "invalid_transition", 409),
        ("signed", "gaoqiao_clerk", "answer", {"answer": "x"}, "not_found", 404),
        ("signed", "wutong_handler", "answer", {"answer": ""}, "answer_required", 422),
        ("signed", "wutong_handler", "answer", {}, "invalid_request", 422),
        ("signed", "wutong_handler", "request_extension", {"days": 99, "reason": "x"},
         "invalid_days", 422),
        ("accepted", "city_dispatcher", "dispatch", {"department": "nope"}, "unknown_department",
         422),
        ("accepted", "city_dispatcher", "dispatch", {"department": "renshe", "handler": 999999},
         "invalid_handler", 422),
        ("accepted", "city_dispatcher", "merge", {"into": 999999}, "not_found", 404),
        ("signed", "city_leader", "supervise", {"level": "green"}, "invalid_level", 422),
        ("answered", "hotline", "follow_up", {"satisfaction": "so-so"}, "invalid_satisfaction",
         422),
        ("signed", "city_dispatcher", "decide_extension", {"request": 1, "grant": True},
         "not_found", 404),
    ],
)  # fmt: skip
def test_refused_transitions_answer_with_code_and_change_nothing(
    as_user, categories, status, username, action, body, code, http
):
    case = case_in(status)
    before = (Case.objects.get(pk=case.pk).version, CaseEvent.objects.count())
    response = post(as_user(username), f"/api/v1/cases/{case.pk}/{action}", body)
    assert response.status_code == http
    assert response.json()["code"] == code
    assert response.json()["message"]
    assert (Case.objects.get(pk=case.pk).version, CaseEvent.objects.count()) == before


def test_stale_expected_version_is_a_409(as_user, categories):
    case = case_in("accepted")
    act("remind", case, "city_dispatcher")
    act("supervise", case, "city_leader", level="yellow")
    response = post(
        as_user("city_dispatcher"),
        f"/api/v1/cases/{case.pk}/dispatch",
        {"department": "wutong-office", "expected_version": case.version},
    )
    assert response.status_code == 409
    assert response.json() == {"code": "stale", "message": "该工单已被他人更新，请刷新后重试"}


def test_a_handler_who_returns_a_case_sees_the_outcome(as_user, categories):
    case = case_in("signed")
    client = as_user("wutong_handler")
    response = post(client, f"/api/v1/cases/{case.pk}/return", {"reason": "不属于街道职责"})
    assert response.status_code == 200
    assert response.json()["status"] == "returned" and response.json()["actions"] == []
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == 404


def test_merge_and_linked_reports(as_user, categories):
    main, duplicate = case_in("accepted"), case_in("accepted")
    client = as_user("city_dispatcher")
    response = post(client, f"/api/v1/cases/{duplicate.pk}/merge", {"into": main.pk})
    assert response.json()["status"] == "merged"
    assert response.json()["merged_into"] == main.number
    detail = client.get(f"/api/v1/cases/{main.pk}").json()
    assert [r["number"] for r in detail["linked_reports"]] == [duplicate.number]


def test_photos_upload_and_download(as_user, categories):
    case = case_in("accepted")
    client = as_user("hotline")
    bad = client.post(
        f"/api/v1/cases/{case.pk}/photos",
        {"photos": [SimpleUploadedFile("x.png", b"GIF89a...", content_type="image/png")]},
    )
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_photo_type"
    good = client.post(
        f"/api/v1/cases/{case.pk}/photos",
        {"photos": [SimpleUploadedFile("x.png", PNG, content_type="image/png")]},
    )
    assert good.status_code == 200
    [photo] = good.json()["photos"]
    download = client.get(f"/api/v1/cases/{case.pk}/photos/{photo['id']}")
    assert download.status_code == 200 and download["Content-Type"] == "image/png"
    # The same picture (stored without its metadata, see core/tests/test_upload_metadata.py).
    stored = Image.open(io.BytesIO(b"".join(download.streaming_content)))
    sent = Image.open(io.BytesIO(PNG))
    assert (stored.size, stored.mode, stored.tobytes()) == (sent.size, sent.mode, sent.tobytes())
    other = as_user("gaoqiao_clerk").get(f"/api/v1/cases/{case.pk}/photos/{photo['id']}")
    assert other.status_code == 404


def test_queue_counts(as_user, categories):
    case_in("dispatched")
    body = as_user("wutong_handler").get("/api/v1/cases/queues").json()
    counts = {row["name"]: row["count"] for row in body}
    assert counts["to_sign"] == 1
    assert {row["label"] for row in body} >= {"待签收", "已逾期"}
