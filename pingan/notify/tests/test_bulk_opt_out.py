"""Opted-out numbers are left out of a bulk send (counted), and one that opts out after the
batch was written is cancelled with the reason by the delivery worker."""

import time_machine

from pingan.notify import bulk, delivery, services
from pingan.notify.models import OutboxMessage
from pingan.notify.tests.bulk_helpers import officers, region_batch, residents


def test_opted_out_numbers_are_left_out(demo_city):
    officer, _ = officers()
    residents("330483001010", ["13957307111", "13957307112", "13957307113"])
    services.opt_out(phone="13957307112", source="citizen")
    batch = region_batch(officer)
    bulk.queue_batch(batch.pk)
    batch.refresh_from_db()
    assert (batch.total, batch.opted_out) == (2, 1)
    phones = sorted(m.phone for m in OutboxMessage.objects.filter(batch=batch))
    assert phones == ["13957307111", "13957307113"]


def test_an_opt_out_after_queueing_cancels_with_the_reason(demo_city):
    officer, _ = officers()
    residents("330483001010", ["13957307114", "13957307115"])
    batch = region_batch(officer)
    bulk.queue_batch(batch.pk)
    services.opt_out(phone="13957307115", source="sms_reply")
    with time_machine.travel("2026-11-26 09:05 +0800", tick=False):
        delivery.deliver_due()
    batch.refresh_from_db()
    assert (batch.sent, batch.cancelled) == (1, 1)
    cancelled = OutboxMessage.objects.get(batch=batch, status=OutboxMessage.CANCELLED)
    assert cancelled.phone == "13957307115" and cancelled.last_error.startswith("opted_out")
