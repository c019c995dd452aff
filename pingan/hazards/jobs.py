"""Periodic work of the hazards app, run by `manage.py run_scheduler`."""

from datetime import timedelta

from pingan.core.scheduler import periodic
from pingan.hazards.services import sweep_deadlines


@periodic("hazards.sweep_deadlines", every=timedelta(minutes=10))
def sweep_hazard_deadlines():
    """Warnings before rectification deadlines, escalation to the town leaders after them."""
    return sweep_deadlines()
