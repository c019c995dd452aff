from pingan.passes.models.checkpoints import (
    Checkpoint,
    CheckpointGuard,
    CheckpointKind,
    Invitation,
    ScanLog,
    ScanResult,
)
from pingan.passes.models.keys import SigningKey
from pingan.passes.models.registry import Employment, Residence
from pingan.passes.models.revocation import RevocationCounter, RevocationEntry
from pingan.passes.models.travel import TravelPass, TravelPassEvent, TravelStatus

__all__ = [
    "Checkpoint",
    "CheckpointGuard",
    "CheckpointKind",
    "Employment",
    "Invitation",
    "Residence",
    "RevocationCounter",
    "RevocationEntry",
    "ScanLog",
    "ScanResult",
    "SigningKey",
    "TravelPass",
    "TravelPassEvent",
    "TravelStatus",
]
