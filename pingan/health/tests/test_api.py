"""The health API: declare, my status, an officer's change and a second officer's approval,
appeals; errors as {"code", "message"} with nothing changed; all in the OpenAPI document."""

import pytest

from pingan.health.models import Appeal, ChangeRequest, Declaration, HealthStatus
from pingan.org.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def post(client, url, body=None, **kwargs):
    return client.post(url, body or {}, content_type="application/json", **kwargs)


def test_my_status_and_a_declaration(demo_city, login_client, people):
    client = login_client("demo_worker")
    me = client.get("/api/v1/health/me").json()
    assert me["registered"] is True
    assert me["masked_name"] == "张*军"
    assert me["status"]["colour"] == "green"
    response = post(
        client,
        "/api/v1/health/declarations",
        {"temperature": "37.9", "symptoms": ["fever"], "travelled": [], "close_contact": False},
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["computed_colour"] == "yellow"
    assert body["status"]["colour"] == "yellow"
    assert "37.3" in body["status"]["reason"]


@pytest.mark.parametrize(
    ("body", "code", "status"),
    [
        ({"temperature": "52"}, "invalid_temperature", 400),
        ({"temperature": "36.5", "symptoms": ["hiccups"]}, "invalid_symptom", 400),
        ({"temperature": "36.5", "travelled": [987654]}, "invalid_area", 400),
        ({"temperature": "warm"}, "invalid_request", 422),
        ({}, "invalid_request", 422),
    ],
)
def test_bad_declarations_change_nothing(demo_city, login_client, people, body, code, status):
    client = login_client("demo_worker")
    before = Declaration.objects.count()
    response = post(client, "/api/v1/health/declarations", body)
    assert response.status_code == status
    assert response.json()["code"] == code
    assert response.json()["message"]
    assert Declaration.objects.count() == before


def test_anonymous_and_unregistered_callers(demo_city, client, login_client):
    response = post(client, "/api/v1/health/declarations", {"temperature": "36.5"})
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"
    response = post(
        login_client("guard_factory"), "/api/v1/health/declarations", {"temperature": "36.5"}
    )
    assert response.status_code == 404
    assert response.json()["code"] == "not_registered"


def test_red_by_token_then_a_second_officer_approves(demo_city, client, people):
    person = people["张建军"]

    def token(username):
        body = {"username": username, "password": DEMO_PASSWORD}
        return {
            "Authorization": "Bearer " + post(client, "/api/v1/auth/token", body).json()["token"]
        }

    first, second = token("health_officer"), token("health_officer2")
    response = post(
        client,
        f"/api/v1/health/people/{person.pk}/changes",
        {"colour": "red", "reason_code": "officer_positive_test", "note": "阳性"},
        headers=first,
    )
    assert response.status_code == 202, response.json()
    request_id = response.json()["request"]["id"]
    assert response.json()["applied"] is False
    assert HealthStatus.objects.get(person=person).colour == "green"

    response = post(client, f"/api/v1/health/requests/{request_id}/approve", {}, headers=first)
    assert response.status_code == 403
    assert response.json()["code"] == "same_officer"

    listed = client.get("/api/v1/health/requests", headers=second).json()
    assert request_id in [row["id"] for row in listed]
    response = post(client, f"/api/v1/health/requests/{request_id}/approve", {}, headers=second)
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "approved"
    assert HealthStatus.objects.get(person=person).colour == "red"
    status = client.get(f"/api/v1/health/people/{person.pk}", headers=second).json()
    assert status["status"]["colour"] == "red"
    assert status["masked_name"] == "张*军"


def test_a_change_without_a_reason_is_refused(demo_city, login_client, people):
    person = people["张建军"]
    client = login_client("health_officer")
    response = post(
        client,
        f"/api/v1/health/people/{person.pk}/changes",
        {"colour": "yellow", "reason_code": "", "note": "x"},
    )
    assert response.status_code == 400
    assert response.json()["code"] == "reason_required"
    assert HealthStatus.objects.get(person=person).colour == "green"
    assert not ChangeRequest.objects.filter(person=person).exists()


def test_citizens_and_guards_cannot_change_colours(demo_city, login_client, people):
    person = people["张建军"]
    for username in ("demo_worker", "guard_factory", "wutong_clerk"):
        response = post(
            login_client(username),
            f"/api/v1/health/people/{person.pk}/changes",
            {"colour": "yellow", "reason_code": "officer_risk_travel", "note": "x"},
        )
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


def test_appeal_round_trip(demo_city, login_client, people):
    person = people["张建军"]
    officer = login_client("health_officer")
    post(
        officer,
        f"/api/v1/health/people/{person.pk}/changes",
        {"colour": "yellow", "reason_code": "officer_risk_travel", "note": "行程"},
    )
    holder = login_client("demo_worker")
    response = post(holder, "/api/v1/health/appeals", {"text": "我没去过"})
    assert response.status_code == 201, response.json()
    appeal_id = response.json()["id"]
    assert [a["id"] for a in holder.get("/api/v1/health/appeals").json()] == [appeal_id]
    response = post(
        holder,
        f"/api/v1/health/appeals/{appeal_id}/decide",
        {"decision": "uphold", "answer": "自己批"},
    )
    assert response.status_code == 404

    second = login_client("health_officer2")
    response = post(
        second,
        f"/api/v1/health/appeals/{appeal_id}/decide",
        {"decision": "uphold", "answer": "核实无误"},
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "upheld"
    assert HealthStatus.objects.get(person=person).colour == "green"
    response = post(
        second, f"/api/v1/health/appeals/{appeal_id}/decide", {"decision": "maybe", "answer": "x"}
    )
    assert response.status_code == 422
    assert Appeal.objects.get(pk=appeal_id).status == "upheld"


def test_the_rules_are_public(demo_city, client):
    body = client.get("/api/v1/health/rules").json()
    codes = [rule["reason_code"] for rule in body["rules"]]
    assert "rule_close_contact" in codes
    assert body["yellow_days"] == 7 and body["red_days"] == 14
    assert body["areas"][0]["level"] == "high"


def test_the_operations_are_in_the_openapi_document(demo_city, client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/health/me",
        "/api/v1/health/declarations",
        "/api/v1/health/appeals",
        "/api/v1/health/appeals/{appeal_id}/decide",
        "/api/v1/health/people/{person_id}/changes",
        "/api/v1/health/requests/{request_id}/{action}",
        "/api/v1/health/rules",
    ):
        assert path in paths, path


def test_appeal_lists_keep_to_their_readers(demo_city, login_client, people, persona):
    from pingan.health.services import appeal_submit, status_change_manual
    from pingan.health.tests.factories import citizen, officer

    worker = people["张建军"]
    status_change_manual(
        person=worker,
        colour="yellow",
        reason_code="officer_risk_travel",
        note="行程",
        actor=persona("health_officer"),
    )
    appeal_submit(person=worker, text="有误", actor=persona("demo_worker"))
    stranger = citizen("stranger_api", "13957308450")
    assert login_client(stranger.username).get("/api/v1/health/appeals").json() == []
    far = officer("far_api", "330483103")
    assert login_client(far.username).get("/api/v1/health/appeals").json() == []
    assert len(login_client("health_officer2").get("/api/v1/health/appeals").json()) == 1
    response = login_client(far.username).get(f"/api/v1/health/people/{worker.pk}")
    assert response.status_code == 404
