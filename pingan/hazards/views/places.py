"""The place register (场所) and its inspections: list and search within the jurisdiction, add
and correct places, inspect one against its kind's checklist, and record what was found."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pingan.core.errors import DomainError
from pingan.core.masking import mask_name, mask_phone
from pingan.hazards import forms, selectors, services, workflow
from pingan.hazards.models import Result
from pingan.hazards.services.record import checklist_for
from pingan.hazards.workflow import OPEN
from pingan.org import scoping
from pingan.org.decorators import role_required
from pingan.org.models import Region
from pingan.org.roles import Role
from pingan.places import selectors as place_selectors
from pingan.places import services as place_services

VIEWERS = tuple(workflow.VIEW_ROLES)
PAGE_SIZE = 50


def _regions_for_form(user):
    """Towns and villages the user may register places in (grids are too fine for a place)."""
    return list(
        scoping.regions_visible_to(user)
        .filter(level__in=[Region.Level.TOWN, Region.Level.VILLAGE], is_active=True)
        .order_by("code")
    )


@role_required(*VIEWERS)
@require_GET
def place_list(request):
    towns = selectors.towns_for(request.user)
    form = forms.PlaceSearchForm(request.GET or None, towns=towns)
    data = form.cleaned_data if form.is_valid() else {}
    rows = place_selectors.places_visible_to(request.user).annotate(
        open_hazards=Count("hazards", filter=Q(hazards__status__in=OPEN))
    )
    q = (data.get("q") or "").strip()
    if q:
        rows = rows.filter(Q(name__icontains=q) | Q(address__icontains=q))
    if data.get("kind"):
        rows = rows.filter(kind=data["kind"])
    if data.get("town"):
        rows = rows.filter(region__code__startswith=data["town"])
    page = Paginator(rows.order_by("region__code", "name"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "places/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "may_add": scoping.has_role(request.user, *place_services.EDIT_ROLES),
        },
    )


# The people of a place are shown masked on the edit form as everywhere else (inspectors and grid
# workers do not need them in full); a masked value sent back unchanged keeps what is stored.
MASKED_ON_FORM = {
    "owner": mask_name,
    "contact_name": mask_name,
    "contact_phone": mask_phone,
}


def _unmask_unchanged(place, data: dict) -> dict:
    for field, mask in MASKED_ON_FORM.items():
        stored = getattr(place, field) or ""
        if stored and data.get(field) == mask(stored):
            data[field] = stored
    return data


def _place_form_page(request, place=None):
    regions = _regions_for_form(request.user)
    if request.method == "POST":
        form = forms.PlaceForm(request.POST, regions=regions)
        if form.is_valid():
            try:
                if place is None:
                    place = place_services.place_create(actor=request.user, **form.cleaned_data)
                    messages.success(request, _("已登记场所"))
                else:
                    place = place_services.place_update(
                        place=place,
                        actor=request.user,
                        **_unmask_unchanged(place, dict(form.cleaned_data)),
                    )
                    messages.success(request, _("已保存"))
                return redirect("hazards:place", pk=place.pk)
            except DomainError as exc:
                form.add_error(None, str(exc.message))
    elif place is not None:
        form = forms.PlaceForm(
            initial={
                "kind": place.kind,
                "name": place.name,
                "region": place.region.code,
                "address": place.address,
                "credit_code": place.credit_code,
                "owner": place.masked_owner,
                "contact_name": place.masked_contact_name,
                "contact_phone": place.masked_contact_phone,
                "is_active": place.is_active,
            },
            regions=regions,
        )
    else:
        form = forms.PlaceForm(regions=regions)
    return render(request, "places/form.html", {"form": form, "place": place})


@role_required(Role.INSPECTOR, Role.GRID, Role.ADMIN)
@require_http_methods(["GET", "POST"])
def place_new(request):
    return _place_form_page(request)


@role_required(Role.INSPECTOR, Role.GRID, Role.ADMIN)
@require_http_methods(["GET", "POST"])
def place_edit(request, pk: int):
    place = place_selectors.get_place_for(request.user, pk)
    if not place_services.may_edit(request.user, place.region):
        raise DomainError("forbidden", _("只有本辖区的检查员或网格员可以修改场所"), status=403)
    return _place_form_page(request, place)


@role_required(*VIEWERS)
@require_GET
def place_detail(request, pk: int):
    place = place_selectors.get_place_for(request.user, pk)
    return render(
        request,
        "places/detail.html",
        {
            "place": place,
            "inspections": list(
                selectors.inspections_visible_to(request.user)
                .filter(place=place)
                .select_related("inspector")
                .annotate(failed=Count("results", filter=Q(results__result=Result.FAIL)))[:20]
            ),
            "hazards": list(
                selectors.hazards_visible_to(request.user)
                .filter(place=place)
                .select_related("region")
                .order_by("-found_at")[:50]
            ),
            "may_edit": place_services.may_edit(request.user, place.region),
            "may_inspect": scoping.can_act(request.user, Role.INSPECTOR, place.region),
            "may_record": any(
                scoping.can_act(request.user, r, place.region) for r in workflow.RECORD_ROLES
            ),
            "hazard_form": forms.HazardForm(),
        },
    )


@role_required(Role.INSPECTOR, Role.ADMIN)
@require_http_methods(["GET", "POST"])
def inspect(request, pk: int):
    """The checklist of the place's kind, one result per item; saved as one inspection."""
    place = place_selectors.get_place_for(request.user, pk)
    items = checklist_for(place.kind)
    answers = {}
    error = ""
    if request.method == "POST":
        answers = forms.results_from(request.POST, items)
        try:
            inspection = services.inspection_record(
                actor=request.user,
                place=place,
                results=answers,
                note=request.POST.get("note", ""),
            )
        except DomainError as exc:
            error = str(exc.message)
        else:
            messages.success(request, _("已保存检查记录"))
            return redirect("hazards:inspection", pk=inspection.pk)
    rows = [
        {
            "item": item,
            "result": answers.get(item.pk, ("", ""))[0] or Result.PASS,
            "note": answers.get(item.pk, ("", ""))[1],
        }
        for item in items
    ]
    return render(
        request,
        "places/inspect.html",
        {
            "place": place,
            "rows": rows,
            "choices": Result.choices,
            "error": error,
            "note": request.POST.get("note", ""),
        },
        status=422 if error else 200,
    )


