"""The API at /api/v1/hazards: places, inspections, hazards and each transition; bad input is
{"code","message"} with a 4xx status and changes nothing."""

import pytest

from pingan.hazards.models import Hazard
from pingan.hazards.services.record import checklist_for
from pingan.hazards.tests import factories as f

pytestmark = pytest.mark.django_db
API = "/api/v1/hazards"


def _post(client, url, data):
    return client.post(API + url, data, content_type="application/json")


def test_places_list_and_detail_are_scoped(demo_city, login_client):
    client = login_client("tudian_inspector")
    body = client.get(API + "/places").json()
    assert body["count"] >= 4
    assert all(p["region"]["code"].startswith("330483103") for p in body["items"])
    place = f.place()
    detail = client.get(f"{API}/places/{place.pk}").json()
    assert detail["name"] == place.name and detail["contact_phone"] == "139****4006"
    assert client.get(f"{API}/places/{f.place(f.SHOP_WUTONG).pk}").status_code == 404
    assert client.get(API + "/places", {"kind": "castle"}).json()["code"] == "invalid_filter"


def test_place_create_and_bad_input(demo_city, login_client):
    client = login_client("tudian_inspector")
    payload = {
        "kind": "shop",
        "name": "屠甸镇便民小卖部",
        "region": "330483103005",
        "address": "屠甸镇长兴街8号",
        "contact_name": "钱小妹",
        "contact_phone": "13957306010",
    }
    created = _post(client, "/places", payload)
    assert created.status_code == 201 and created.json()["contact_phone"] == "139****6010"
    again = _post(client, "/places", payload)
    assert again.status_code == 409 and again.json()["code"] == "duplicate_place"
    outside = _post(client, "/places", {**payload, "name": "别处", "region": "330483001001"})
    assert outside.status_code == 422 and outside.json()["code"] == "unknown_region"
    bad_code = _post(client, "/places", {**payload, "name": "乙", "credit_code": "123"})
    assert bad_code.json()["code"] == "invalid_credit_code"


def test_checklist_and_inspection(demo_city, login_client):
    client = login_client("tudian_inspector")
    place = f.place()
    items = client.get(f"{API}/checklists/enterprise").json()
    assert [i["id"] for i in items] == [i.pk for i in checklist_for("enterprise")]
    results = [{"item": i["id"], "result": "pass"} for i in items]
    results[0]["result"] = "fail"
    response = _post(client, "/inspections", {"place": place.pk, "results": results})
    assert response.status_code == 201
    assert [r["result"] for r in response.json()["results"]].count("fail") == 1
    short = _post(client, "/inspections", {"place": place.pk, "results": results[1:]})
    assert short.status_code == 422 and short.json()["code"] == "result_required"


def test_hazard_lifecycle_through_the_api(demo_city, login_client, outbox):
    client = login_client("tudian_inspector")
    created = _post(
        client,
        "",
        {"place": f.place().pk, "title": "配电箱无门", "description": "二号车间配电箱门缺失"},
    )
    # The collection is /hazards/hazards; the bare prefix is not an endpoint.
    assert created.status_code in (404, 405)
    created = _post(
        client,
        "/hazards",
        {"place": f.place().pk, "title": "配电箱无门", "description": "二号车间配电箱门缺失"},
    )
    assert created.status_code == 201
    hazard = created.json()
    assert hazard["status"] == "found" and set(hazard["actions"]) == {
        "fix_on_spot",
        "order",
        "dismiss",
    }
    url = f"/hazards/{hazard['id']}"
    past = _post(
        client,
        url + "/order",
        {"grade": "general", "due_on": f.in_days(-1).isoformat(), "requirements": "加装箱门"},
    )
    assert past.status_code == 422 and past.json()["code"] == "due_in_past"
    assert Hazard.objects.get(pk=hazard["id"]).status == "found"
    ordered = _post(
        client,
        url + "/order",
        {"grade": "general", "due_on": f.in_days(5).isoformat(), "requirements": "加装箱门"},
    )
    assert ordered.json()["status"] == "rectifying" and ordered.json()["due_at"]
    assert _post(client, url + "/request-review", {"note": "已加装"}).json()["status"] == (
        "review_requested"
    )
    assert _post(client, url + "/pass", {"note": ""}).json()["status"] == "reinspected"
    closed = _post(client, url + "/close", {"note": "销号"}).json()
    assert closed["status"] == "closed"
    assert [e["kind"] for e in closed["events"]] == [
        "create",
        "order",
        "request_review",
        "pass",
        "close",
    ]
    again = _post(client, url + "/close", {"note": ""})
    assert again.status_code == 409 and again.json()["code"] == "invalid_transition"
    assert len(outbox("hazard_order")) == 1


def test_supervise_and_fail_through_the_api(demo_city, login_client):
    hazard = f.hazard_in("review_requested", grade="major")
    leader = login_client("tudian_leader")
    listed = _post(leader, f"/hazards/{hazard.pk}/supervise", {"note": "挂牌督办"})
    assert listed.status_code == 200 and listed.json()["supervised_at"]
    board = leader.get(API + "/hazards", {"supervised": "true"}).json()
    assert [h["id"] for h in board["items"]] == [hazard.pk]
    inspector = login_client("tudian_inspector")
    failed = _post(
        inspector,
        f"/hazards/{hazard.pk}/fail",
        {"reason": "连墙件仍缺", "due_on": f.in_days(4).isoformat()},
    )
    assert failed.json()["status"] == "rectifying"


def test_hazard_list_filters_and_errors(demo_city, login_client):
    f.hazard_in("rectifying", grade="major")
    f.hazard_in("closed")
    client = login_client("tudian_inspector")
    major = client.get(API + "/hazards", {"grade": "major"}).json()
    assert major["count"] == 1 and major["items"][0]["grade"] == "major"
    assert client.get(API + "/hazards", {"status": "open"}).json()["count"] == 1
    assert client.get(API + "/hazards", {"overdue": "true"}).json()["count"] == 0
    assert client.get(API + "/hazards", {"status": "bogus"}).json()["code"] == "invalid_filter"
    assert client.get(API + "/hazards", {"town": "330483001"}).json()["count"] == 0


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"place": 999999, "title": "x", "description": "y"}, "unknown_place"),
        ({"place": "abc", "title": "x", "description": "y"}, "invalid_request"),
        ({"title": "x", "description": "y"}, "invalid_request"),
        ({"place": "PLACE", "title": "", "description": "y"}, "title_required"),
        ({"place": "PLACE", "title": "x", "description": "y", "grade": "big"}, "invalid_grade"),
    ],
)
def test_create_bad_input(demo_city, login_client, payload, code):
    if payload.get("place") == "PLACE":
        payload["place"] = f.place().pk
    response = _post(login_client("tudian_inspector"), "/hazards", payload)
    assert 400 <= response.status_code < 500
    assert response.json()["code"] == code and response.json()["message"]
    assert Hazard.objects.count() == 0


def test_out_of_scope_and_wrong_role(demo_city, login_client):
    hazard = f.hazard_in("found")
    outside = login_client("wutong_inspector")
    assert outside.get(f"{API}/hazards/{hazard.pk}").status_code == 404
    response = _post(
        login_client("tudian_leader"),
        f"/hazards/{hazard.pk}/order",
        {"grade": "general", "due_on": f.in_days(3).isoformat(), "requirements": "x"},
    )
    assert response.status_code == 403 and response.json()["code"] == "forbidden"
    assert login_client("demo_worker").get(API + "/hazards").status_code == 403
