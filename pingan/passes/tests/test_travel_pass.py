"""桐行码: asked for with a window; replaced by a new one (superseded); revoked by an officer;
each transition allowed from the right status only, bad input refused with nothing changed."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from pingan.core.errors import DomainError
from pingan.passes import services
from pingan.passes.models import TravelPass, TravelPassEvent, TravelStatus
from pingan.passes.tests.factories import change_colour, holder

pytestmark = pytest.mark.django_db


def _window(days=3):
    now = timezone.now()
    return {"valid_from": now, "valid_until": now + timedelta(days=days)}


def test_request_replace_and_revoke(city, user):
    person = holder()
    first = services.travel_request(person=person, **_window())
    second = services.travel_request(person=person, **_window(5))
    first.refresh_from_db()
    assert first.status == TravelStatus.REPLACED and second.seq == first.seq + 1
    services.travel_revoke(travel_pass=second, actor=user("health_officer"), reason="核查")
    second.refresh_from_db()
    assert second.status == TravelStatus.REVOKED
    events = list(TravelPassEvent.objects.filter(travel_pass=second).values_list("to_status"))
    assert events == [("active",), ("revoked",)]


@pytest.mark.parametrize("status", [TravelStatus.REVOKED, TravelStatus.REPLACED])
def test_revoke_refused_from_final_status(city, user, status):
    person = holder()
    travel = services.travel_request(person=person, **_window())
    TravelPass.objects.filter(pk=travel.pk).update(status=status)
    with pytest.raises(DomainError) as exc:
        services.travel_revoke(travel_pass=travel, actor=user("health_officer"), reason="x")
    assert exc.value.code == "bad_status"


def test_request_refused_without_declaration_or_when_red(city):
    from pingan.people.services import person_register

    undeclared = person_register(name="周未报", phone="13957308599")
    with pytest.raises(DomainError) as exc:
        services.travel_request(person=undeclared, **_window())
    assert exc.value.code == "not_declared"
    red = holder()
    change_colour(red, "red")
    with pytest.raises(DomainError) as exc:
        services.travel_request(person=red, **_window())
    assert exc.value.code == "status_red"
    assert not TravelPass.objects.filter(person__in=[undeclared, red]).exists()


@pytest.mark.parametrize("days", [0, -1, 31])
def test_bad_windows(city, days):
    person = holder()
    now = timezone.now()
    with pytest.raises(DomainError) as exc:
        services.travel_request(
            person=person, valid_from=now, valid_until=now + timedelta(days=days)
        )
    assert exc.value.code == "bad_window"


def test_health_change_moves_travel_code_on(city):
    person = holder()
    travel = services.travel_request(person=person, **_window())
    change_colour(person, "yellow")
    travel.refresh_from_db()
    assert travel.seq == 2


def test_api_my_codes_and_travel(city, client, user):
    citizen = user("demo_worker")
    holder(user=citizen)
    client.force_login(citizen)
    codes = client.get("/api/v1/passes/my-codes").json()
    assert [c["type"] for c in codes] == ["health"]
    now = timezone.now()
    bad = client.post(
        "/api/v1/passes/my-travel",
        json.dumps({"valid_from": now.isoformat(), "valid_until": now.isoformat()}),
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad.json()["code"] == "bad_window"
    garbage = client.post(
        "/api/v1/passes/my-travel", json.dumps({"valid_from": "x"}), content_type="application/json"
    )
    assert garbage.status_code == 422
    good = client.post(
        "/api/v1/passes/my-travel",
        json.dumps(
            {
                "valid_from": now.isoformat(),
                "valid_until": (now + timedelta(days=2)).isoformat(),
            }
        ),
        content_type="application/json",
    )
    assert good.status_code == 200
    assert sorted(c["type"] for c in good.json()) == ["health", "travel"]


def test_my_codes_needs_a_registered_holder(city, client, user):
    client.force_login(user("guard_factory"))
    response = client.get("/api/v1/passes/my-codes")
    assert response.status_code == 403 and response.json()["code"] == "not_holder"
    client.logout()
    assert client.get("/api/v1/passes/my-codes").status_code == 401


def test_my_codes_with_a_bearer_token(city, client, user):
    from pingan.org.services import token_issue

    citizen = user("demo_worker")
    holder(user=citizen)
    _token, raw = token_issue(user=citizen, name="phone")
    response = client.get("/api/v1/passes/my-codes", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200 and response.json()[0]["status"] == "green"
