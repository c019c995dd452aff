"""Hazard pages: the scoped list with filters, the leaders' 挂牌督办 board, one hazard with its
timeline and the actions open to the viewer, and its photos."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from pingan.core import uploads
from pingan.hazards import forms, selectors, workflow
from pingan.hazards.models import HazardPhoto
from pingan.org.decorators import role_required
from pingan.org.roles import Role
from pingan.places import selectors as place_selectors

VIEWERS = tuple(workflow.VIEW_ROLES)
PAGE_SIZE = 50


def _town_names(towns) -> dict[str, str]:
    return {t.code: t.name for t in towns}


@role_required(*VIEWERS)
@require_GET
def hazard_list(request):
    towns = selectors.towns_for(request.user)
    form = forms.FilterForm(request.GET or None, towns=towns)
    data = form.cleaned_data if form.is_valid() else {}
    now = timezone.now()
    rows = selectors.filter_hazards(
        selectors.with_list_columns(selectors.hazards_visible_to(request.user)),
        status=data.get("status", ""),
        grade=data.get("grade", ""),
        overdue=data.get("overdue") == "1",
        town=data.get("town", ""),
        q=(data.get("q") or "").strip(),
        now=now,
    ).order_by("-found_at", "-id")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    names = _town_names(towns)
    for hazard in page:
        hazard.town_name = names.get(selectors.town_code(hazard.region), "")
        hazard.overdue = hazard.is_overdue(now)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "hazards/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "counts": selectors.counts_for(request.user, now),
        },
    )


@role_required(Role.LEADER, Role.ADMIN)
@require_GET
def supervision(request):
    now = timezone.now()
    board = selectors.supervision_board(request.user, now)
    for rows in board.values():
        for hazard in rows:
            hazard.overdue = hazard.is_overdue(now)
    return render(request, "hazards/supervision.html", {"board": board})


def _places_to_link(user, hazard):
    """For a reported hazard without a place: the registered places of its town to choose from."""
    if hazard.place_id is not None or hazard.status != workflow.Status.FOUND:
        return []
    rows = place_selectors.places_visible_to(user).filter(
        is_active=True, region__code__startswith=selectors.town_code(hazard.region)
    )
    return list(rows.order_by("region__code", "name")[:200])


@role_required(*VIEWERS)
@require_GET
def hazard_detail(request, pk: int):
    hazard = selectors.hazard_detail_for(request.user, pk)
    actions = workflow.available_actions(hazard, request.user)
    hazard.overdue = hazard.is_overdue(timezone.now())
    return render(
        request,
        "hazards/detail.html",
        {
            "hazard": hazard,
            "events": selectors.timeline(hazard),
            "photos": list(hazard.photos.all()),
            "actions": actions,
            "order_form": forms.OrderForm(
                initial={"grade": hazard.grade or workflow.Grade.GENERAL},
                places=_places_to_link(request.user, hazard),
            ),
            "fix_form": forms.RequiredNoteForm(),
            "review_form": forms.RequiredNoteForm(),
            "pass_form": forms.PassForm(),
            "fail_form": forms.FailForm(),
            "close_form": forms.NoteForm(),
            "reason_form": forms.ReasonForm(),
            "supervise_form": forms.SuperviseForm(),
        },
    )


@role_required(*VIEWERS)
@require_GET
def photo(request, pk: int, photo_id: int):
    """A photo of a hazard the viewer may see (media files are not served publicly)."""
    hazard = selectors.get_hazard_for(request.user, pk)
    row = HazardPhoto.objects.filter(hazard=hazard, pk=photo_id).first()
    if row is None:
        raise Http404
    return uploads.file_response(
        row.file.open("rb"),
        content_type=row.content_type,
        download_name=row.stored_name,
        cache_seconds=3600,
    )
