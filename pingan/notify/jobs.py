"""Periodic jobs of the notify app, run by `manage.py run_scheduler` (see core/scheduler.py)."""

from datetime import timedelta

from pingan.core.scheduler import periodic
from pingan.notify import delivery


@periodic("notify.deliver_due", every=timedelta(minutes=1))
def sweep_outbox() -> dict:
    """Send what the after-commit tasks did not: messages whose task was never written or never
    ran, retries whose backoff has passed, and messages of workers that died mid-send."""
    return delivery.deliver_due().as_dict()


@periodic("notify.queue_bulk", every=timedelta(minutes=1), timeout=timedelta(minutes=30))
def queue_bulk() -> dict:
    """Write the messages of bulk batches still being written: their task was lost, or the
    worker stopped halfway (each batch resumes at the chunk after the last one recorded)."""
    from pingan.notify import bulk

    return {"written": bulk.queue_waiting_batches()}
