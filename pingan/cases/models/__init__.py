from pingan.cases.models.case import Case, Satisfaction, SlaLevel, SupervisionLevel
from pingan.cases.models.category import (
    KIND_ANSWER_DAYS,
    Category,
    CategoryRoute,
    Channel,
    Kind,
    TimeUnit,
)
from pingan.cases.models.records import CaseEvent, CasePhoto, ExtensionRequest, FollowUp
from pingan.cases.models.search import CaseSearchEntry, CaseSearchKey, SearchWeights

__all__ = [
    "KIND_ANSWER_DAYS",
    "Case",
    "CaseEvent",
    "CasePhoto",
    "CaseSearchEntry",
    "CaseSearchKey",
    "Category",
    "CategoryRoute",
    "Channel",
    "ExtensionRequest",
    "FollowUp",
    "Kind",
    "Satisfaction",
    "SearchWeights",
    "SlaLevel",
    "SupervisionLevel",
    "TimeUnit",
]
