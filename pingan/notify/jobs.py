"""Periodic jobs of the notify app, run by `manage.py run_scheduler` (see core/scheduler.py)."""

from datetime import timedelta

from pingan.core.scheduler import periodic
from pingan.notify import delivery


@periodic("notify.deliver_due", every=timedelta(minutes=1))
def sweep_outbox() -> dict:
    """Send what the after-commit tasks did not: messages whose task was never written or never
    ran, retries whose backoff has passed, and messages of workers that died mid-send."""
    return delivery.deliver_due().as_dict()
