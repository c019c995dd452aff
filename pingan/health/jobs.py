"""Periodic jobs of the health app (run by `manage.py run_scheduler`)."""

from datetime import timedelta

from pingan.core.scheduler import periodic
from pingan.health.services import lapse_sweep


@periodic("health.lapse", every=timedelta(minutes=5))
def lapse():
    """Yellow codes lapse to green after 7 days, red after 14, unless renewed with a reason."""
    return lapse_sweep()
