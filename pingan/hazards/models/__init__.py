from pingan.hazards.models.checklist import ChecklistItem, Inspection, InspectionResult, Result
from pingan.hazards.models.hazard import Hazard, HazardEvent, HazardPhoto, PhotoStage, Source

__all__ = [
    "ChecklistItem",
    "Hazard",
    "HazardEvent",
    "HazardPhoto",
    "Inspection",
    "InspectionResult",
    "PhotoStage",
    "Result",
    "Source",
]
