"""Writes of the hall (rule 1 of the house): keyword-only functions naming the acting user."""

from pingan.hall.services.queue import (
    ticket_call_next,
    ticket_cancel,
    ticket_finish,
    ticket_no_show,
    ticket_recall,
    ticket_start,
    ticket_take,
)
from pingan.hall.services.returns import (
    matter_deliver,
    matters_answer_sweep,
    visit_hand_over,
    visit_revisit,
)
from pingan.hall.services.roster import (
    pattern_create,
    profession_of,
    slot_create,
    slot_remove,
    swap_decide,
    swap_request,
)
from pingan.hall.services.setup import window_kinds_ensure
from pingan.hall.services.visits import (
    visit_accept,
    visit_advise,
    visit_duty_answer,
    visit_refer,
    visit_resolve_on_spot,
)

__all__ = [
    "matter_deliver",
    "matters_answer_sweep",
    "pattern_create",
    "profession_of",
    "slot_create",
    "slot_remove",
    "swap_decide",
    "swap_request",
    "ticket_call_next",
    "ticket_cancel",
    "ticket_finish",
    "ticket_no_show",
    "ticket_recall",
    "ticket_start",
    "ticket_take",
    "visit_accept",
    "visit_advise",
    "visit_duty_answer",
    "visit_hand_over",
    "visit_refer",
    "visit_resolve_on_spot",
    "visit_revisit",
    "window_kinds_ensure",
]
