"""No ID number, phone or full address in any code, scan log, log line or answer to a guard."""

import json
import logging
import zlib

import cbor2
import pytest

from pingan.passes import cose, services
from pingan.passes.models import ScanLog
from pingan.passes.selectors import current_codes
from pingan.passes.tests.factories import holder
from pingan.places import demo as places_demo

pytestmark = pytest.mark.django_db


def _secrets(person):
    return [
        person.id_number,
        person.phone,
        person.phone[-8:],
        person.address,
        person.name,  # only the masked name may appear
        "3-1-502",  # the room
        "庆丰南路",  # the street of the address
    ]


def test_nothing_personal_anywhere(gates, client, user, caplog):
    caplog.set_level(logging.DEBUG)
    person = holder(residence=places_demo.compound(), employer=places_demo.factory())
    codes = current_codes(person)
    decoded = []
    for code in codes:
        raw = cbor2.loads(zlib.decompress(cose.b45decode(code["payload"][4:])))
        decoded.append(repr(cbor2.loads(raw.value[2])))
    client.force_login(user("guard_factory"))
    response = client.post(
        "/api/v1/passes/verify",
        json.dumps({"payload": codes[0]["payload"], "checkpoint": gates["factory"].pk}),
        content_type="application/json",
    )
    # Decoded and re-encoded: the API escapes Chinese, which would hide a leaked name.
    answer = json.dumps(response.json(), ensure_ascii=False)
    page = client.post(
        "/passes/scan/check/",
        {"payload": codes[0]["payload"], "checkpoint": gates["factory"].pk},
    ).content.decode()
    logs = [" ".join(str(v) for v in row.__dict__.values()) for row in ScanLog.objects.all()]
    haystacks = {
        "codes": " ".join(c["payload"] for c in codes) + " ".join(decoded),
        "answer": answer,
        "page": page,
        "scan logs": " ".join(logs),
        "log lines": caplog.text,
    }
    assert json.loads(answer)["result"] == "pass"
    for where, text in haystacks.items():
        for secret in _secrets(person):
            assert secret not in text, f"{secret!r} found in {where}"
    assert "李*华" in answer and "李*华" in page


def test_scan_log_has_only_the_allowed_columns():
    names = {f.name for f in ScanLog._meta.concrete_fields}
    assert names == {
        "id",
        "checkpoint",
        "at",
        "rid_hash",
        "code_type",
        "colour",
        "result",
        "reason",
        "guard",
    }


def test_scan_answer_keys(gates, user):
    person = holder(employer=places_demo.factory())
    answer = services.scan_record(
        checkpoint=gates["factory"],
        payload=current_codes(person)[0]["payload"],
        guard=user("guard_factory"),
    )
    assert set(answer) == {
        "result",
        "reason",
        "detail",
        "message",
        "type",
        "status",
        "masked_name",
        "place",
        "expires_at",
        "checkpoint",
    }
