"""The 桐行码 state machine: one table of transitions and the guards the services call."""

from pingan.passes.models import TravelStatus

TRANSITIONS = {
    TravelStatus.ACTIVE: {TravelStatus.REVOKED, TravelStatus.REPLACED},
    TravelStatus.REVOKED: set(),  # final
    TravelStatus.REPLACED: set(),  # final
}


def can_revoke(travel_pass) -> bool:
    return TravelStatus.REVOKED in TRANSITIONS[TravelStatus(travel_pass.status)]


def can_replace(travel_pass) -> bool:
    return TravelStatus.REPLACED in TRANSITIONS[TravelStatus(travel_pass.status)]
