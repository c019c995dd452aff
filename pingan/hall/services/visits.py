"""The visit at the window, and the matter it is about.

A clerk posted at the window finds or registers the visitor, records the purpose, and then:
- answers on the spot (即时办结): a window case is created and resolved at once, so it counts
  in the work-order statistics;
- accepts the matter as a work order of the right kind (cases.case_create, channel "window"),
  which then follows the work-order workflow (a petition is such a case of kind "petition");
- or sends the visitor to the legal-service window, to the person on duty there.
When the department answers, the sweep tells the visitor by SMS; the clerk then hands the answer
over when the visitor comes back (another trip) or records that it was delivered directly.
Every trip about a matter is counted (最多跑一次).
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.cases import services as case_services
from pingan.cases.models import Case, Kind
from pingan.core.errors import DomainError
from pingan.hall import selectors, workflow
from pingan.hall.models import DutySlot, Matter, Ticket, Visit, Window
from pingan.hall.services._base import text, writing
from pingan.hall.services._matters import (
    add_visit,
    create_case,
    matter_for,
    move,
    open_matter,
    purpose_text,
    settle,
)
from pingan.hall.workflow import MatterAction
from pingan.people.models import Person
from pingan.petitions.services import petition_register

# --- at the window -----------------------------------------------------------------------------


def visit_resolve_on_spot(
    *,
    actor,
    window: Window,
    purpose: str,
    answer: str,
    category,
    kind: str = "consult",
    region=None,
    person: Person | None = None,
    name: str = "",
    phone: str = "",
    id_number: str = "",
    ticket: Ticket | None = None,
    matter: Matter | None = None,
) -> Visit:
    """Answer at the window (即时办结): a window case is registered and resolved at once."""
    purpose = purpose_text(purpose)
    answer = text(answer, required=True, code="answer_required", message=_("请填写答复内容"))
    now = timezone.now()
    with writing(actor):
        found = open_matter(
            MatterAction.RESOLVE,
            actor=actor,
            window=window,
            ticket=ticket,
            matter=matter,
            person=person,
            name=name,
            phone=phone,
            id_number=id_number,
            now=now,
        )
        visitor = found.person if isinstance(found, Matter) else found
        case = create_case(
            actor=actor,
            window=window,
            person=visitor,
            kind=kind,
            category=category,
            region=region,
            description=purpose,
        )
        case = case_services.case_resolve_on_spot(case=case, actor=actor, answer=answer)
        matter = matter_for(found, centre=window.centre, subject=purpose, now=now)
        matter.case = matter.case or case
        matter.save(update_fields=["case"])
        visit = add_visit(
            matter,
            now=now,
            window=window,
            ticket=ticket,
            staff=actor,
            case=case,
            outcome=Visit.Outcome.RESOLVED_ON_SPOT,
            purpose=purpose,
            note=answer,
        )
        settle(matter, MatterAction.RESOLVE, actor=actor, now=now, method="on_spot", note=answer)
    return visit


def visit_accept(
    *,
    actor,
    window: Window,
    purpose: str,
    kind: str,
    category,
    region=None,
    description: str = "",
    person: Person | None = None,
    name: str = "",
    phone: str = "",
    id_number: str = "",
    ticket: Ticket | None = None,
    matter: Matter | None = None,
    urgent: bool = False,
    address: str = "",
) -> Case:
    """Accept the matter as a work order of `kind` (consult, complaint, dispute, petition…) and
    return the case. The one call point for window intake: the petitions app hooks its own
    record onto cases of kind "petition" made here."""
    purpose = purpose_text(purpose)
    description = text(description, required=False) or purpose
    now = timezone.now()
    with writing(actor):
        found = open_matter(
            MatterAction.ACCEPT,
            actor=actor,
            window=window,
            ticket=ticket,
            matter=matter,
            person=person,
            name=name,
            phone=phone,
            id_number=id_number,
            now=now,
        )
        visitor = found.person if isinstance(found, Matter) else found
        case = create_case(
            actor=actor,
            window=window,
            person=visitor,
            kind=kind,
            category=category,
            region=region,
            description=description,
            urgent=urgent,
            address=address,
        )
        if kind == Kind.PETITION:
            # A petition accepted at the window is registered under the 信访工作条例 in the
            # same transaction: a refusal (the same facts after a final decision) undoes the visit.
            petition_register(
                case=case, petitioners=[visitor], actor=actor, intake_region=window.centre.region
            )
        matter = matter_for(found, centre=window.centre, subject=purpose, now=now)
        matter.case = case
        matter.save(update_fields=["case"])
        add_visit(
            matter,
            now=now,
            window=window,
            ticket=ticket,
            staff=actor,
            case=case,
            outcome=Visit.Outcome.ACCEPTED,
            purpose=purpose,
        )
        move(matter, MatterAction.ACCEPT, actor=actor, now=now, note=case.number)
    return case


def _route(window: Window, routed_window: Window | None, routed_to, now) -> tuple:
    centre = window.centre
    if routed_window is not None and (
        routed_window.centre_id != centre.pk
        or not routed_window.is_active
        or not routed_window.kind.is_legal
    ):
        raise DomainError("invalid_route", _("只能引导至本中心的法律服务窗口"), status=422)
    slots = DutySlot.objects.filter(centre=centre, date=selectors.today(now)).select_related(
        "window", "person"
    )
    if routed_to is not None:
        slots = slots.filter(person=routed_to)
        if routed_window is not None:
            slots = slots.filter(window=routed_window)
        # The half-day now first: the person may sit at the window both halves.
        slot = sorted(slots, key=lambda s: s.half != selectors.current_half(now))
        if not slot:
            raise DomainError(
                "not_on_duty",
                _("%(name)s 今天不在本中心值班") % {"name": routed_to.display_name},
                status=422,
            )
        return slot[0].window, routed_to
    if routed_window is None:
        raise DomainError("route_required", _("请选择引导到的窗口或值班人员"), status=422)
    slot = slots.filter(window=routed_window, half=selectors.current_half(now)).first()
    if slot is None:
        raise DomainError(
            "not_on_duty",
            _("「%(window)s」当前无人值班") % {"window": routed_window.name},
            status=422,
        )
    return routed_window, slot.person


def visit_refer(
    *,
    actor,
    window: Window,
    purpose: str,
    routed_window: Window | None = None,
    routed_to=None,
    note: str = "",
    person: Person | None = None,
    name: str = "",
    phone: str = "",
    id_number: str = "",
    ticket: Ticket | None = None,
) -> Visit:
    """Send the visitor to the legal-service window, to the person on duty there; they see the
    visitor on their own page and record their answer."""
    purpose = purpose_text(purpose)
    note = text(note, required=False)
    now = timezone.now()
    with writing(actor):
        found = open_matter(
            MatterAction.REFER,
            actor=actor,
            window=window,
            ticket=ticket,
            matter=None,
            person=person,
            name=name,
            phone=phone,
            id_number=id_number,
            now=now,
        )
        target_window, target = _route(window, routed_window, routed_to, now)
        matter = matter_for(found, centre=window.centre, subject=purpose, now=now)
        visit = add_visit(
            matter,
            now=now,
            window=window,
            ticket=ticket,
            staff=actor,
            outcome=Visit.Outcome.REFERRED,
            purpose=purpose,
            note=note,
            routed_to=target,
            routed_window=target_window,
        )
        move(matter, MatterAction.REFER, actor=actor, now=now, note=target.display_name)
    return visit


def visit_duty_answer(*, visit: Visit, actor, advice: str) -> Visit:
    """The person on duty answers a visitor sent to them; a referred matter is then settled."""
    advice = text(advice, required=True, code="advice_required", message=_("请填写答复意见"))
    now = timezone.now()
    with writing(actor):
        visit = (
            Visit.objects.select_for_update(of=("self",)).select_related("matter").get(pk=visit.pk)
        )
        if visit.routed_to_id != getattr(actor, "pk", None):
            raise DomainError("forbidden", _("该来访人不是引导给您的"), status=403)
        if visit.duty_answered_at is not None:
            raise DomainError("already_answered", _("您已答复过该来访人"), status=409)
        visit.duty_advice = advice
        visit.duty_answered_at = now
        visit.save(update_fields=["duty_advice", "duty_answered_at"])
        matter = Matter.objects.select_for_update().get(pk=visit.matter_id)
        if workflow.can_advise(matter):
            settle(matter, MatterAction.ADVISE, actor=actor, now=now, method="on_spot", note=advice)
    return visit


def visit_advise(
    *,
    actor,
    window: Window,
    purpose: str,
    advice: str,
    person: Person | None = None,
    name: str = "",
    phone: str = "",
    id_number: str = "",
    ticket: Ticket | None = None,
) -> Visit:
    """The person on duty at a legal-service window answers a visitor who came straight to it."""
    purpose = purpose_text(purpose)
    advice = text(advice, required=True, code="advice_required", message=_("请填写答复意见"))
    if not window.kind.is_legal:
        raise DomainError("not_legal_window", _("只有法律服务窗口可以登记法律服务答复"), status=422)
    now = timezone.now()
    with writing(actor):
        found = open_matter(
            MatterAction.ADVISE,
            actor=actor,
            window=window,
            ticket=ticket,
            matter=None,
            person=person,
            name=name,
            phone=phone,
            id_number=id_number,
            now=now,
            clerk=False,
        )
        matter = matter_for(found, centre=window.centre, subject=purpose, now=now)
        visit = add_visit(
            matter,
            now=now,
            window=window,
            ticket=ticket,
            staff=actor,
            outcome=Visit.Outcome.ADVISED,
            purpose=purpose,
            note=advice,
            duty_advice=advice,
            duty_answered_at=now,
        )
        settle(matter, MatterAction.ADVISE, actor=actor, now=now, method="on_spot", note=advice)
    return visit
