"""Periodic work of the cases app, run by `manage.py run_scheduler`."""

from datetime import timedelta

from pingan.cases.services import sweep_deadlines
from pingan.core.scheduler import periodic


@periodic("cases.sweep_deadlines", every=timedelta(minutes=5))
def sweep_case_deadlines():
    """Yellow and red lights into the timeline, with the system's 催办."""
    return sweep_deadlines()
