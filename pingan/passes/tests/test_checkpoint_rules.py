"""Who each kind of checkpoint admits: a factory gate its employees, a compound gate its residents
and invited visitors, a city entry anyone with a valid 桐行码; never a yellow or red code."""

from datetime import timedelta

import pytest
from django.utils import timezone

from pingan.core.errors import DomainError
from pingan.passes import services
from pingan.passes.models import ScanLog
from pingan.passes.selectors import current_codes
from pingan.passes.tests.factories import change_colour, holder
from pingan.places import demo as places_demo

pytestmark = pytest.mark.django_db


def _health(person):
    return next(c for c in current_codes(person) if c["type"] == "health")["payload"]


def _scan(checkpoint, person, user, kind="health"):
    payload = next(c for c in current_codes(person) if c["type"] == kind)["payload"]
    return services.scan_record(checkpoint=checkpoint, payload=payload, guard=user)


def test_factory_gate_admits_employees_only(gates, user):
    guard = user("guard_factory")
    worker = holder(employer=places_demo.factory())
    outsider = holder(name="赵小飞")
    answer = _scan(gates["factory"], worker, guard)
    assert answer["result"] == "pass" and answer["masked_name"] == "李*华"
    refused = _scan(gates["factory"], outsider, guard)
    assert (refused["result"], refused["reason"], refused["detail"]) == (
        "deny",
        "not_allowed_here",
        "not_employee",
    )


def test_compound_gate_admits_residents_and_invited_visitors(gates, user):
    guard = user("guard_compound")
    resident = holder(residence=places_demo.compound())
    visitor = holder(name="钱多多")
    assert _scan(gates["compound"], resident, guard)["result"] == "pass"
    assert _scan(gates["compound"], visitor, guard)["detail"] == "not_resident"
    services.invitation_create(host=resident, visitor=visitor, day=timezone.localdate())
    assert _scan(gates["compound"], visitor, guard)["result"] == "pass"


def test_invitation_for_another_day_does_not_admit(gates, user):
    resident = holder(residence=places_demo.compound())
    visitor = holder(name="钱多多")
    services.invitation_create(
        host=resident, visitor=visitor, day=timezone.localdate() + timedelta(days=1)
    )
    assert _scan(gates["compound"], visitor, user("guard_compound"))["result"] == "deny"


@pytest.mark.parametrize(("day_offset", "code"), [(-1, "bad_day"), (31, "bad_day")])
def test_invitation_refuses_bad_days(city, day_offset, code):
    resident = holder(residence=places_demo.compound())
    visitor = holder(name="钱多多")
    with pytest.raises(DomainError) as exc:
        services.invitation_create(
            host=resident, visitor=visitor, day=timezone.localdate() + timedelta(days=day_offset)
        )
    assert exc.value.code == code


def test_only_compound_residents_can_invite(city):
    tenant = holder(residence=None)
    with pytest.raises(DomainError) as exc:
        services.invitation_create(host=tenant, visitor=holder(), day=timezone.localdate())
    assert exc.value.code == "not_resident"


def test_city_entry_wants_a_travel_code(gates, user):
    guard = user("guard_entry")
    traveller = holder()
    now = timezone.now()
    services.travel_request(person=traveller, valid_from=now, valid_until=now + timedelta(days=2))
    assert _scan(gates["entry"], traveller, guard, kind="travel")["result"] == "pass"
    wrong = _scan(gates["entry"], traveller, guard, kind="health")
    assert (wrong["result"], wrong["detail"]) == ("deny", "wrong_type")


@pytest.mark.parametrize("colour", ["yellow", "red"])
def test_yellow_and_red_are_refused(gates, user, colour):
    worker = holder(employer=places_demo.factory())
    change_colour(worker, colour)
    answer = _scan(gates["factory"], worker, user("guard_factory"))
    assert (answer["result"], answer["reason"], answer["detail"]) == (
        "deny",
        "not_allowed_here",
        f"status_{colour}",
    )


def test_every_scan_is_logged(gates, user):
    worker = holder(employer=places_demo.factory())
    before = ScanLog.objects.count()
    _scan(gates["factory"], worker, user("guard_factory"))
    services.scan_record(checkpoint=gates["factory"], payload="junk", guard=user("guard_factory"))
    rows = list(ScanLog.objects.order_by("-id")[:2])
    assert ScanLog.objects.count() == before + 2
    assert [r.result for r in rows] == ["deny", "pass"]
    assert rows[0].reason == "bad_format" and rows[0].rid_hash == "" and rows[0].colour == ""
    assert rows[1].colour == "green" and len(rows[1].rid_hash) == 32


def test_guard_cannot_scan_at_another_gate(gates, client, user):
    client.force_login(user("guard_factory"))
    response = client.post(
        "/api/v1/passes/verify",
        {"payload": "PA1:X", "checkpoint": gates["compound"].pk},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_citizen_cannot_verify(city, client, user):
    client.force_login(user("demo_worker"))
    response = client.post(
        "/api/v1/passes/verify", {"payload": "PA1:X"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_api_scan_answers_and_logs_only_at_a_gate_the_guard_keeps(gates, client, user):
    """The API's scan reads checkpoint, guard's right, revocation and rule in one statement:
    the same answers as the guard's page, and nothing logged where the guard has no right."""
    worker = holder(employer=places_demo.factory())
    client.force_login(user("guard_factory"))

    green = _health(worker)

    def scan(checkpoint, payload=green):
        return client.post(
            "/api/v1/passes/verify",
            {"payload": payload, "checkpoint": checkpoint.pk},
            content_type="application/json",
        )

    before = ScanLog.objects.count()
    assert scan(gates["factory"]).json()["result"] == "pass"
    assert scan(gates["compound"]).status_code == 404
    gates["factory"].is_active = False
    gates["factory"].save(update_fields=["is_active"])
    assert scan(gates["factory"]).status_code == 404
    assert ScanLog.objects.count() == before + 1
    gates["factory"].is_active = True
    gates["factory"].save(update_fields=["is_active"])
    change_colour(worker, "red")
    refused = scan(gates["factory"]).json()
    assert (refused["result"], refused["reason"]) == ("deny", "superseded")
    red = scan(gates["factory"], _health(worker)).json()
    assert (red["result"], red["detail"]) == ("deny", "status_red")
