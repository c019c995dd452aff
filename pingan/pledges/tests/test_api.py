"""The pledges API: public signing with the SMS code (a second signature is a 409), staff
reads with coverage, scoped."""

from pingan.people.testing import last_phone_code

PHONE = "13957307401"


def _json(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_public_signing_through_the_api(pledge, client):
    base = f"/api/v1/pledges/public/{pledge.token}"
    assert client.get(base).json()["open"] is True
    body = {"name": "蒋国强", "phone": PHONE, "code": "000000", "household": "城北村6组4号"}
    refused = _json(client, f"{base}/signatures", body)
    assert refused.status_code == 400 and refused.json()["code"] == "code_invalid"
    assert _json(client, f"{base}/code", {"phone": PHONE}).status_code == 204
    signed = _json(client, f"{base}/signatures", {**body, "code": last_phone_code(PHONE)})
    assert signed.status_code == 201 and signed.json()["signer"] == "蒋*强"
    bad = _json(client, f"{base}/signatures", {"name": "x"})
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_request"


def test_a_second_signature_is_a_conflict(pledge, client, time_machine):
    import datetime

    from django.utils import timezone

    base = f"/api/v1/pledges/public/{pledge.token}"
    body = {"name": "韩丽萍", "phone": PHONE, "household": "城北村4组9号"}
    _json(client, f"{base}/code", {"phone": PHONE})
    _json(client, f"{base}/signatures", {**body, "code": last_phone_code(PHONE)})
    time_machine.move_to(timezone.now() + datetime.timedelta(minutes=2))
    _json(client, f"{base}/code", {"phone": PHONE})
    again = _json(client, f"{base}/signatures", {**body, "code": last_phone_code(PHONE)})
    assert again.status_code == 409 and again.json()["code"] == "already_signed"


def test_staff_reads_are_scoped(pledge, login_client):
    client = login_client("wutong_pingan")
    detail = client.get(f"/api/v1/pledges/{pledge.pk}").json()
    assert detail["coverage"]["region"] == "330483001010"
    assert detail["coverage"]["signed_households"] == 0
    assert [p["id"] for p in client.get("/api/v1/pledges").json()] == [pledge.pk]
    other = login_client("gaoqiao_pingan")
    assert other.get(f"/api/v1/pledges/{pledge.pk}").status_code == 404
    assert other.get("/api/v1/pledges").json() == []


def test_a_bulk_sms_to_the_signers(pledge, persona):
    """A pledge's signers as the recipients of a bulk SMS (a thank-you, a reminder)."""
    from pingan.notify import bulk
    from pingan.notify.models import OutboxMessage
    from pingan.pledges.tests.factories import sign

    sign(pledge, name="陆志明", phone="13957307411", household="3组12号")
    sign(pledge, name="陆小燕", phone="13957307412", household="3组12号")
    officer = persona("wutong_pingan")
    choices = bulk.source_choices(officer, "pledge")
    assert [ref for ref, _label, _region in choices] == [str(pledge.pk)]
    assert bulk.source_choices(persona("gaoqiao_pingan"), "pledge") == []
    batch = bulk.batch_create(
        actor=officer,
        name="感谢签署",
        template="bulk.greeting",
        content="感谢您签署村规民约。",
        source="pledge",
        source_ref=str(pledge.pk),
    )
    assert batch.expected == 2 and batch.region == pledge.region
    assert bulk.queue_batch(batch.pk) == 2
    bodies = sorted(OutboxMessage.objects.filter(batch=batch).values_list("body", flat=True))
    assert bodies[0].startswith("【平安桐乡】陆") and bodies[0].endswith("感谢您签署村规民约。")
