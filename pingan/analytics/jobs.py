"""Periodic jobs of the analytics app (run by `manage.py run_scheduler`)."""

from datetime import timedelta

from pingan.analytics.rollup import count_scan_days, rollup_recent
from pingan.core.scheduler import periodic


@periodic("analytics.rollup", every=timedelta(minutes=10), timeout=timedelta(minutes=30))
def rollup():
    """Recount the last 13 months into the dashboards' monthly figures."""
    return {result.source: result.facts for result in rollup_recent()}


@periodic("analytics.scan_days", every=timedelta(minutes=30))
def scan_days():
    """Count yesterday's (and any missed day's) code scans before the scan-log purge."""
    return {"days": count_scan_days()}
