"""A worker that dies mid-send loses nothing and, after the claim timeout, sends nothing twice."""

from datetime import UTC, datetime, timedelta

import pytest

from pingan.notify import delivery
from pingan.notify.delivery import DIED_REASON, deliver_due
from pingan.notify.gateways import FileGateway
from pingan.notify.models import OutboxMessage
from pingan.notify.services import sms_enqueue
from pingan.notify.tests.conftest import PHONE

pytestmark = pytest.mark.django_db

START = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)
CONTEXT = {"name": "张三", "number": "GD2026113000001"}


class WorkerKilled(BaseException):
    """Stands for SIGKILL: not an Exception, so nothing in the worker handles it."""


def _kill_worker(*args, **kwargs):
    raise WorkerKilled


def test_death_after_the_gateway_accepted_sends_exactly_one_line(
    sms_file, monkeypatch, time_machine
):
    time_machine.move_to(START, tick=False)
    message = sms_enqueue(phone=PHONE, template="test.notice", context=CONTEXT)
    monkeypatch.setattr(delivery, "_mark_sent", _kill_worker)

    with pytest.raises(WorkerKilled):
        deliver_due()

    message.refresh_from_db()
    assert message.status == OutboxMessage.SENDING
    assert sms_file.keys() == [message.idempotency_key]
    monkeypatch.undo()

    # Within the claim timeout the message may still be in a live worker's hands: left alone.
    time_machine.shift(timedelta(seconds=299))
    assert deliver_due().claimed == 0

    time_machine.shift(timedelta(seconds=2))
    report = deliver_due()

    assert (report.claimed, report.sent) == (1, 1)
    message.refresh_from_db()
    assert message.status == OutboxMessage.SENT
    assert message.attempts == 2
    assert sms_file.keys() == [message.idempotency_key]


def test_death_before_the_gateway_call_loses_nothing(sms_file, monkeypatch, time_machine):
    time_machine.move_to(START, tick=False)
    message = sms_enqueue(phone=PHONE, template="test.notice", context=CONTEXT)
    monkeypatch.setattr(FileGateway, "send", _kill_worker)

    with pytest.raises(WorkerKilled):
        deliver_due()
    monkeypatch.undo()
    assert sms_file.lines() == []

    time_machine.shift(timedelta(seconds=301))
    assert deliver_due().sent == 1
    message.refresh_from_db()
    assert message.status == OutboxMessage.SENT
    assert sms_file.keys() == [message.idempotency_key]


def test_the_repeat_after_a_crash_carries_the_same_idempotency_key(
    operator, monkeypatch, time_machine
):
    time_machine.move_to(START, tick=False)
    message = sms_enqueue(phone=PHONE, template="test.notice", context=CONTEXT)
    monkeypatch.setattr(delivery, "_mark_sent", _kill_worker)
    with pytest.raises(WorkerKilled):
        deliver_due()
    monkeypatch.undo()

    time_machine.shift(timedelta(seconds=301))
    deliver_due()

    keys = [request["headers"]["Idempotency-Key"] for request in operator.requests]
    assert keys == [message.idempotency_key, message.idempotency_key]
    message.refresh_from_db()
    assert message.status == OutboxMessage.SENT


def test_a_message_that_keeps_killing_workers_ends_failed(sms_file, monkeypatch, time_machine):
    time_machine.move_to(START, tick=False)
    message = sms_enqueue(phone=PHONE, template="test.notice", context=CONTEXT)
    monkeypatch.setattr(FileGateway, "send", _kill_worker)
    for _attempt in range(3):  # PINGAN_SMS_MAX_ATTEMPTS in these tests
        with pytest.raises(WorkerKilled):
            deliver_due()
        time_machine.shift(timedelta(seconds=301))

    report = deliver_due()

    assert report.failed == 1
    message.refresh_from_db()
    assert message.status == OutboxMessage.FAILED
    assert message.last_error == DIED_REASON
    assert sms_file.lines() == []
