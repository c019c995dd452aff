from pingan.hall.models.centre import (
    COMPREHENSIVE,
    LEGAL,
    ServiceCentre,
    Window,
    WindowAssignment,
    WindowKind,
)
from pingan.hall.models.queue import Ticket, TicketEvent
from pingan.hall.models.roster import (
    DutyPattern,
    DutySlot,
    DutySwap,
    HalfDay,
    Profession,
    Weekday,
)
from pingan.hall.models.visit import Matter, MatterEvent, Visit

__all__ = [
    "COMPREHENSIVE",
    "LEGAL",
    "DutyPattern",
    "DutySlot",
    "DutySwap",
    "HalfDay",
    "Matter",
    "MatterEvent",
    "Profession",
    "ServiceCentre",
    "Ticket",
    "TicketEvent",
    "Visit",
    "Weekday",
    "Window",
    "WindowAssignment",
    "WindowKind",
]
