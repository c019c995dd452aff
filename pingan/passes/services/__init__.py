"""Writes of the passes app (rule 1 of the house). `on_health_status_change`, `residence_set`
and `employment_set` are the contract with the health app."""

from pingan.passes.services.checkpoints import (
    invitation_create,
    scan_at,
    scan_record,
    scans_purge,
    verify_only,
)
from pingan.passes.services.registry import employment_set, residence_set
from pingan.passes.services.revocation import revocation_append
from pingan.passes.services.travel import on_health_status_change, travel_request, travel_revoke

__all__ = [
    "employment_set",
    "invitation_create",
    "on_health_status_change",
    "residence_set",
    "revocation_append",
    "scan_at",
    "scan_record",
    "scans_purge",
    "travel_request",
    "travel_revoke",
    "verify_only",
]
