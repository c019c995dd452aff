"""Writes of the mediation app (rule 1 of the house): every change to a dispute goes through one
of these keyword-only functions, which name the acting user."""

from pingan.mediation.services.agreement import (
    agreement_finalise,
    agreement_save,
    confirmation_apply,
    confirmation_decide,
    term_record_performance,
)
from pingan.mediation.services.flow import (
    dispute_accept,
    dispute_close,
    dispute_escalate,
    dispute_extend,
    dispute_follow_up,
    dispute_refuse,
    dispute_return_to_court,
    dispute_start,
    dispute_terminate,
    dispute_withdraw,
)
from pingan.mediation.services.intake import (
    dispute_assign_mediator,
    dispute_create,
    dispute_from_case,
    dispute_link_case,
    dispute_refer,
    dispute_release_mediator,
    dispute_update_details,
)
from pingan.mediation.services.parties import dispute_add_party, dispute_remove_party
from pingan.mediation.services.sessions import session_record, session_schedule

__all__ = [
    "agreement_finalise",
    "agreement_save",
    "confirmation_apply",
    "confirmation_decide",
    "dispute_accept",
    "dispute_add_party",
    "dispute_assign_mediator",
    "dispute_close",
    "dispute_create",
    "dispute_escalate",
    "dispute_extend",
    "dispute_follow_up",
    "dispute_from_case",
    "dispute_link_case",
    "dispute_refer",
    "dispute_refuse",
    "dispute_release_mediator",
    "dispute_remove_party",
    "dispute_return_to_court",
    "dispute_start",
    "dispute_terminate",
    "dispute_update_details",
    "dispute_withdraw",
    "session_record",
    "session_schedule",
    "term_record_performance",
]
