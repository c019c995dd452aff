"""A refused message is retried with backoff, then marked failed; a person may retry it."""

from datetime import UTC, datetime, timedelta

import pytest

from pingan.core.errors import DomainError
from pingan.core.models import AuditEntry
from pingan.notify.delivery import backoff, deliver_due
from pingan.notify.gateways import FileGateway, GatewayError
from pingan.notify.models import OutboxMessage
from pingan.notify.services import outbox_retry, sms_enqueue
from pingan.notify.tests.conftest import PHONE
from pingan.notify.tests.factories import OutboxMessageFactory, SmsBatchFactory
from pingan.org.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

START = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)
CONTEXT = {"name": "张三", "number": "GD2026113000001"}


def test_refusals_back_off_exponentially_then_fail(operator, time_machine):
    time_machine.move_to(START, tick=False)
    operator.status = 503
    message = sms_enqueue(phone=PHONE, template="test.notice", context=CONTEXT)

    assert deliver_due().retrying == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxMessage.PENDING, 1)
    assert message.next_attempt_at == START + timedelta(seconds=60)
    assert "HTTP 503" in message.last_error

    time_machine.shift(timedelta(seconds=59))
    assert deliver_due().claimed == 0

    time_machine.shift(timedelta(seconds=1))
    assert deliver_due().retrying == 1
    message.refresh_from_db()
    assert message.attempts == 2
    assert message.next_attempt_at == START + timedelta(seconds=60 + 120)

    time_machine.shift(timedelta(seconds=120))
    assert deliver_due().failed == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxMessage.FAILED, 3)
    assert message.claimed_at is None

    time_machine.shift(timedelta(days=1))
    assert deliver_due().claimed == 0
    assert len(operator.requests) == 3


def test_backoff_doubles_up_to_the_cap(settings):
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [60, 120, 240, 480]
    assert backoff(20) == timedelta(seconds=settings.PINGAN_SMS_RETRY_MAX_SECONDS)


def test_an_unexpected_gateway_exception_is_retried_not_lost(monkeypatch, caplog):
    message = sms_enqueue(phone=PHONE, template="test.notice", context=CONTEXT)

    def broken(self, payload):
        raise ValueError("bug in the gateway adapter")

    monkeypatch.setattr(FileGateway, "send", broken)
    assert deliver_due().retrying == 1
    message.refresh_from_db()
    assert message.status == OutboxMessage.PENDING
    assert "ValueError: bug in the gateway adapter" in message.last_error
    assert "raised unexpectedly" in caplog.text


def test_failed_message_is_retried_by_hand_with_the_same_key(
    operator, settings, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(START, tick=False)
    settings.PINGAN_SMS_MAX_ATTEMPTS = 1
    operator.status = 500
    message = sms_enqueue(phone=PHONE, template="test.notice", context=CONTEXT)
    deliver_due()
    message.refresh_from_db()
    assert message.status == OutboxMessage.FAILED
    admin = UserFactory(is_staff=True, is_superuser=True)

    operator.status = 200
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        outbox_retry(message=message, actor=admin)

    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxMessage.PENDING, 0)
    assert len(callbacks) == 1
    entry = AuditEntry.objects.get(object_id=str(message.pk), reason="retry")
    assert entry.actor == admin
    assert entry.changes == {"status": ["failed", "pending"]}

    assert deliver_due().sent == 1
    message.refresh_from_db()
    assert message.status == OutboxMessage.SENT
    assert message.gateway_message_id == "op-1"
    keys = {request["headers"]["Idempotency-Key"] for request in operator.requests}
    assert keys == {message.idempotency_key}


@pytest.mark.parametrize("status", [OutboxMessage.PENDING, OutboxMessage.SENT])
def test_retry_is_refused_unless_failed(status):
    message = OutboxMessageFactory(status=status)
    with pytest.raises(DomainError) as caught:
        outbox_retry(message=message, actor=UserFactory())
    assert caught.value.code == "invalid_transition"
    assert caught.value.status == 409
    message.refresh_from_db()
    assert message.status == status


def test_batch_counters_follow_the_final_statuses(settings, monkeypatch):
    settings.PINGAN_SMS_MAX_ATTEMPTS = 1
    batch = SmsBatchFactory(total=2)
    good = OutboxMessageFactory(batch=batch)
    bad = OutboxMessageFactory(batch=batch, phone="13700000099")
    real_send = FileGateway.send

    def refuse_one(self, payload):
        if payload.message_id == bad.pk:
            raise GatewayError("refused")
        return real_send(self, payload)

    monkeypatch.setattr(FileGateway, "send", refuse_one)
    deliver_due()
    batch.refresh_from_db()
    assert (batch.sent, batch.failed) == (1, 1)

    bad.refresh_from_db()
    outbox_retry(message=bad, actor=UserFactory())
    batch.refresh_from_db()
    assert (batch.sent, batch.failed) == (1, 0)

    monkeypatch.undo()
    deliver_due()
    batch.refresh_from_db()
    assert (batch.sent, batch.failed) == (2, 0)
    good.refresh_from_db()
    assert good.status == OutboxMessage.SENT
