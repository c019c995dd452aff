"""The clerk's workbench at a window: the queue (call next, recall, no-show, start, finish),
the visitor looked up by phone or ID number, and the visit recorded with its outcome."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from pingan.core.errors import DomainError, NotFound
from pingan.hall import selectors, services
from pingan.hall.forms import (
    MatterVisitForm,
    RevisitForm,
    VisitForm,
    visitor_from_token,
    visitor_token,
)
from pingan.hall.models import DutySlot, Ticket
from pingan.org.decorators import role_required
from pingan.org.roles import Role
from pingan.people.selectors import find_person

WINDOW_ROLES = (Role.CLERK, Role.LEGAL_DUTY, Role.ADMIN, Role.LEADER)
WAITING_SHOWN = 12


def first_error(form) -> str:
    """The first problem of a form, with the field's label where the message alone is vague
    ("这个字段是必填项")."""
    for name, errors in form.errors.items():
        message = str(errors[0])
        field = form.fields.get(name)
        if field is None or str(field.label or "") in message or message.startswith("请"):
            return message
        return f"{field.label}：{message}"
    return _("提交的内容不正确")


def _regions(centre):
    return [centre.region, *centre.region.children.filter(is_active=True).order_by("code")]


def _duty_today(centre):
    return list(selectors.duty_on(centre, selectors.today()))


def _queue_context(request, window) -> dict:
    current = selectors.ticket_at_window(window)
    waiting = selectors.waiting_for(window.centre, window.kind_id, selectors.today())
    return {
        "window": window,
        "current": current,
        "waiting": list(waiting[:WAITING_SHOWN]),
        "waiting_count": waiting.count(),
        "serves": selectors.serves_window(request.user, window),
    }


def _page_context(request, window, form=None, error=None) -> dict:
    centre = window.centre
    context = _queue_context(request, window)
    context.update(
        centre=centre,
        is_clerk=selectors.is_assigned(request.user, window),
        form=form or VisitForm(regions=_regions(centre), duty_slots=_duty_today(centre)),
        error=error,
        visits=selectors.visits_today(window)[:20],
        my_windows=selectors.windows_of(request.user),
    )
    return context


@role_required(*WINDOW_ROLES)
@require_GET
def workbench(request):
    windows = selectors.windows_of(request.user)
    if len(windows) == 1:
        return redirect("hall:window", pk=windows[0].pk)
    return render(request, "hall/workbench.html", {"windows": windows})


@role_required(*WINDOW_ROLES)
@require_GET
def window_page(request, pk):
    window = selectors.get_window_for(request.user, pk)
    return render(request, "hall/window.html", _page_context(request, window))


@role_required(*WINDOW_ROLES)
@require_GET
def queue_panel(request, pk):
    window = selectors.get_window_for(request.user, pk)
    return render(request, "hall/_queue_panel.html", _queue_context(request, window))


@role_required(*WINDOW_ROLES)
@require_POST
def call_next(request, pk):
    window = selectors.get_window_for(request.user, pk)
    services.ticket_call_next(window=window, actor=request.user)
    return render(request, "hall/_queue_panel.html", _queue_context(request, window))


TICKET_ACTIONS = {
    "recall": services.ticket_recall,
    "no-show": services.ticket_no_show,
    "start": services.ticket_start,
    "finish": services.ticket_finish,
}


@role_required(*WINDOW_ROLES)
@require_POST
def ticket_action(request, pk, action):
    service = TICKET_ACTIONS.get(action)
    ticket = Ticket.objects.filter(pk=pk).only("pk", "window_id").first()
    if service is None or ticket is None or ticket.window_id is None:
        raise NotFound()
    # The ticket is reached through its window, so a window out of sight is a 404.
    window = selectors.get_window_for(request.user, ticket.window_id)
    service(ticket=ticket, actor=request.user)
    return render(request, "hall/_queue_panel.html", _queue_context(request, window))


@role_required(*WINDOW_ROLES)
@require_GET
def lookup(request, pk):
    """Find the visitor by phone or ID number (htmx fragment): the masked record, a token the
    visit form carries, and the visitor's matters at centres the clerk sees."""
    window = selectors.get_window_for(request.user, pk)
    query = (request.GET.get("q") or "").strip()[:30]
    person = find_person(query=query) if query else None
    context = {"window": window, "query": query, "person": person}
    if person is not None:
        context.update(token=visitor_token(person, window), matters=_matters(request.user, person))
    else:
        context["guess"] = {"id_number" if len(query) == 18 else "phone": query}
    return render(request, "hall/_visitor.html", context)


