"""Roster pages: the centre's week of legal-window duty (kept by its clerks and admins), and the
page of the person on duty (their slots, the visitors sent to them, swaps)."""

import datetime

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from pingan.core.errors import DomainError, NotFound
from pingan.hall import selectors, services
from pingan.hall.forms import AdviceForm, DecideForm, PatternForm, SlotForm, SwapForm
from pingan.hall.models import DutySlot, HalfDay
from pingan.hall.views.window import first_error
from pingan.org.decorators import role_required
from pingan.org.roles import Role

ROSTER_ROLES = tuple(selectors.ROSTER_ROLES)
SWAP_DAYS = 28


def _monday(value: str | None) -> datetime.date:
    if not value:
        day = selectors.today()
    else:
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            raise DomainError(
                "invalid_date", _("日期格式不正确，应为 YYYY-MM-DD"), status=422
            ) from None
    return selectors.check_year(day) - datetime.timedelta(days=day.weekday())


def _legal_windows(centre):
    return [w for w in selectors.windows_of_centre(centre) if w.kind.is_legal]


def _invalid(form):
    raise DomainError("invalid_input", first_error(form), status=422)


@role_required(*ROSTER_ROLES)
@require_GET
def roster_page(request, pk):
    centre = selectors.get_centre_for(request.user, pk, roles=selectors.ROSTER_ROLES)
    monday = _monday(request.GET.get("week"))
    windows = _legal_windows(centre)
    people = selectors.legal_duty_people(centre)
    slots = list(selectors.roster(centre, monday))
    grid = {(s.date, s.half, s.window_id): s for s in slots}
    days = []
    for offset in range(7):
        day = monday + datetime.timedelta(days=offset)
        for half in HalfDay:
            cells = [grid.get((day, half.value, w.pk)) for w in windows]
            days.append({"date": day, "half": half.label, "cells": cells})
    upcoming = list(selectors.roster(centre, selectors.today(), days=SWAP_DAYS))
    context = {
        "centre": centre,
        "monday": monday,
        "previous": monday - datetime.timedelta(days=7),
        "next": monday + datetime.timedelta(days=7),
        "windows": windows,
        "days": days,
        "slot_form": SlotForm(windows=windows, people=people, initial={"date": monday}),
        "pattern_form": PatternForm(
            windows=windows,
            people=people,
            initial={"start_date": monday, "end_date": monday + datetime.timedelta(days=27)},
        ),
        "swap_form": SwapForm(slots=upcoming),
        "swaps": selectors.pending_swaps(centre),
        "decide_form": DecideForm(),
    }
    return render(request, "hall/roster.html", context)


def _roster_form(request, pk, form_class):
    centre = selectors.get_centre_for(request.user, pk, roles=selectors.ROSTER_ROLES)
    windows = _legal_windows(centre)
    people = selectors.legal_duty_people(centre)
    form = form_class(request.POST, windows=windows, people=people)
    if not form.is_valid():
        _invalid(form)
    data = form.cleaned_data
    window = next(w for w in windows if str(w.pk) == data["window"])
    person = people.get(pk=data["person"])
    return centre, data, window, person


@role_required(*ROSTER_ROLES)
@require_POST
def slot_add(request, pk):
    centre, data, window, person = _roster_form(request, pk, SlotForm)
    slot = services.slot_create(
        actor=request.user,
        window=window,
        date=data["date"],
        half=data["half"],
        person=person,
        profession=data["profession"],
    )
    messages.success(request, _("已安排：%(slot)s") % {"slot": slot})
    return redirect(f"{_roster_url(centre)}?week={_monday(str(slot.date))}")


@role_required(*ROSTER_ROLES)
@require_POST
def pattern_add(request, pk):
    centre, data, window, person = _roster_form(request, pk, PatternForm)
    pattern = services.pattern_create(
        actor=request.user,
        window=window,
        person=person,
        weekday=data["weekday"],
        half=data["half"],
        start_date=data["start_date"],
        end_date=data["end_date"],
        profession=data["profession"],
    )
    messages.success(request, _("已按固定规则安排 %(n)s 个班次") % {"n": pattern.slots.count()})
    return redirect(f"{_roster_url(centre)}?week={_monday(str(pattern.start_date))}")


@role_required(*ROSTER_ROLES)
@require_POST
def slot_remove(request, pk, slot_pk):
    centre = selectors.get_centre_for(request.user, pk, roles=selectors.ROSTER_ROLES)
    slot = selectors.get_slot_for(request.user, slot_pk)
    if slot.centre_id != centre.pk:
        raise NotFound()
    services.slot_remove(actor=request.user, slot=slot)
    messages.success(request, _("已取消该班次"))
    return redirect(f"{_roster_url(centre)}?week={_monday(str(slot.date))}")


def _roster_url(centre) -> str:
    return reverse("hall:roster", args=[centre.pk])


def _swap_from_post(request):
    form = SwapForm(request.POST)
    if not form.is_valid():
        _invalid(form)
    slot = selectors.get_slot_for(request.user, form.cleaned_data["slot"])
    other = DutySlot.objects.filter(pk=form.cleaned_data["other"], centre=slot.centre).first()
    if other is None:
        raise DomainError("swap_other_centre", _("请选择本中心的另一个班次"), status=422)
    return services.swap_request(
        actor=request.user, slot=slot, other=other, reason=form.cleaned_data["reason"]
    )


@role_required(*ROSTER_ROLES, Role.LEGAL_DUTY)
@require_POST
def swap_add(request):
    swap = _swap_from_post(request)
    messages.success(request, _("换班申请已提交，待本中心窗口人员审批"))
    if request.POST.get("next_page") == "duty":
        return redirect("hall:duty")
    return redirect(_roster_url(swap.slot_a.centre))


@role_required(*ROSTER_ROLES)
@require_POST
def swap_decide(request, swap_pk):
    swap = selectors.get_swap_for(request.user, swap_pk)
    form = DecideForm(request.POST)
    if not form.is_valid():
        _invalid(form)
    approve = form.cleaned_data["decision"] == "approve"
    swap = services.swap_decide(
        actor=request.user, swap=swap, approve=approve, note=form.cleaned_data["note"]
    )
    messages.success(request, _("已同意换班") if approve else _("已驳回换班申请"))
    return redirect(_roster_url(swap.slot_a.centre))


@role_required(Role.LEGAL_DUTY)
@require_GET
def duty_page(request):
    user = request.user
    today = selectors.today()
    mine = list(selectors.slots_of(user, today))
    centres = {slot.centre_id for slot in mine}
    others = list(
        DutySlot.objects.filter(
            centre_id__in=centres,
            date__gte=today,
            date__lt=today + datetime.timedelta(days=SWAP_DAYS),
        )
        .exclude(person=user)
        .select_related("window", "person")
        .order_by("date", "half")
    )
    context = {
        "slots": mine,
        "routed": selectors.routed_visits_for(user),
        "windows": selectors.windows_of(user),
        "advice_form": AdviceForm(),
        "swap_form": SwapForm(slots=others, mine=mine),
        "swaps": selectors.swaps_visible_to(user).order_by("-requested_at")[:10],
    }
    return render(request, "hall/duty.html", context)


@role_required(Role.LEGAL_DUTY)
@require_POST
def duty_answer(request, visit_pk):
    visit = selectors.get_routed_visit_for(request.user, visit_pk)
    form = AdviceForm(request.POST)
    if not form.is_valid():
        _invalid(form)
    services.visit_duty_answer(visit=visit, actor=request.user, advice=form.cleaned_data["advice"])
    messages.success(request, _("已登记答复意见"))
    return redirect("hall:duty")
