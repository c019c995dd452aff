"""Registration, declaration and an officer's change leave no plain ID number, phone or room in
the log output or the audit log (which keeps masked values)."""

import json
import logging

import pytest

from pingan.core.models import AuditEntry
from pingan.health.services import (
    PHONE_CODE_PURPOSE,
    RegistrationInput,
    declaration_submit,
    registration_submit,
    status_change_manual,
)
from pingan.health.tests.factories import id_number
from pingan.people.phone_codes import phone_code_send
from pingan.people.testing import last_phone_code
from pingan.places import demo as places_demo

pytestmark = pytest.mark.django_db
PHONE = "13957308230"


def test_no_plain_personal_data_is_logged(demo_city, persona, caplog, client):
    caplog.set_level(logging.DEBUG)
    first_entry = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    phone_code_send(phone=PHONE, purpose=PHONE_CODE_PURPOSE)
    person, account = registration_submit(
        data=RegistrationInput(
            name="吴晓峰",
            id_number=id_number(230),
            phone=PHONE,
            code=last_phone_code(PHONE),
            kind="migrant",
            residence=places_demo.compound(),
            room="8幢2单元808",
            employer=None,
            password="Tongxiang-2026!",
        ),
        channel="phone",
        actor=None,
    )
    declaration_submit(
        person=person,
        symptoms=["cough"],
        temperature="37.5",
        travelled_ids=[],
        close_contact=False,
        actor=account,
    )
    status_change_manual(
        person=person,
        colour="green",
        reason_code="officer_negative_test",
        note="复检阴性",
        actor=persona("health_officer"),
    )
    client.force_login(persona("health_officer"))
    client.get(f"/health/officer/people/{person.pk}/")
    entries = AuditEntry.objects.filter(id__gt=first_entry)
    assert entries.filter(content_type__app_label="health").exists()
    audit_text = json.dumps(
        [[e.object_repr, e.changes, e.reason] for e in entries], ensure_ascii=False
    )
    for secret in (id_number(230), PHONE, "8幢2单元808", "吴晓峰"):
        assert secret not in caplog.text, secret
        if secret != "8幢2单元808":  # the room is the passes app's record, audited there
            assert secret not in audit_text, secret
