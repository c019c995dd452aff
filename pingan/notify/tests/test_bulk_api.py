"""The bulk SMS API: create a batch for one's own region (others: 404), bad input is a 4xx
with a message and creates nothing, progress and cancel."""

from pingan.notify.models import SmsBatch
from pingan.notify.tests.bulk_helpers import officers

BODY = {
    "name": "提醒",
    "template": "bulk.notice",
    "content": "注意防火。",
    "source": "region",
    "region": "330483001010",
}


def _post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_create_progress_and_cancel(demo_city, client):
    wutong, gaoqiao = officers()
    client.force_login(wutong)
    created = _post(client, "/api/v1/sms/batches", BODY)
    assert created.status_code == 201
    batch = created.json()
    assert (batch["status"], batch["region"], batch["finished"]) == ("new", "330483001010", False)
    assert client.get(f"/api/v1/sms/batches/{batch['id']}").status_code == 200
    cancelled = _post(client, f"/api/v1/sms/batches/{batch['id']}/cancel", {"reason": "错了"})
    assert cancelled.json()["status"] == "cancelled"
    again = _post(client, f"/api/v1/sms/batches/{batch['id']}/cancel", {})
    assert again.status_code == 409
    client.force_login(gaoqiao)
    assert client.get(f"/api/v1/sms/batches/{batch['id']}").status_code == 404


def test_bad_input_changes_nothing(demo_city, client):
    wutong, _ = officers()
    client.force_login(wutong)
    for changes, status, code in (
        ({"region": "330483004001"}, 404, "not_found"),
        ({"source": "excel"}, 422, "unknown_source"),
        ({"template": "nope"}, 422, "unknown_template"),
        ({"window_start": "22:00"}, 422, "window_invalid"),
        ({"rate_per_minute": 0}, 422, "invalid_request"),
        ({"source": "pledge", "pledge": "999"}, 404, "not_found"),
    ):
        response = _post(client, "/api/v1/sms/batches", {**BODY, **changes})
        assert (response.status_code, response.json()["code"]) == (status, code), changes
    assert not SmsBatch.objects.exists()
