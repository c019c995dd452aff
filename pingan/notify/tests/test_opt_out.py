"""Opted-out numbers get nothing: cancelled at enqueue, or at the claim if they opt out later."""

import pytest

from pingan.core.errors import DomainError
from pingan.core.models import AuditEntry
from pingan.notify.delivery import OPTED_OUT_REASON, deliver_due
from pingan.notify.models import OptOut, OutboxMessage
from pingan.notify.services import opt_out, sms_enqueue
from pingan.notify.tests.conftest import OTHER_PHONE, PHONE
from pingan.notify.tests.factories import OutboxMessageFactory, SmsBatchFactory

pytestmark = pytest.mark.django_db

CONTEXT = {"name": "张三", "number": "GD2026113000001"}


def test_opted_out_number_is_cancelled_at_once_and_never_sent(
    sms_file, django_capture_on_commit_callbacks
):
    opt_out(phone=PHONE, source=OptOut.Source.CITIZEN)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        message = sms_enqueue(phone=PHONE, template="test.notice", context=CONTEXT)

    assert message.status == OutboxMessage.CANCELLED
    assert message.last_error == OPTED_OUT_REASON
    assert callbacks == []
    assert deliver_due().claimed == 0
    assert sms_file.lines() == []


def test_opt_out_after_queueing_cancels_at_the_claim(sms_file):
    batch = SmsBatchFactory(total=2)
    stopped = OutboxMessageFactory(phone=PHONE, batch=batch)
    kept = OutboxMessageFactory(phone=OTHER_PHONE, batch=batch)
    opt_out(phone="+86 13800138000", source=OptOut.Source.SMS_REPLY)

    report = deliver_due()

    assert (report.cancelled, report.sent) == (1, 1)
    stopped.refresh_from_db()
    assert stopped.status == OutboxMessage.CANCELLED
    assert stopped.last_error == OPTED_OUT_REASON
    assert sms_file.keys() == [kept.idempotency_key]
    batch.refresh_from_db()
    assert (batch.sent, batch.cancelled) == (1, 1)


def test_opt_out_keeps_only_the_index_and_a_masked_number_and_is_idempotent():
    first = opt_out(phone=PHONE, source=OptOut.Source.HOTLINE)
    again = opt_out(phone="138 0013 8000", source=OptOut.Source.ADMIN)

    assert again.pk == first.pk
    assert OptOut.objects.count() == 1
    assert first.phone_masked == "138****8000"
    assert PHONE not in first.phone_index
    entry = AuditEntry.objects.get(action="create", object_id=str(first.pk))
    assert "phone_index" not in entry.changes


def test_opt_out_refuses_bad_input():
    with pytest.raises(DomainError) as caught:
        opt_out(phone="12345", source=OptOut.Source.CITIZEN)
    assert caught.value.code == "invalid_phone"
    with pytest.raises(DomainError) as caught:
        opt_out(phone=PHONE, source="carrier pigeon")
    assert caught.value.code == "invalid_source"
    assert not OptOut.objects.exists()
