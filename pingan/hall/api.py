"""The hall API (/api/v1/hall/...): the queue (take a number, call the next, the display
state) and the duty roster. Parse, call one service, answer. Public operations (auth=None) are
those of the kiosk, the visitor's phone and the screens in the hall, and return nothing personal.
"""

import datetime

from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from pingan.core.api_support import ERRORS, ErrorOut
from pingan.core.errors import DomainError, NotFound
from pingan.hall import selectors, services, throttle
from pingan.hall.models import DutySlot, Ticket
from pingan.hall.schemas import (
    CentreOut,
    DecideIn,
    DisplayOut,
    DutyBoardOut,
    PatternIn,
    PatternOut,
    PublicTicketOut,
    ShareOut,
    SlotIn,
    SlotOut,
    SwapIn,
    SwapOut,
    TakeIn,
    TicketOut,
)

router = Router(tags=["hall"])
PUBLIC_ERRORS = {400: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
MAX_ROSTER_DAYS = 62


@router.get("/centres", response={200: list[CentreOut], **ERRORS}, summary="Centres I work at")
def list_centres(request):
    return list(selectors.centres_visible_to(request.user))


@router.get(
    "/centres/{slug}/display",
    auth=None,
    response={200: DisplayOut, **PUBLIC_ERRORS},
    summary="What the display screen shows (public)",
)
def display(request, slug: str):
    state = selectors.display_state(selectors.public_centre(slug))
    return {
        "centre": state["centre"].name,
        "now": state["now"],
        "calls": state["calls"],
        "waiting": [
            {
                "kind": row["kind"].code,
                "name": row["kind"].name,
                "prefix": row["kind"].prefix,
                "count": row["count"],
            }
            for row in state["waiting"]
        ],
    }


@router.post(
    "/centres/{slug}/tickets",
    auth=None,
    response={201: PublicTicketOut, 429: ErrorOut, **PUBLIC_ERRORS},
    summary="Take a number (public: kiosk or phone; a few per address and hour)",
)
def take_number(request, slug: str, payload: TakeIn):
    centre = selectors.public_centre(slug)
    throttle.check_may_take(request)
    ticket = services.ticket_take(
        centre=centre, kind=payload.kind, phone=payload.phone, source=Ticket.Source.API
    )
    throttle.taken(request)
    return Status(201, ticket)


@router.get(
    "/tickets/{token}",
    auth=None,
    response={200: PublicTicketOut, **PUBLIC_ERRORS},
    summary="A visitor's own number: status and people ahead (public, by its token)",
)
def ticket_status(request, token: str):
    return selectors.public_ticket(token)


@router.get(
    "/centres/{slug}/duty-today",
    auth=None,
    response={200: list[DutyBoardOut], **PUBLIC_ERRORS},
    summary="Today's 三官一师 on duty (public, names masked)",
)
def duty_today(request, slug: str):
    centre = selectors.public_centre(slug)
    return list(selectors.duty_on(centre, selectors.today()))


@router.post(
    "/windows/{window_id}/call-next",
    response={200: TicketOut, **ERRORS},
    summary="Call the next number to this window (clerks posted there)",
)
def call_next(request, window_id: int):
    window = selectors.get_window_for(request.user, window_id)
    return services.ticket_call_next(window=window, actor=request.user)


TICKET_ACTIONS = {
    "recall": services.ticket_recall,
    "no-show": services.ticket_no_show,
    "start": services.ticket_start,
    "finish": services.ticket_finish,
}


@router.post(
    "/tickets/{ticket_id}/{action}",
    response={200: TicketOut, **ERRORS},
    summary="recall | no-show | start | finish a called number",
)
def ticket_action(request, ticket_id: int, action: str):
    service = TICKET_ACTIONS.get(action)
    if service is None:
        raise DomainError(
            "unknown_action", _("未知的操作：%(action)s") % {"action": action}, status=404
        )
    ticket = Ticket.objects.filter(pk=ticket_id).first()
    if ticket is None or ticket.window_id is None:
        raise NotFound()
    selectors.get_window_for(request.user, ticket.window_id)
    return service(ticket=ticket, actor=request.user)


@router.get(
    "/centres/{centre_id}/one-visit-share",
    response={200: ShareOut, **ERRORS},
    summary="最多跑一次: share of matters settled in one visit, for a month",
)
def one_visit_share(request, centre_id: int, month: str = Query(..., description="YYYY-MM")):
    centre = selectors.get_centre_for(request.user, centre_id)
    share = selectors.one_visit_share(centre, month)
    return {
        "month": share.month.strftime("%Y-%m"),
        "settled": share.settled,
        "one_visit": share.one_visit,
        "share": share.share,
        "formula": str(selectors.FORMULA),
    }


@router.get(
    "/centres/{centre_id}/roster",
    response={200: list[SlotOut], **ERRORS},
    summary="The duty roster from a date",
)
def roster(
    request,
    centre_id: int,
    start: datetime.date | None = None,
    days: int = Query(7, ge=1, le=MAX_ROSTER_DAYS),
):
    centre = selectors.get_centre_for(request.user, centre_id, roles=selectors.ROSTER_ROLES)
    start = selectors.check_year(start) if start else selectors.today()
    return list(selectors.roster(centre, start, days))


def _window_and_person(request, centre_id: int, window_id: int, username: str):
    centre = selectors.get_centre_for(request.user, centre_id, roles=selectors.ROSTER_ROLES)
    window = selectors.windows_of_centre(centre).filter(pk=window_id).first()
    if window is None:
        raise DomainError("unknown_window", _("该中心没有这个窗口"), status=422)
    person = selectors.legal_duty_people(centre).filter(username=username).first()
    if person is None:
        raise DomainError(
            "not_legal_duty",
            _("%(name)s 不是本中心辖区的「三官一师」值班人员") % {"name": username},
            status=422,
        )
    return window, person


@router.post(
    "/centres/{centre_id}/roster/slots",
    response={201: SlotOut, **ERRORS},
    summary="Put someone on duty for a half-day",
)
def add_slot(request, centre_id: int, payload: SlotIn):
    window, person = _window_and_person(request, centre_id, payload.window, payload.person)
    slot = services.slot_create(
        actor=request.user,
        window=window,
        date=payload.date,
        half=payload.half,
        person=person,
        profession=payload.profession,
    )
    return Status(201, slot)


@router.post(
    "/centres/{centre_id}/roster/patterns",
    response={201: PatternOut, **ERRORS},
    summary="A recurring duty, expanded into slots (all or nothing)",
)
def add_pattern(request, centre_id: int, payload: PatternIn):
    window, person = _window_and_person(request, centre_id, payload.window, payload.person)
    pattern = services.pattern_create(
        actor=request.user,
        window=window,
        person=person,
        weekday=payload.weekday,
        half=payload.half,
        start_date=payload.start_date,
        end_date=payload.end_date,
        profession=payload.profession,
    )
    return Status(201, pattern)


@router.delete(
    "/roster/slots/{slot_id}", response={204: None, **ERRORS}, summary="Remove a duty slot"
)
def remove_slot(request, slot_id: int):
    slot = selectors.get_slot_for(request.user, slot_id)
    services.slot_remove(actor=request.user, slot=slot)
    return Status(204, None)


@router.post("/roster/swaps", response={201: SwapOut, **ERRORS}, summary="Ask to swap two slots")
def ask_swap(request, payload: SwapIn):
    slot = selectors.get_slot_for(request.user, payload.slot)
    other = DutySlot.objects.filter(pk=payload.other, centre=slot.centre).first()
    if other is None:
        raise DomainError("swap_other_centre", _("请选择本中心的另一个班次"), status=422)
    swap = services.swap_request(actor=request.user, slot=slot, other=other, reason=payload.reason)
    return Status(201, swap)


@router.post(
    "/roster/swaps/{swap_id}/decide",
    response={200: SwapOut, **ERRORS},
    summary="Approve or refuse a swap (clerks and admins of the centre)",
)
def decide_swap(request, swap_id: int, payload: DecideIn):
    swap = selectors.get_swap_for(request.user, swap_id)
    return services.swap_decide(
        actor=request.user, swap=swap, approve=payload.approve, note=payload.note
    )
