"""Writes of the hazards app (rule 1 of the house): keyword-only, the acting user named."""

from pingan.hazards.services.flow import (
    hazard_close,
    hazard_dismiss,
    hazard_fail,
    hazard_fix_on_spot,
    hazard_order,
    hazard_pass,
    hazard_request_review,
    hazard_supervise,
)
from pingan.hazards.services.record import hazard_from_case, hazard_record, inspection_record
from pingan.hazards.services.sweep import sweep_deadlines

__all__ = [
    "hazard_close",
    "hazard_dismiss",
    "hazard_fail",
    "hazard_fix_on_spot",
    "hazard_from_case",
    "hazard_order",
    "hazard_pass",
    "hazard_record",
    "hazard_request_review",
    "hazard_supervise",
    "inspection_record",
    "sweep_deadlines",
]
