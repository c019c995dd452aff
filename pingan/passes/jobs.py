"""Periodic jobs of the passes app (run by `manage.py run_scheduler`).

The scan-log purge is a retention policy (passes/retention.py) and runs with all the others in
the core job `core.retention`; purge_scans() stays for callers that want only this one now."""

from pingan.core import retention


def purge_scans() -> int:
    """Scan logs are kept PINGAN_SCAN_RETENTION_DAYS (21 by default), then deleted."""
    return retention.run_policy(retention.get("passes.scan_logs"))
