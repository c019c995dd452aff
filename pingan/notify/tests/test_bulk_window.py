"""The send window and the rate: each message's next_attempt_at is its slot, so the delivery
sweep sends no faster than the rate and never outside the window; retries wait for it too."""

import datetime

import time_machine
from django.utils import timezone

from pingan.notify import bulk, delivery, sending_window
from pingan.notify.models import OutboxMessage
from pingan.notify.tests.bulk_helpers import officers, region_batch, residents

EIGHT, EIGHT_PM = datetime.time(8), datetime.time(20)


def _local(text):
    return timezone.make_aware(datetime.datetime.fromisoformat(text))


def test_slots_fill_minutes_at_the_rate_and_skip_the_night():
    start = _local("2026-11-26 19:58:30")
    slots = [
        timezone.localtime(
            sending_window.slot_time(n, send_after=start, start=EIGHT, end=EIGHT_PM, rate=3)
        ).strftime("%d %H:%M")
        for n in range(9)
    ]
    # 19:59 (rounded up), then the window closes at 20:00: the rest go from 08:00 next day.
    assert slots == ["26 19:59"] * 3 + ["27 08:00"] * 3 + ["27 08:01"] * 3


def test_before_the_window_the_first_slot_is_its_opening():
    first = sending_window.slot_time(
        0, send_after=_local("2026-11-26 03:00"), start=EIGHT, end=EIGHT_PM, rate=10
    )
    assert timezone.localtime(first).strftime("%d %H:%M") == "26 08:00"


def test_the_sweep_respects_window_and_rate(demo_city):
    officer, _ = officers()
    residents("330483001010", [f"139573071{n:02d}" for n in range(20, 30)])
    batch = region_batch(officer, send_after=_local("2026-11-26 07:00"), rate_per_minute=4)
    bulk.queue_batch(batch.pk)
    times = sorted(
        timezone.localtime(t).strftime("%H:%M")
        for t in OutboxMessage.objects.filter(batch=batch).values_list("next_attempt_at", flat=True)
    )
    assert times == ["08:00"] * 4 + ["08:01"] * 4 + ["08:02"] * 2
    with time_machine.travel(_local("2026-11-26 07:59"), tick=False):
        assert delivery.deliver_due().sent == 0  # before the window: nothing
    with time_machine.travel(_local("2026-11-26 08:00:30"), tick=False):
        assert delivery.deliver_due().sent == 4  # one minute's worth
    with time_machine.travel(_local("2026-11-26 08:01:30"), tick=False):
        assert delivery.deliver_due().sent == 4
    batch.refresh_from_db()
    assert batch.sent == 8


def test_a_retry_waits_for_the_window(demo_city, settings):
    officer, _ = officers()
    residents("330483001010", ["13957307131"])
    batch = region_batch(officer, send_after=_local("2026-11-26 19:59"))
    bulk.queue_batch(batch.pk)
    settings.PINGAN_SMS_GATEWAY = "http"
    settings.PINGAN_SMS_HTTP_URL = "http://127.0.0.1:9/sms"  # nothing listens: it fails
    settings.PINGAN_SMS_HTTP_TIMEOUT_SECONDS = 1
    with time_machine.travel(_local("2026-11-26 19:59:30"), tick=False):
        assert delivery.deliver_due().retrying == 1
    message = OutboxMessage.objects.get(batch=batch)
    assert timezone.localtime(message.next_attempt_at).strftime("%d %H:%M") == "27 08:00"
