"""Bulk SMS: 25,000 messages queued, against a raw bulk insert of the same rows.

    python -m bench bulk_sms [--messages 25000] [--repeat 3]

1. Registers `--messages` residents of one village (people.Person, encrypted name and phone).
2. For each bulk template (a notice with the same text for everyone, and one that greets each
   resident by name), a batch to the village's residents and:
   - Baseline: the same outbox rows (phone, body, blind index, idempotency key, slot time)
     built beforehand with every parameter, ciphertexts included, prepared before the clock;
     then one executemany INSERT per 1,000 rows in one transaction: pure SQL. Also reported:
     the same INSERTs with the values encrypted by the fields inside the timed section.
   - Measured: bulk.queue_batch, as the worker runs it: residents read and decrypted in
     chunks, opt-outs and already-written keys looked up, the body rendered and encrypted, the
     send-window slot computed, rows inserted, the batch's position recorded.
Each is timed over `--repeat` runs (the outbox emptied between runs); the best of each is
compared. Target: measured ≤ 2 × the pure SQL baseline.
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


def _batch(officer, template):
    import datetime

    from django.utils import timezone

    from pingan.notify import bulk
    from pingan.notify.models import SmsBatch
    from pingan.org.models import Region

    return bulk.batch_create(
        actor=officer,
        name="bench",
        template=template,
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
    from pingan.notify import sending_window, templates
    from pingan.people.models import Person

    rows = []
    people = Person.objects.filter(region__code__startswith=VILLAGE).order_by("pk")
    for n, (phone, name) in enumerate(people.values_list("phone", "name")):
        index = crypto.blind_index(phone, kind="phone")
        rows.append(
            {
                "phone": phone,
                "phone_index": index,
                "body": templates.render_body(
                    batch.template_code, batch.body, {"name": name, "content": batch.content}
                ),
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


def _empty_outbox(batch) -> None:
    from pingan.notify.models import OutboxMessage, SmsBatch

    OutboxMessage.objects.filter(batch=batch).delete()
    SmsBatch.objects.filter(pk=batch.pk).update(
        status=SmsBatch.NEW, cursor=0, queued=0, opted_out=0, skipped=0, total=0
    )


TEMPLATES = {
    "bulk.notice": "a notice, the same text for everyone",
    "bulk.greeting": "a notice greeting each resident by name",
}


def run(*, messages: int, repeat: int, out=print) -> dict:
    from pingan.org import demo
    from pingan.org.models import User

    demo.seed()
    officer = User.objects.get(username="admin")
    started = time.perf_counter()
    build_residents(messages)
    out(f"built {messages} residents in {time.perf_counter() - started:.1f} s")
    return {
        template: run_template(officer, template, messages=messages, repeat=repeat, out=out)
        for template in TEMPLATES
    }


def run_template(officer, template: str, *, messages: int, repeat: int, out) -> dict:
    from pingan.notify.models import OutboxMessage

    batch = _batch(officer, template)
    rows = baseline_rows(batch)
    base, pure, queued = [], [], []
    for _ in range(repeat):
        _empty_outbox(batch)
        base.append(time_baseline(batch, rows, prepared=False))
        _empty_outbox(batch)
        pure.append(time_baseline(batch, rows, prepared=True))
        _empty_outbox(batch)
        queued.append(time_queueing(batch.pk))
        assert OutboxMessage.objects.filter(batch=batch).count() == messages
    ratio = min(queued) / min(pure)
    out(f"--- {template}: {TEMPLATES[template]} (best of {repeat})")
    out(f"raw bulk insert of {messages} rows, parameters prepared: {min(pure):.2f} s")
    out(f"raw bulk insert, values encrypted while timed:     {min(base):.2f} s")
    out(f"bulk.queue_batch of {messages} messages:            {min(queued):.2f} s")
    out(f"ratio (queueing / raw insert of prepared rows): {ratio:.2f}  (target ≤ {TARGET})")
    out(f"ratio (queueing / raw insert encrypting):       {min(queued) / min(base):.2f}")
    return {
        "baseline": min(base),
        "pure": min(pure),
        "queued": min(queued),
        "ratio": ratio,
        "encrypting_ratio": min(queued) / min(base),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench bulk_sms")
    parser.add_argument("--messages", type=int, default=25_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with throwaway_database():
        figures = run(messages=args.messages, repeat=args.repeat)
    return 0 if all(f["ratio"] <= TARGET for f in figures.values()) else 1
