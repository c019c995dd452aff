"""Tokens: issued for a correct password, stored hashed, revocable; bad input answers clearly."""

import pytest

from pingan.org.models import ApiToken
from pingan.org.services import token_issue, token_revoke


def _token(client, username="wutong_clerk", password="pingan-demo"):
    return client.post(
        "/api/v1/auth/token",
        {"username": username, "password": password, "name": "test"},
        content_type="application/json",
    )


def test_token_issued_and_works(client, demo_city):
    response = _token(client)
    assert response.status_code == 200
    raw = response.json()["token"]
    assert raw.startswith("pa_")
    assert not ApiToken.objects.filter(key_hash=raw).exists()  # only the hash is stored
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})
    assert me.status_code == 200 and me.json()["username"] == "wutong_clerk"


def test_token_by_phone_number(client, demo_city):
    response = _token(client, username="139 5730 0003")
    assert response.status_code == 200


def test_wrong_password_is_a_clear_401(client, demo_city):
    response = _token(client, password="nope")
    assert response.status_code == 401
    assert response.json() == {"code": "invalid_credentials", "message": "用户名或密码不正确"}


@pytest.mark.parametrize(
    "header",
    ["Bearer pa_forgedforgedforged", "Bearer ", "Basic abc", "Bearer " + "x" * 500, "Bearer pa_"],
)
def test_forged_or_malformed_tokens_are_401(client, demo_city, header):
    response = client.get("/api/v1/me", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"


def test_revoked_token_stops_working(client, persona):
    user = persona("hotline")
    token, raw = token_issue(user=user, name="t")
    auth = {"Authorization": f"Bearer {raw}"}
    assert client.get("/api/v1/me", headers=auth).status_code == 200
    response = client.delete(f"/api/v1/auth/tokens/{token.id}", headers=auth)
    assert response.status_code == 200 and response.json()["revoked_at"]
    assert client.get("/api/v1/me", headers=auth).status_code == 401


def test_cannot_revoke_someone_elses_token(client, persona):
    token, _raw = token_issue(user=persona("hotline"), name="t")
    _other, other_raw = token_issue(user=persona("wutong_clerk"), name="t")
    response = client.delete(
        f"/api/v1/auth/tokens/{token.id}", headers={"Authorization": f"Bearer {other_raw}"}
    )
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_expired_token_is_refused(client, persona):
    from django.utils import timezone

    token, raw = token_issue(user=persona("hotline"), name="t")
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 401


@pytest.mark.parametrize(
    "body",
    ['{"username": "x"', "[]", '{"username": 5}', '{"password": "x"}', "", '{"username": ""}'],
)
def test_malformed_requests_get_a_code_and_message(client, demo_city, body):
    response = client.post("/api/v1/auth/token", body, content_type="application/json")
    assert 400 <= response.status_code < 500
    payload = response.json()
    assert set(payload) >= {"code", "message"} and payload["message"]


def test_repeated_failures_are_throttled(client, demo_city, settings):
    statuses = [
        _token(client, password="wrong").status_code for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses[:-1] == [401] * (settings.AXES_FAILURE_LIMIT - 1)
    assert statuses[-1] == 429  # the failure that reaches the limit locks
    locked = _token(client)  # even the right password, until the cool-off ends
    assert locked.status_code == 429
    assert locked.json()["code"] == "throttled"


def test_anonymous_me_is_401(client, db):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"


def test_tokens_listed_and_revoked_in_service(persona):
    user = persona("hotline")
    token, _ = token_issue(user=user, name="a")
    token_revoke(user=user, token_id=token.id)
    token.refresh_from_db()
    assert token.revoked_at is not None and not token.is_usable
