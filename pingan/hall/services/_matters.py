"""Steps every visit shares: who may record it, the visitor, the matter and its trips."""

from django.utils.translation import gettext_lazy as _

from pingan.cases import services as case_services
from pingan.core.errors import DomainError
from pingan.hall import selectors, workflow
from pingan.hall.models import Matter, MatterEvent, Ticket, Visit, Window
from pingan.hall.services._base import actor_or_none, save_numbered, text
from pingan.hall.workflow import AT_WINDOW
from pingan.people.models import Person
from pingan.people.services import person_register


def require_clerk(actor, window: Window) -> None:
    if not selectors.is_assigned(actor, window):
        raise DomainError(
            "not_posted",
            _("您没有被安排在「%(window)s」，不能在此登记来访") % {"window": window.name},
            status=403,
        )


def require_serving(actor, window: Window, now) -> None:
    if not selectors.serves_window(actor, window, now):
        raise DomainError(
            "not_posted",
            _("您当前不在「%(window)s」值班，不能在此登记来访") % {"window": window.name},
            status=403,
        )


def check_window(window: Window) -> None:
    if not window.is_active or not window.centre.is_active:
        raise DomainError("window_closed", _("该窗口已停用"), status=409)


def check_ticket(ticket: Ticket | None, window: Window) -> None:
    if ticket is None:
        return
    if ticket.window_id != window.pk or ticket.status not in AT_WINDOW:
        raise DomainError(
            "ticket_not_here",
            _("号码 %(number)s 不在本窗口办理中") % {"number": ticket.number},
            status=409,
        )


def purpose_text(value) -> str:
    return text(value, required=True, code="purpose_required", message=_("请填写来访事由"))


def visitor(*, person, name, phone, id_number, actor) -> Person:
    if person is not None:
        return person
    return person_register(name=name, phone=phone, id_number=id_number, actor=actor)


def lock_matter(matter: Matter, window: Window) -> Matter:
    locked = (
        Matter.objects.select_for_update(of=("self",))
        .select_related("case", "person", "centre")
        .get(pk=matter.pk)
    )
    if locked.centre_id != window.centre_id:
        raise DomainError("matter_elsewhere", _("该事项属于其他服务中心"), status=422)
    return locked


def new_matter(*, centre, person, subject: str, now) -> Matter:
    matter = Matter(
        centre=centre,
        person=person,
        subject=subject.splitlines()[0][:100],
        status="",
        first_visit_at=now,
        last_visit_at=now,
    )
    prefix = "SX" + selectors.today(now).strftime("%Y%m%d")

    def assign(row):
        last = (
            Matter.objects.filter(key__startswith=prefix)
            .order_by("-key")
            .values_list("key", flat=True)
            .first()
        )
        row.key = f"{prefix}{int(last[len(prefix) :]) + 1 if last else 1:04d}"

    save_numbered(matter, assign)
    return matter


def move(matter: Matter, action: str, *, actor, now, note: str = "", fields=()) -> MatterEvent:
    old = matter.status
    matter.status = workflow.matter_target(action, old or None)
    matter.save(update_fields=["status", *fields])
    return MatterEvent.objects.create(
        matter=matter,
        action=action,
        from_status=old,
        to_status=matter.status,
        actor=actor_or_none(actor),
        note=note,
        at=now,
    )


def settle(matter: Matter, action: str, *, actor, now, method: str, note: str = ""):
    matter.settled_at = now
    matter.return_method = method
    matter.returned_by = actor_or_none(actor)
    matter.return_note = note[:200]
    return move(
        matter,
        action,
        actor=actor,
        now=now,
        note=note,
        fields=("settled_at", "return_method", "returned_by", "return_note"),
    )


def add_visit(matter: Matter, *, now, return_trip: bool = False, **fields) -> Visit:
    """Record the visit. A first visit on this day is a new trip for the matter; another one
    the same day is the same trip (sent on from window to window), unless the visitor came back
    for the answer (`return_trip`), which is the second trip 最多跑一次 is about."""
    day = selectors.today(now)
    new_trip = return_trip or not matter.visits.filter(day=day).exists()
    visit = Visit.objects.create(
        centre=matter.centre, matter=matter, person=matter.person, day=day, created_at=now, **fields
    )
    if new_trip:
        matter.visit_count += 1
    matter.last_visit_at = now
    matter.save(update_fields=["visit_count", "last_visit_at"])
    return visit


def open_matter(
    action, *, actor, window, ticket, matter, person, name, phone, id_number, now, clerk=True
):
    """Checks shared by every visit: the window, who records it (a clerk posted there, or with
    clerk=False whoever serves it now), the ticket, and whether `action` may start from the
    matter's status. Returns the existing matter, locked, or the visitor (found or registered)
    when the visit starts a new one."""
    check_window(window)
    if clerk:
        require_clerk(actor, window)
    else:
        require_serving(actor, window, now)
    check_ticket(ticket, window)
    if matter is not None:
        matter = lock_matter(matter, window)
        workflow.check_matter(action, matter)
        return matter
    workflow.check_matter(action, None)
    person = visitor(person=person, name=name, phone=phone, id_number=id_number, actor=actor)
    return person


def matter_for(found, *, centre, subject, now) -> Matter:
    """The matter open_matter() returned, or a new one for the visitor it returned."""
    if isinstance(found, Matter):
        return found
    return new_matter(centre=centre, person=found, subject=subject, now=now)


def create_case(*, actor, window, person, kind, category, region, description, **extra):
    case, _code = case_services.case_create(
        actor=actor,
        channel="window",
        kind=kind,
        category=category,
        region=region or window.centre.region,
        description=description,
        reporter_phone=person.phone,
        reporter_name=person.name,
        **extra,
    )
    return case
