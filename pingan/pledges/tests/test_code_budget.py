"""One address asks for at most 20 SMS codes an hour (people/code_budget.py), on the signing
page and the API together: the code forms cannot be used to text a list of strangers."""

from django.test import Client
from django.urls import reverse

from pingan.notify.models import OutboxMessage


def _phone(n: int) -> str:
    return f"139573055{n:02d}"


def test_twenty_codes_an_hour_per_address_page_and_api_together(pledge, settings):
    assert settings.PINGAN_SMS_CODES_PER_ADDRESS_HOUR == 20
    client = Client(REMOTE_ADDR="203.0.113.50")
    page = reverse("pledges:sign", args=[pledge.token])
    api = f"/api/v1/pledges/public/{pledge.token}/code"
    for n in range(10):
        assert client.post(page, {"action": "code", "phone": _phone(n)}).status_code == 200
    for n in range(10, 20):
        body = {"phone": _phone(n)}
        assert client.post(api, body, content_type="application/json").status_code == 204
    sent = OutboxMessage.objects.count()

    refused = client.post(api, {"phone": _phone(20)}, content_type="application/json")
    assert refused.status_code == 429 and refused.json()["code"] == "too_many_codes"
    page_refused = client.post(page, {"action": "code", "phone": _phone(21)})
    assert "获取验证码过于频繁" in page_refused.content.decode()
    assert OutboxMessage.objects.count() == sent  # nothing more was texted

    # Another address still may.
    other = Client(REMOTE_ADDR="203.0.113.51")
    assert (
        other.post(api, {"phone": _phone(22)}, content_type="application/json").status_code == 204
    )


def test_a_refused_send_does_not_use_up_the_budget(pledge, settings):
    settings.PINGAN_SMS_CODES_PER_ADDRESS_HOUR = 2
    client = Client(REMOTE_ADDR="203.0.113.52")
    api = f"/api/v1/pledges/public/{pledge.token}/code"
    # Not a mobile number: refused by phone_codes, not counted.
    assert (
        client.post(api, {"phone": "0573-1234"}, content_type="application/json").status_code == 400
    )
    for n in range(2):
        assert (
            client.post(api, {"phone": _phone(n)}, content_type="application/json").status_code
            == 204
        )
    assert (
        client.post(api, {"phone": _phone(3)}, content_type="application/json").status_code == 429
    )
