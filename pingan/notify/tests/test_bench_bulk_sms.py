"""The bulk_sms benchmark's pieces on tiny data, so that its code cannot rot. (The benchmark
itself is `python -m bench bulk_sms`; timings are never asserted here.)"""

from bench import bulk_sms
from pingan.notify.models import OutboxMessage, SmsBatch


def test_the_whole_run_on_30_messages(db):
    lines = []
    figures = bulk_sms.run(messages=30, repeat=1, out=lines.append)
    assert set(figures) == {"bulk.notice", "bulk.greeting"}
    for template, result in figures.items():
        batch = SmsBatch.objects.get(name="bench", template_code=template)
        assert batch.status == SmsBatch.QUEUED and batch.total == 30
        assert OutboxMessage.objects.filter(batch=batch).count() == 30
        assert result["ratio"] > 0 and result["encrypting_ratio"] > 0
    text = "\n".join(lines)
    assert "ratio (queueing / raw insert of prepared rows)" in text
    assert "built 30 residents" in text


def test_the_baseline_writes_the_rows_queueing_writes(db):
    """The baseline is honest only if it inserts what the worker inserts."""
    from pingan.notify import bulk
    from pingan.org import demo
    from pingan.org.models import User

    demo.seed()
    bulk_sms.build_residents(5)
    batch = bulk_sms._batch(User.objects.get(username="admin"), "bulk.greeting")
    expected = sorted((row["phone"], row["body"]) for row in bulk_sms.baseline_rows(batch))
    bulk.queue_batch(batch.pk)
    written = sorted(OutboxMessage.objects.filter(batch=batch).values_list("phone", "body"))
    assert written == expected
    assert written[0][1].startswith("【平安桐乡】居民")