@role_required(*VIEWERS)
@require_GET
def inspection_detail(request, pk: int):
    inspection = selectors.get_inspection_for(request.user, pk)
    results = list(inspection.results.all())
    failed = [r for r in results if r.result == Result.FAIL]
    return render(
        request,
        "places/inspection.html",
        {
            "inspection": inspection,
            "results": results,
            "hazards": list(inspection.hazards.all()),
            "hazard_form": forms.HazardForm(failed_items=failed),
            "may_record": any(
                scoping.can_act(request.user, r, inspection.region) for r in workflow.RECORD_ROLES
            ),
        },
    )


@role_required(Role.INSPECTOR, Role.GRID, Role.ADMIN)
@require_POST
def record_hazard(request, pk: int):
    """Record a hazard at a place; with `inspection` it was found during that inspection."""
    place = place_selectors.get_place_for(request.user, pk)
    inspection = None
    if request.POST.get("inspection"):
        inspection = selectors.get_inspection_for(request.user, request.POST["inspection"])
    failed = list(inspection.results.filter(result=Result.FAIL)) if inspection else []
    data = dict(forms.cleaned(forms.HazardForm(request.POST, request.FILES, failed_items=failed)))
    data["photos"] = tuple(request.FILES.getlist("photos"))
    hazard = services.hazard_record(actor=request.user, place=place, inspection=inspection, **data)
    messages.success(request, _("已登记隐患 %(number)s") % {"number": hazard.number})
    return redirect("hazards:detail", pk=hazard.pk)
