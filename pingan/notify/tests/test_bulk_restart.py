"""A restarted queueing job resumes and never writes a message twice."""

from pingan.notify import bulk
from pingan.notify.models import OutboxMessage, SmsBatch
from pingan.notify.tests.bulk_helpers import officers, region_batch, residents

PHONES = [f"139573071{n:02d}" for n in range(40, 65)]


def test_a_job_stopped_halfway_resumes_without_duplicates(demo_city):
    officer, _ = officers()
    residents("330483001010", PHONES)
    batch = region_batch(officer)
    # The worker writes two chunks of 10, then "dies".
    assert bulk.queue_batch(batch.pk, chunk=10, max_chunks=2) == 20
    batch.refresh_from_db()
    assert (batch.status, batch.queued) == (SmsBatch.NEW, 20)
    # The sweep picks it up again and finishes.
    assert bulk.queue_waiting_batches() == 5
    batch.refresh_from_db()
    assert (batch.status, batch.total) == (SmsBatch.QUEUED, 25)
    assert OutboxMessage.objects.filter(batch=batch).count() == 25
    # Running again (a late task) writes nothing.
    assert bulk.queue_batch(batch.pk) == 0


def test_a_chunk_written_but_not_recorded_is_not_written_again(demo_city):
    """The worst case: messages committed but the position lost (set back by hand here)."""
    officer, _ = officers()
    residents("330483001010", PHONES)
    batch = region_batch(officer)
    bulk.queue_batch(batch.pk, chunk=10, max_chunks=1)
    SmsBatch.objects.filter(pk=batch.pk).update(cursor=0, queued=0)
    bulk.queue_batch(batch.pk, chunk=10)
    keys = list(OutboxMessage.objects.filter(batch=batch).values_list("idempotency_key", flat=True))
    assert len(keys) == len(set(keys)) == 25


def test_cancelling_stops_queueing_and_pending_messages(demo_city):
    officer, _ = officers()
    residents("330483001010", PHONES)
    batch = region_batch(officer)
    bulk.queue_batch(batch.pk, chunk=10, max_chunks=1)
    batch = bulk.batch_cancel(actor=officer, batch=batch, reason="内容有误")
    assert batch.status == SmsBatch.CANCELLED and batch.cancelled == 10
    assert bulk.queue_batch(batch.pk) == 0
    assert not OutboxMessage.objects.filter(batch=batch, status=OutboxMessage.PENDING).exists()
    assert list(batch.events.values_list("action", flat=True)) == ["create", "cancel"]


def test_residents_sharing_a_number_in_different_chunks_get_one_message(demo_city):
    """Within one run the numbers already handled are remembered, not looked up again; a
    number met again two chunks later is still written once."""
    officer, _ = officers()
    residents("330483001010", [*PHONES[:12], PHONES[0], PHONES[5]])
    batch = region_batch(officer)
    assert bulk.queue_batch(batch.pk, chunk=5) == 12
    batch.refresh_from_db()
    assert batch.status == SmsBatch.QUEUED and batch.total == 12
    keys = list(OutboxMessage.objects.filter(batch=batch).values_list("idempotency_key", flat=True))
    assert len(keys) == len(set(keys)) == 12


def test_a_resumed_run_still_finds_what_an_earlier_run_wrote(demo_city):
    officer, _ = officers()
    residents("330483001010", [*PHONES[:12], PHONES[0], PHONES[5]])
    batch = region_batch(officer)
    assert bulk.queue_batch(batch.pk, chunk=5, max_chunks=1) == 5
    assert bulk.queue_batch(batch.pk, chunk=5) == 7
    assert OutboxMessage.objects.filter(batch=batch).count() == 12
