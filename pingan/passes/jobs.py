"""Periodic jobs of the passes app (run by `manage.py run_scheduler`)."""

from datetime import timedelta

from pingan.core.scheduler import periodic
from pingan.passes.services import scans_purge


@periodic("passes.purge_scans", every=timedelta(hours=1))
def purge_scans():
    """Scan logs are kept PINGAN_SCAN_RETENTION_DAYS (21 by default), then deleted."""
    return scans_purge()
