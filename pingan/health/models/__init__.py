from pingan.health.models.declaration import (
    Channel,
    Declaration,
    Registration,
    ResidentKind,
    Symptom,
)
from pingan.health.models.requests import Appeal, AppealEvent, ChangeRequest, ChangeRequestEvent
from pingan.health.models.rules import RISK_RANK, RiskArea, RiskLevel, StatusRule
from pingan.health.models.status import Colour, HealthStatus, StatusChange

__all__ = [
    "RISK_RANK",
    "Appeal",
    "AppealEvent",
    "ChangeRequest",
    "ChangeRequestEvent",
    "Channel",
    "Colour",
    "Declaration",
    "HealthStatus",
    "Registration",
    "ResidentKind",
    "RiskArea",
    "RiskLevel",
    "StatusChange",
    "StatusRule",
    "Symptom",
]
