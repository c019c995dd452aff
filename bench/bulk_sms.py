"""Bulk SMS: 25,000 messages queued, against a raw bulk insert of the same rows.

    python -m bench bulk_sms [--messages 25000] [--repeat 3]

1. Registers `--messages` residents of one village (people.Person, encrypted name and phone).
2. Baseline: the same outbox rows (phone, body, blind index, idempotency key, slot time)
   built beforehand, then one executemany INSERT per 1,000 rows in one transaction, the
   values encrypted by the fields as any write of these rows must be. Also reported: the
   same INSERTs with every parameter (ciphertexts included) prepared before the clock.
3. Measured: bulk.queue_batch on a batch to the village's residents, as the worker runs it:
   residents read and decrypted in chunks, opt-outs and already-written keys looked up, the
   body rendered, the send-window slot computed, rows inserted, the batch's position recorded.
Both are timed over `--repeat` runs (the outbox emptied between runs); the best of each is
compared. Target: measured ≤ 2 × baseline.
"""

import argparse
import time

from bench.db import throwaway_database

TARGET = 2.0
VILLAGE = "330483001010"


def build_residents(count: int) -> None:
    from django.db import transaction

    from pingan.core import crypto
    from pingan.org.models import Region
    from pingan.people.models import Person

    region = Region.objects.get(code=VILLAGE)
    people = []
    for n in range(count):
        phone = f"139{n:08d}"
        # phone_index set here: Person's own save would normalise through phonenumbers.
        people.append(
            Person(
                name=f"居民{n}",
                phone=phone,
                phone_index=crypto.blind_index(phone, kind="phone"),
                region=region,
            )
        )
    with transaction.atomic():
        Person.objects.bulk_create(people, batch_size=1000)


def _batch(officer):
    import datetime

    from django.utils import timezone

    from pingan.notify import bulk
    from pingan.notify.models import SmsBatch
    from pingan.org.models import Region

    return bulk.batch_create(
        actor=officer,
        name="bench",
        template="bulk.greeting",
        content="本月26日是平安桐乡日，欢迎参加消防安全宣讲。",
        source=SmsBatch.Source.REGION,
        region=Region.objects.get(code=VILLAGE),
        send_after=timezone.now() + datetime.timedelta(days=1),
        rate_per_minute=500,
    )


def baseline_rows(batch) -> list[dict]:
    """The rows queue_batch writes for `batch` (phone, index, body, key, slot), built ahead of
    the timing, so the baseline times only writing them."""
    from pingan.core import crypto
    from pingan.notify import sending_window
    from pingan.people.models import Person

    rows = []
    people = Person.objects.filter(region__code__startswith=VILLAGE).order_by("pk")
    for n, (phone, name) in enumerate(people.values_list("phone", "name")):
        index = crypto.blind_index(phone, kind="phone")
        rows.append(
            {
                "phone": phone,
                "phone_index": index,
                "body": f"【平安桐乡】{name}您好：{batch.content}",
                "key": f"base-{batch.pk}-{index}",
                "when": sending_window.slot_time(
                    n,
                    send_after=batch.send_after,
                    start=batch.window_start,
                    end=batch.window_end,
                    rate=batch.rate_per_minute,
                ),
            }
        )
    return rows


def time_baseline(batch, rows, *, prepared: bool) -> float:
    """executemany INSERTs of the rows, 1,000 a statement, in one transaction. With
    `prepared` the parameters (ciphertexts included) are built before the clock starts (pure
    SQL); without, the timing includes the fields' preparation of the values, which encrypts
    phone and body, as every write of these rows must."""
    from django.db import connection, transaction

    from pingan.notify.bulk import OutboxRows

    writer = OutboxRows(batch)
    time_field = writer.time_field

    def params(chunk):
        return [
            _row(writer, row, time_field.get_db_prep_save(row["when"], connection)) for row in chunk
        ]

    chunks = [rows[start : start + 1000] for start in range(0, len(rows), 1000)]
    ready = [params(chunk) for chunk in chunks] if prepared else None
    started = time.perf_counter()
    with transaction.atomic():
        for number, chunk in enumerate(chunks):
            writer.insert(ready[number] if prepared else params(chunk))
    return time.perf_counter() - started


def _row(writer, row, when) -> list:
    values = writer.row(
        phone=row["phone"], phone_index=row["phone_index"], body=row["body"], key=row["key"], n=0
    )
    values[writer.at["next_attempt_at"]] = when
    return values


def time_queueing(batch_id: int) -> float:
    from pingan.notify import bulk

    started = time.perf_counter()
    bulk.queue_batch(batch_id)
    return time.perf_counter() - started


def _empty_outbox() -> None:
    from pingan.notify.models import OutboxMessage, SmsBatch

    OutboxMessage.objects.all().delete()
    SmsBatch.objects.all().update(
        status=SmsBatch.NEW, cursor=0, queued=0, opted_out=0, skipped=0, total=0
    )


def run(*, messages: int, repeat: int, out=print) -> dict:
    from pingan.notify.models import OutboxMessage
    from pingan.org import demo
    from pingan.org.models import User

    demo.seed()
    officer = User.objects.get(username="admin")
    started = time.perf_counter()
    build_residents(messages)
    out(f"built {messages} residents in {time.perf_counter() - started:.1f} s")
    batch = _batch(officer)
    rows = baseline_rows(batch)
    base, pure, queued = [], [], []
    for _ in range(repeat):
        _empty_outbox()
        base.append(time_baseline(batch, rows, prepared=False))
        _empty_outbox()
        pure.append(time_baseline(batch, rows, prepared=True))
        _empty_outbox()
        queued.append(time_queueing(batch.pk))
        assert OutboxMessage.objects.filter(batch=batch).count() == messages
    ratio = min(queued) / min(base)
    out(
        f"raw bulk insert of {messages} rows (values encrypted): best {min(base):.2f} s of {repeat}"
    )
    out(f"raw bulk insert, parameters prepared beforehand:      best {min(pure):.2f} s")
    out(f"bulk.queue_batch of {messages} messages:              best {min(queued):.2f} s")
    out(f"ratio (queueing / raw insert): {ratio:.2f}  (target ≤ {TARGET})")
    out(f"ratio (queueing / pure SQL insert): {min(queued) / min(pure):.2f}")
    return {
        "baseline": min(base),
        "pure": min(pure),
        "queued": min(queued),
        "ratio": ratio,
        "pure_ratio": min(queued) / min(pure),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench bulk_sms")
    parser.add_argument("--messages", type=int, default=25_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with throwaway_database():
        figures = run(messages=args.messages, repeat=args.repeat)
    return 0 if figures["ratio"] <= TARGET else 1
