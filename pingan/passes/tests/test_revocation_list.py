"""The revocation list: versioned, whole or as a delta since a version, public."""

import pytest

from pingan.passes import issuing
from pingan.passes.tests.factories import change_colour, holder
from pingan.passes.verifier import Revocations, b64url

pytestmark = pytest.mark.django_db


def test_versions_and_deltas(city, client):
    first = client.get("/api/v1/passes/revocations").json()
    person = holder()
    change_colour(person, "yellow")
    middle = client.get("/api/v1/passes/revocations").json()
    assert middle["version"] == first["version"] + 1
    change_colour(person, "green")
    delta = client.get(f"/api/v1/passes/revocations?since={middle['version']}").json()
    assert delta["since"] == middle["version"]
    assert [e["min_seq"] for e in delta["entries"]] == [3]
    full = client.get("/api/v1/passes/revocations").json()
    rid = b64url(issuing.rid_for(person))
    mine = [e for e in full["entries"] if e["rid"] == rid]
    assert [(e["type"], e["min_seq"], e["reason"]) for e in mine] == [("health", 3, "superseded")]
    # A verifier holding the middle list and applying the delta knows what the full list says.
    merged = Revocations()
    merged.apply(middle)
    merged.apply(delta)
    assert merged.entries[(issuing.rid_for(person), "health")] == (3, "superseded")
    assert merged.version == full["version"]


def test_renewal_that_keeps_the_seq_adds_nothing(city, client):
    from pingan.passes.services import on_health_status_change

    person = holder()
    status = change_colour(person, "red")
    version = client.get("/api/v1/passes/revocations").json()["version"]
    on_health_status_change(person=person, status=status)  # renewed: same colour, same seq
    assert client.get("/api/v1/passes/revocations").json()["version"] == version


@pytest.mark.parametrize("since", ["-1", "abc", "1.5"])
def test_bad_since(city, client, since):
    response = client.get(f"/api/v1/passes/revocations?since={since}")
    assert response.status_code in (400, 422)
    assert "code" in response.json()
