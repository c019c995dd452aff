"""The petitions API: list, detail, register, attach and every transition; errors are
{"code", "message"} with a 4xx status and change nothing."""

import pytest

from pingan.cases.services import case_create
from pingan.petitions.models import Petition
from pingan.petitions.tests.factories import JINYU, WAGES, petition_in, user

pytestmark = pytest.mark.django_db

REGISTER = {
    "channel": "window",
    "category": "labour.wages",
    "region": JINYU,
    "description": WAGES,
    "petitioners": [{"name": "张建国", "phone": "13771003333"}],
    "headcount": 40,
    "leader": "wutong_leader",
}


def _post(client, path, body):
    return client.post(f"/api/v1{path}", body, content_type="application/json")


def test_register_list_and_detail(city, login_client):
    client = login_client("xinfang_officer")
    created = _post(client, "/petitions", REGISTER)
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["status"], body["headcount"], body["is_collective"], body["leader"]) == (
        "registered",
        40,
        True,
        "wutong_leader",
    )
    assert body["petitioners"] == [{"name": "张*国", "phone": "137****3333"}]
    assert body["actions"] == ["route", "assign_leader"]
    listed = client.get("/api/v1/petitions?collective=true").json()
    assert listed["count"] == 1 and listed["items"][0]["number"] == body["number"]
    detail = client.get(f"/api/v1/petitions/{body['id']}").json()
    assert [e["kind"] for e in detail["events"]] == ["register"]


def test_attach_to_a_work_order(city, login_client):
    case, _code = case_create(
        actor=user("wutong_clerk"),
        channel="window",
        kind="petition",
        category="labour.wages",
        region=JINYU,
        description=WAGES,
    )
    answer = _post(
        login_client("wutong_clerk"),
        "/petitions/attach",
        {"case_id": case.pk, "petitioners": [{"name": "张建国"}]},
    )
    assert answer.status_code == 201 and answer.json()["case_number"] == case.number


def test_every_transition_through_the_api(city, login_client):
    petition = petition_in("registered")
    steps = [
        ("xinfang_officer", "route", {"unit": "wutong-office", "route_kind": "transfer"}),
        ("wutong_handler", "accept", {"note": "受理"}),
        ("wutong_handler", "extend", {"days": 15, "reason": "需核算"}),
        ("wutong_handler", "reply", {"opinion": "已支付", "facts": "属实"}),
        ("xinfang_officer", "ask_review", {"grounds": "不服"}),
        ("xinfang_officer", "decide_review", {"opinion": "维持"}),
        ("xinfang_officer", "ask_recheck", {"grounds": "不服"}),
        ("xinfang_officer", "decide_recheck", {"opinion": "维持"}),
    ]
    for username, action, body in steps:
        answer = _post(login_client(username), f"/petitions/{petition.pk}/{action}", body)
        assert answer.status_code == 200, (action, answer.json())
    body = answer.json()
    assert body["status"] == "final" and body["extension_days"] == 15
    assert body["reply_number"].startswith("信复〔")
    leader = _post(
        login_client("xinfang_officer"),
        f"/petitions/{petition_in('handling').pk}/assign_leader",
        {"leader": "wutong_leader"},
    )
    assert leader.json()["leader_name"] == "陆书记"


BAD_REGISTRATIONS = [
    ({**REGISTER, "petitioners": []}, 422, "petitioners_required"),
    ({**REGISTER, "headcount": "many"}, 422, "invalid_request"),
    ({**REGISTER, "leader": "nobody"}, 422, "invalid_leader"),
    ({**REGISTER, "channel": "police"}, 422, "unknown_channel"),
    ({**REGISTER, "petitioners": [{"name": "张三", "phone": "abc"}]}, 422, "invalid_phone"),
    ({"channel": "window"}, 422, "invalid_request"),
]


def test_bad_registrations(city, login_client, subtests):
    client = login_client("xinfang_officer")
    for body, status, code in BAD_REGISTRATIONS:
        with subtests.test(code=code):
            answer = _post(client, "/petitions", body)
            assert (answer.status_code, answer.json()["code"]) == (status, code)
            assert answer.json()["message"]
    assert not Petition.objects.exists()


BAD_TRANSITIONS = [
    ("wutong_handler", "extend", {"days": 40, "reason": "x"}, 422, "invalid_days"),
    ("wutong_handler", "extend", {"days": "x", "reason": "x"}, 422, "invalid_request"),
    ("wutong_handler", "reply", {"opinion": ""}, 422, "opinion_required"),
    ("wutong_handler", "accept", {}, 409, "invalid_transition"),
    ("xinfang_officer", "reply", {"opinion": "答复"}, 403, "forbidden"),
    ("xinfang_officer", "route", {"unit": "nope"}, 422, "unknown_department"),
    ("wutong_handler", "reply", {"opinion": "答复", "expected_version": 1}, 409, "stale"),
]


def test_bad_transitions_change_nothing(city, login_client, subtests):
    petition = petition_in("handling")
    for username, action, body, status, code in BAD_TRANSITIONS:
        with subtests.test(action=action, code=code):
            answer = _post(login_client(username), f"/petitions/{petition.pk}/{action}", body)
            assert (answer.status_code, answer.json()["code"]) == (status, code)
            after = Petition.objects.get(pk=petition.pk)
            assert (after.status, after.version) == (petition.status, petition.version)


def test_unknown_filters_and_missing_petitions(city, login_client):
    client = login_client("city_leader")
    assert client.get("/api/v1/petitions?status=nope").json()["code"] == "unknown_status"
    assert client.get("/api/v1/petitions/999999").status_code == 404
