"""What the API fuzzing found, one regression test each (see test_api_fuzz.py)."""

import pytest
from django.test import Client

from pingan.api import api

BIG = 2**64 + 7  # past any 64-bit integer column


@pytest.fixture
def token(client, demo_city):
    def issue(username="admin"):
        response = client.post(
            "/api/v1/auth/token",
            {"username": username, "password": "pingan-demo"},
            content_type="application/json",
        )
        assert response.status_code == 200, response.content
        return {"HTTP_AUTHORIZATION": f"Bearer {response.json()['token']}"}

    return issue


@pytest.fixture(scope="module")
def document():
    return api.get_openapi_schema(path_prefix="/api/v1")


def documented(document, method: str, path: str) -> set[int]:
    return {int(code) for code in document["paths"][path][method]["responses"]}


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/cases", {"description": "x"}),
        ("/api/v1/passes/verify", {"payload": "PA1:x"}),
        ("/api/v1/hazards/places", {}),
    ],
)
def test_an_anonymous_post_is_unauthenticated_not_refused_for_csrf(db, path, body):
    """Without a session there is nothing to forge: 401 with the house's message (was a 403
    "CSRF check Failed" in English from the session authenticator)."""
    response = Client(enforce_csrf_checks=True).post(path, body, content_type="application/json")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"


def test_a_signed_in_session_still_needs_its_csrf_token(demo_city, persona):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(persona("hotline"))
    response = browser.post("/api/v1/cases", {}, content_type="application/json")
    assert response.status_code == 403
    secret = "a" * 32  # Django accepts the cookie's own secret as the token
    browser.cookies["csrftoken"] = secret
    response = browser.post(
        "/api/v1/cases", {}, content_type="application/json", HTTP_X_CSRFTOKEN=secret
    )
    assert response.status_code == 422  # past authentication, refused for its empty body


@pytest.mark.parametrize("path", ["/api/v1/departments", "/api/v1/regions"])
def test_an_offset_past_64_bits_is_refused_not_a_server_error(client, token, path):
    response = client.get(path, {"offset": BIG}, **token())
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_request"
    assert client.get(path, {"offset": 2**31 - 1}, **token()).json()["items"] == []


def test_a_checkpoint_id_past_64_bits_is_not_found(client, token):
    response = client.post(
        "/api/v1/passes/verify",
        {"payload": "PA1:x", "checkpoint": BIG},
        content_type="application/json",
        **token(),
    )
    assert response.status_code == 404


def test_an_unparsable_body_is_a_documented_400_in_chinese(client, demo_city, document):
    response = client.post("/api/v1/auth/token", b"\x00", content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "code": "bad_request",
        "message": "请求内容无法解析，请提交有效的 JSON",
    }
    assert 400 in documented(document, "post", "/api/v1/auth/token")


def test_a_negative_revocation_version_is_a_documented_400(client, db, document):
    response = client.get("/api/v1/passes/revocations", {"since": -1})
    assert response.status_code == 400
    assert response.json()["code"] == "bad_since"
    assert {400, 422} <= documented(document, "get", "/api/v1/passes/revocations")


def test_each_operation_points_at_its_own_schema(document):
    """Same-named classes of two apps used to replace each other in the document."""
    schemas = document["components"]["schemas"]
    assert "username" in schemas["MeOut"]["properties"]  # /me, not the health app's
    assert "registered" in schemas["HealthMeOut"]["properties"]
    assert {"key", "label", "accepted"} <= set(schemas["DisputeFigureOut"]["properties"])
    assert "group" in schemas["FigureOut"]["properties"]  # the analytics figure


def test_batch_send_windows_are_described_as_what_they_are(document):
    """Wall-clock times without an offset are not RFC 3339 times ("format": "time")."""
    window = document["components"]["schemas"]["BatchOut"]["properties"]["window_start"]
    assert "format" not in window
    assert window["pattern"] == r"^\d{2}:\d{2}:\d{2}$"


@pytest.mark.parametrize("path", ["%0A", "x%0Ay", "services%0A"])
def test_an_open311_path_with_a_newline_gets_the_spec_error_document(client, db, path):
    """The catch-all's `.` did not match a newline, so Django's HTML 404 page answered."""
    response = client.get(f"/open311/v2/{path}")
    assert response.status_code in (400, 404)
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert b"<errors><error><code>" in response.content
