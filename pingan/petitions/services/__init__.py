"""Writes of the petitions app (rule 1 of the house): every change to a petition goes through
one of these keyword-only functions, which name the acting user.

Other parts call `petition_register(case=..., petitioners=..., actor=...)` to attach a petition
to a work order of kind "petition" they made with cases.case_create — inside the same
transaction, so that a refusal (the same facts after a final decision) leaves no orphan case.
"""

from pingan.petitions.services.flow import (
    petition_accept,
    petition_ask_recheck,
    petition_ask_review,
    petition_assign_leader,
    petition_decide_recheck,
    petition_decide_review,
    petition_extend,
    petition_object,
    petition_reply,
    petition_route,
)
from pingan.petitions.services.register import (
    PETITION_CHANNELS,
    petition_create,
    petition_register,
)

__all__ = [
    "PETITION_CHANNELS",
    "petition_accept",
    "petition_ask_recheck",
    "petition_ask_review",
    "petition_assign_leader",
    "petition_create",
    "petition_decide_recheck",
    "petition_decide_review",
    "petition_extend",
    "petition_object",
    "petition_register",
    "petition_reply",
    "petition_route",
]