def _matters(user, person) -> list:
    matters = list(selectors.matters_of_person(user, person)[:10])
    for matter in matters:
        matter.result_ready = selectors.has_result(matter)
    return matters


def _route_slot(value, centre) -> DutySlot | None:
    if not value:
        return None
    slot = (
        DutySlot.objects.filter(pk=value, centre=centre, date=selectors.today())
        .select_related("window", "person")
        .first()
    )
    if slot is None:
        raise DomainError("not_on_duty", _("所选值班人员今天不在本中心值班"), status=422)
    return slot


def _record(request, window, data, person):
    """Call the one service the chosen outcome names."""
    ticket = selectors.ticket_at_window(window)
    visitor = {
        "person": person,
        "name": data["name"],
        "phone": data["phone"],
        "id_number": data["id_number"],
        "ticket": ticket,
    }
    common = {"actor": request.user, "window": window, "purpose": data["purpose"], **visitor}
    outcome = data["outcome"]
    if outcome == "resolve":
        visit = services.visit_resolve_on_spot(
            **common,
            answer=data["answer"],
            kind=data["kind"] or "consult",
            category=data["category"],
            region=data["region"] or None,
        )
        return _("已当场办结，工单 %(number)s") % {"number": visit.case.number}
    if outcome == "accept":
        case = services.visit_accept(
            **common,
            kind=data["kind"] or "consult",
            category=data["category"],
            region=data["region"] or None,
        )
        return _("已受理为工单 %(number)s，答复后将短信通知来访人") % {"number": case.number}
    if outcome == "refer":
        slot = _route_slot(data["route"], window.centre)
        visit = services.visit_refer(
            **common,
            routed_to=slot.person if slot else None,
            routed_window=slot.window if slot else None,
            note=data["answer"],
        )
        return _("已引导至%(window)s（%(name)s）") % {
            "window": visit.routed_window.name,
            "name": visit.routed_to.display_name,
        }
    visit = services.visit_advise(**common, advice=data["answer"])
    return _("已登记法律服务答复（事项 %(key)s）") % {"key": visit.matter.key}


@role_required(*WINDOW_ROLES)
@require_POST
def visit_submit(request, pk):
    window = selectors.get_window_for(request.user, pk)
    centre = window.centre
    form = VisitForm(request.POST, regions=_regions(centre), duty_slots=_duty_today(centre))

    def again(message, status):
        context = _page_context(request, window, form=form, error=message)
        token = request.POST.get("visitor", "")
        person = visitor_from_token(token, window) if token else None
        if person is not None:
            context.update(person=person, token=token, matters=_matters(request.user, person))
        return render(request, "hall/window.html", context, status=status)

    if not form.is_valid():
        return again(first_error(form), 422)
    data = form.cleaned_data
    person = None
    if data["visitor"]:
        person = visitor_from_token(data["visitor"], window)
        if person is None:
            return again(_("查找结果已失效，请重新查找来访人"), 422)
    try:
        message = _record(request, window, data, person)
    except DomainError as exc:
        return again(exc.message, exc.status)
    messages.success(request, message)
    return redirect("hall:window", pk=window.pk)


@role_required(*WINDOW_ROLES)
@require_POST
def hand_over(request, pk, matter_pk):
    window = selectors.get_window_for(request.user, pk)
    matter = selectors.get_matter_for(request.user, matter_pk)
    form = MatterVisitForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    services.visit_hand_over(
        actor=request.user,
        window=window,
        matter=matter,
        ticket=selectors.ticket_at_window(window),
        note=note,
    )
    messages.success(request, _("已交付答复（事项 %(key)s）") % {"key": matter.key})
    return redirect("hall:window", pk=window.pk)


@role_required(*WINDOW_ROLES)
@require_POST
def revisit(request, pk, matter_pk):
    window = selectors.get_window_for(request.user, pk)
    matter = selectors.get_matter_for(request.user, matter_pk)
    form = RevisitForm(request.POST)
    if not form.is_valid():
        raise DomainError("purpose_required", first_error(form), status=422)
    services.visit_revisit(
        actor=request.user,
        window=window,
        matter=matter,
        purpose=form.cleaned_data["purpose"],
        ticket=selectors.ticket_at_window(window),
    )
    messages.success(request, _("已登记再次来访（事项 %(key)s）") % {"key": matter.key})
    return redirect("hall:window", pk=window.pk)
