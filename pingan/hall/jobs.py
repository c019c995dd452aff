"""Periodic jobs of the hall (run by `manage.py run_scheduler`)."""

from datetime import timedelta

from pingan.core.scheduler import periodic
from pingan.hall.services import matters_answer_sweep


@periodic("hall.answers_ready", every=timedelta(minutes=1))
def answers_ready():
    """Tell visitors by SMS that the answer to their matter waits at the window."""
    return matters_answer_sweep()
