"""Periodic jobs of the core app (run by `manage.py run_scheduler`)."""

from datetime import timedelta

from pingan.core import retention
from pingan.core.scheduler import periodic


# Hourly: the shortest period (scan logs, 21 days) is then kept to within the hour, and each run
# finds at most an hour's worth of rows per policy, in batches of 1,000.
@periodic("core.retention", every=timedelta(hours=1), timeout=timedelta(minutes=30))
def apply_retention():
    """Delete or anonymise personal data past its retention period (core.retention)."""
    done = retention.run_all()
    return ", ".join(f"{name}: {rows}" for name, rows in done.items())
