"""Periodic jobs of the Safety Day app (run by `manage.py run_scheduler`)."""

from datetime import timedelta

from pingan.core.scheduler import periodic
from pingan.safety.services import campaign_sweep


@periodic("safety.open_campaign", every=timedelta(hours=1))
def open_campaign():
    """On the month's Safety Day, open the campaign and tell every town (idempotent)."""
    return campaign_sweep()
