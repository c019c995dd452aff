"""The hall's state machines: a queue ticket, a matter brought to the centre, a duty swap.

Each has status constants, ONE table of allowed transitions and `can_<verb>()` guards; services
lock the row, check the guard and append an event row (TicketEvent, MatterEvent) in one
transaction. Who may act (a clerk posted at the window, the person on duty) is checked by the
services, which know the window and the time.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError


class TicketStatus(models.TextChoices):
    WAITING = "waiting", _("等候中")  # taken, not yet called
    CALLED = "called", _("已叫号")  # called to a window; the visitor is on the way
    SERVING = "serving", _("办理中")  # the visitor is at the window
    DONE = "done", _("已办完")  # service finished
    NO_SHOW = "no_show", _("过号")  # called, did not come
    CANCELLED = "cancelled", _("已取消")  # the visitor gave up their place


class TicketAction(models.TextChoices):
    TAKE = "take", _("取号")
    CALL = "call", _("叫号")
    RECALL = "recall", _("重呼")
    NO_SHOW = "no_show", _("过号")
    START = "start", _("开始办理")
    FINISH = "finish", _("办理完毕")
    CANCEL = "cancel", _("取消")


T = TicketStatus
# action -> (statuses it may start from, status it leads to); a recall keeps the status.
TICKET_TRANSITIONS: dict[str, tuple[frozenset, str]] = {
    TicketAction.CALL: (frozenset({T.WAITING}), T.CALLED),
    TicketAction.RECALL: (frozenset({T.CALLED}), T.CALLED),
    TicketAction.NO_SHOW: (frozenset({T.CALLED}), T.NO_SHOW),
    TicketAction.START: (frozenset({T.CALLED}), T.SERVING),
    TicketAction.FINISH: (frozenset({T.SERVING}), T.DONE),
    TicketAction.CANCEL: (frozenset({T.WAITING}), T.CANCELLED),
}
# A ticket in these statuses holds its window: the clerk finishes it before calling another.
AT_WINDOW = frozenset({T.CALLED, T.SERVING})
# A ticket in these statuses still holds the visitor's place (one per phone per day).
HOLDING = frozenset({T.WAITING, T.CALLED, T.SERVING})


class MatterStatus(models.TextChoices):
    OPEN = "open", _("办理中")  # accepted as a work order, the department has not answered yet
    REFERRED = "referred", _("已引导")  # sent to the legal window / the person on duty
    ANSWER_READY = "answer_ready", _("待领取答复")  # answered; the visitor was told by SMS
    SETTLED = "settled", _("已办结")  # answered on the spot, advised, or the answer handed over


class MatterAction(models.TextChoices):
    RESOLVE = "resolve", _("当场办结")
    ACCEPT = "accept", _("受理为工单")
    REFER = "refer", _("引导")
    ADVISE = "advise", _("值班答复")
    ANSWER_READY = "answer_ready", _("答复待领取")
    HAND_OVER = "hand_over", _("窗口交付答复")
    DELIVER = "deliver", _("直接送达答复")
    REVISIT = "revisit", _("再次来访")


M = MatterStatus
# action -> (statuses it may start from, status it leads to); None as a start: a new matter.
# A revisit keeps the status (it only counts the trip).
MATTER_TRANSITIONS: dict[str, tuple[frozenset, str | None]] = {
    MatterAction.RESOLVE: (frozenset({None, M.REFERRED}), M.SETTLED),
    MatterAction.ACCEPT: (frozenset({None, M.REFERRED}), M.OPEN),
    MatterAction.REFER: (frozenset({None}), M.REFERRED),
    MatterAction.ADVISE: (frozenset({None, M.REFERRED}), M.SETTLED),
    MatterAction.ANSWER_READY: (frozenset({M.OPEN}), M.ANSWER_READY),
    MatterAction.HAND_OVER: (frozenset({M.OPEN, M.ANSWER_READY}), M.SETTLED),
    MatterAction.DELIVER: (frozenset({M.OPEN, M.ANSWER_READY}), M.SETTLED),
    MatterAction.REVISIT: (frozenset({M.OPEN, M.REFERRED, M.ANSWER_READY}), None),
}


class SwapStatus(models.TextChoices):
    REQUESTED = "requested", _("待审批")  # asked by one of the two, or by a clerk for them
    APPROVED = "approved", _("已同意")  # the two slots have exchanged their people
    REJECTED = "rejected", _("未同意")  # refused; the slots stay as they were


SWAP_TRANSITIONS: dict[str, tuple[frozenset, str]] = {
    "approve": (frozenset({SwapStatus.REQUESTED}), SwapStatus.APPROVED),
    "reject": (frozenset({SwapStatus.REQUESTED}), SwapStatus.REJECTED),
}


def _refuse(label, status_label):
    raise DomainError(
        "invalid_transition",
        _("当前状态（%(status)s）不能执行「%(action)s」")
        % {"status": status_label, "action": label},
        status=409,
    )


def check_ticket(action: str, ticket) -> None:
    allowed, _target = TICKET_TRANSITIONS[action]
    if ticket.status not in allowed:
        _refuse(TicketAction(action).label, TicketStatus(ticket.status).label)


def ticket_target(action: str) -> str:
    return TICKET_TRANSITIONS[action][1]


def can_ticket(action: str, ticket) -> bool:
    return ticket.status in TICKET_TRANSITIONS[action][0]


def can_call(ticket) -> bool:
    return can_ticket(TicketAction.CALL, ticket)


def can_recall(ticket) -> bool:
    return can_ticket(TicketAction.RECALL, ticket)


def can_no_show(ticket) -> bool:
    return can_ticket(TicketAction.NO_SHOW, ticket)


def can_start(ticket) -> bool:
    return can_ticket(TicketAction.START, ticket)


def can_finish(ticket) -> bool:
    return can_ticket(TicketAction.FINISH, ticket)


def can_cancel(ticket) -> bool:
    return can_ticket(TicketAction.CANCEL, ticket)


def check_matter(action: str, matter) -> None:
    allowed, _target = MATTER_TRANSITIONS[action]
    status = matter.status if matter is not None else None
    if status not in allowed:
        label = MatterStatus(status).label if status else _("新事项")
        _refuse(MatterAction(action).label, label)


def matter_target(action: str, current: str | None) -> str:
    target = MATTER_TRANSITIONS[action][1]
    return target if target is not None else current


def can_matter(action: str, matter) -> bool:
    return (matter.status if matter is not None else None) in MATTER_TRANSITIONS[action][0]


def can_hand_over(matter) -> bool:
    return can_matter(MatterAction.HAND_OVER, matter)


def can_deliver(matter) -> bool:
    return can_matter(MatterAction.DELIVER, matter)


def can_revisit(matter) -> bool:
    return can_matter(MatterAction.REVISIT, matter)


def can_advise(matter) -> bool:
    return can_matter(MatterAction.ADVISE, matter)


def check_swap(action: str, swap) -> None:
    allowed, _target = SWAP_TRANSITIONS[action]
    if swap.status not in allowed:
        label = _("同意换班") if action == "approve" else _("不同意换班")
        _refuse(label, SwapStatus(swap.status).label)


def can_decide_swap(swap) -> bool:
    return swap.status in SWAP_TRANSITIONS["approve"][0]
