"""The bulk_sms benchmark's pieces on tiny data, so that its code cannot rot. (The benchmark
itself is `python -m bench bulk_sms`; timings are never asserted here.)"""

from bench import bulk_sms
from pingan.notify.models import OutboxMessage, SmsBatch


def test_the_whole_run_on_30_messages(db):
    lines = []
    figures = bulk_sms.run(messages=30, repeat=1, out=lines.append)
    batch = SmsBatch.objects.get(name="bench")
    assert batch.status == SmsBatch.QUEUED and batch.total == 30
    assert OutboxMessage.objects.filter(batch=batch).count() == 30
    assert figures["ratio"] > 0 and figures["pure_ratio"] > 0
    text = "\n".join(lines)
    assert "ratio (queueing / raw insert)" in text and "built 30 residents" in text
