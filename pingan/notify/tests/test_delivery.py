"""A committed message is delivered once: by its after-commit task, or else by the sweep."""

import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from pingan.notify.delivery import deliver_due
from pingan.notify.models import OutboxMessage
from pingan.notify.services import sms_enqueue
from pingan.notify.tasks import deliver_message
from pingan.notify.tests.conftest import PHONE
from pingan.notify.tests.factories import OutboxMessageFactory

CONTEXT = {"name": "张三", "number": "GD2026112900001"}


@pytest.mark.django_db(transaction=True)
def test_committed_message_is_sent_once_by_the_worker_and_not_again_by_the_sweep(sms_file):
    with transaction.atomic():
        message = sms_enqueue(phone=PHONE, template="test.notice", context=CONTEXT)

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    message.refresh_from_db()
    assert message.status == OutboxMessage.SENT
    assert message.attempts == 1
    assert message.sent_at is not None
    assert message.gateway_message_id == f"file:{message.idempotency_key}"
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    [line] = sms_file.lines()
    assert line["to"] == PHONE
    assert line["body"] == "您好张三，您的编号是GD2026112900001。"
    assert line["idempotency_key"] == message.idempotency_key

    assert deliver_due().claimed == 0
    assert deliver_message.call(message.pk)["claimed"] == 0
    assert len(sms_file.lines()) == 1


@pytest.mark.django_db
def test_sweep_sends_a_message_whose_task_never_ran(sms_file):
    # In this test's transaction the on-commit task is never written: as if the process died
    # right after the business change committed.
    message = sms_enqueue(phone=PHONE, template="test.notice", context=CONTEXT)
    assert not DBTaskResult.objects.exists()

    report = deliver_due()

    assert (report.claimed, report.sent) == (1, 1)
    message.refresh_from_db()
    assert message.status == OutboxMessage.SENT
    assert sms_file.keys() == [message.idempotency_key]
    assert deliver_due().claimed == 0
    assert len(sms_file.lines()) == 1


@pytest.mark.django_db
def test_message_is_not_sent_before_its_time(sms_file):
    later = OutboxMessageFactory(next_attempt_at=timezone.now() + timedelta(minutes=5))
    assert deliver_due().claimed == 0
    later.refresh_from_db()
    assert later.status == OutboxMessage.PENDING
    assert sms_file.lines() == []


@pytest.mark.django_db
def test_sweep_takes_at_most_its_limit_oldest_first(sms_file):
    now = timezone.now()
    messages = [OutboxMessageFactory(next_attempt_at=now - timedelta(minutes=n)) for n in range(5)]
    report = deliver_due(limit=2)
    assert report.sent == 2
    assert sms_file.keys() == [messages[4].idempotency_key, messages[3].idempotency_key]
    assert deliver_due(limit=10).sent == 3
    assert sorted(sms_file.keys()) == sorted(m.idempotency_key for m in messages)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_sweeps_split_the_work_and_send_each_message_once(sms_file):
    messages = [OutboxMessageFactory() for _ in range(40)]
    start = threading.Barrier(3)
    reports = []

    def sweep():
        try:
            start.wait()
            reports.append(deliver_due(limit=500))
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(report.sent for report in reports) == 40
    assert sorted(sms_file.keys()) == sorted(m.idempotency_key for m in messages)
    assert OutboxMessage.objects.filter(status=OutboxMessage.SENT).count() == 40
