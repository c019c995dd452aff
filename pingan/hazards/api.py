"""The hazards API (/api/v1/hazards/...): parse, call one service, answer.

Places: list (search) / detail / create / update; checklists per kind; inspections; hazards:
list (filters status, grade, overdue, town, supervised) / detail with timeline / create; each
transition is `POST /hazards/{id}/<action>`. Errors are {"code","message"} with a 4xx status.
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from pingan.core.api_support import ERRORS, Pagination
from pingan.core.errors import DomainError
from pingan.hazards import selectors, services, workflow
from pingan.hazards.schemas import (
    ChecklistItemOut,
    FailIn,
    HazardDetailOut,
    HazardIn,
    HazardNoteIn,
    HazardOut,
    HazardReasonIn,
    InspectionIn,
    InspectionOut,
    OrderIn,
    PlaceIn,
    PlaceOut,
)
from pingan.hazards.services.record import checklist_for
from pingan.places import selectors as place_selectors
from pingan.places import services as place_services
from pingan.places.models import Place

router = Router(tags=["hazards"])
DETAIL = {200: HazardDetailOut, **ERRORS}


def _choice(value, allowed, label):
    if value and value not in allowed:
        raise DomainError(
            "invalid_filter", _("未知的%(label)s：%(v)s") % {"label": label, "v": value}, status=422
        )
    return value


def _require_viewer(user):
    if not selectors.may_view(user):
        raise DomainError("forbidden", _("您没有查看隐患排查的权限"), status=403)


@router.get("/places", response={200: list[PlaceOut], **ERRORS}, summary="Places in my area")
@paginate(Pagination)
def list_places(
    request,
    q: str | None = None,
    kind: str | None = None,
    region: str | None = Query(None, description="区划代码（含下级）"),
):
    _require_viewer(request.user)
    rows = place_selectors.places_visible_to(request.user)
    if q:
        rows = rows.filter(Q(name__icontains=q) | Q(address__icontains=q))
    if _choice(kind, Place.Kind.values, _("场所类型")):
        rows = rows.filter(kind=kind)
    if region:
        rows = rows.filter(region__code__startswith=region)
    return rows.order_by("region__code", "name")


@router.post("/places", response={201: PlaceOut, **ERRORS}, summary="Register a place")
def create_place(request, payload: PlaceIn):
    place = place_services.place_create(actor=request.user, **payload.dict())
    return Status(201, place_selectors.get_place_for(request.user, place.pk))


@router.get("/places/{place_id}", response={200: PlaceOut, **ERRORS}, summary="A place")
def get_place(request, place_id: int):
    _require_viewer(request.user)
    return place_selectors.get_place_for(request.user, place_id)


@router.put("/places/{place_id}", response={200: PlaceOut, **ERRORS}, summary="Correct a place")
def update_place(request, place_id: int, payload: PlaceIn):
    place = place_selectors.get_place_for(request.user, place_id)
    place_services.place_update(place=place, actor=request.user, **payload.dict())
    return place_selectors.get_place_for(request.user, place_id)


@router.get(
    "/checklists/{kind}",
    response={200: list[ChecklistItemOut], **ERRORS},
    summary="The checklist for a kind of place",
)
def checklist(request, kind: str):
    _require_viewer(request.user)
    if kind not in Place.Kind.values:
        raise DomainError("invalid_kind", _("未知的场所类型：%(v)s") % {"v": kind}, status=404)
    return checklist_for(kind)


@router.post(
    "/inspections", response={201: InspectionOut, **ERRORS}, summary="Record an inspection"
)
def create_inspection(request, payload: InspectionIn):
    results = {r.item: (r.result, r.note) for r in payload.results}
    inspection = services.inspection_record(
        actor=request.user, place=payload.place, results=results, note=payload.note
    )
    inspection = selectors.get_inspection_for(request.user, inspection.pk)
    return Status(201, _inspection_out(inspection))


def _inspection_out(inspection):
    return {
        "id": inspection.pk,
        "place_id": inspection.place_id,
        "inspected_at": inspection.inspected_at,
        "note": inspection.note,
        "results": list(inspection.results.all()),
    }


@router.get(
    "/inspections/{inspection_id}", response={200: InspectionOut, **ERRORS}, summary="An inspection"
)
def get_inspection(request, inspection_id: int):
    return _inspection_out(selectors.get_inspection_for(request.user, inspection_id))


@router.get("/hazards", response={200: list[HazardOut], **ERRORS}, summary="Hazards in my area")
@paginate(Pagination)
def list_hazards(
    request,
    status: str | None = Query(None, description="状态；open = 未销号"),
    grade: str | None = Query(None, description="general | major | ungraded"),
    overdue: bool | None = None,
    town: str | None = Query(None, description="镇街区划代码（9 位）"),
    supervised: bool | None = None,
    place: int | None = None,
    q: str | None = None,
):
    _require_viewer(request.user)
    _choice(status, {*workflow.Status.values, "open"}, _("状态"))
    _choice(grade, {*workflow.Grade.values, "ungraded"}, _("隐患等级"))
    now = timezone.now()
    rows = selectors.filter_hazards(
        selectors.with_list_columns(selectors.hazards_visible_to(request.user)),
        status=status or "",
        grade=grade or "",
        overdue=bool(overdue),
        town=town or "",
        supervised=supervised,
        place=place,
        q=q or "",
        now=now,
    ).order_by("-found_at", "-id")
    return [_with_overdue(h, now) for h in rows]


def _with_overdue(hazard, now):
    hazard.overdue = hazard.is_overdue(now)
    return hazard


def _detail(user, pk):
    hazard = selectors.hazard_detail_for(user, pk)
    hazard.actions = workflow.available_actions(hazard, user)
    hazard.timeline_rows = selectors.timeline(hazard)
    return _with_overdue(hazard, timezone.now())


@router.post("/hazards", response={201: HazardDetailOut, **ERRORS}, summary="Record a hazard")
def create_hazard(request, payload: HazardIn):
    data = payload.dict()
    inspection_id = data.pop("inspection")
    inspection = (
        selectors.get_inspection_for(request.user, inspection_id) if inspection_id else None
    )
    hazard = services.hazard_record(actor=request.user, inspection=inspection, **data)
    return Status(201, _detail(request.user, hazard.pk))


@router.get("/hazards/{hazard_id}", response=DETAIL, summary="A hazard with its timeline")
def get_hazard(request, hazard_id: int):
    return _detail(request.user, hazard_id)


def _transition(service, request, hazard_id, **kwargs):
    hazard = selectors.get_hazard_for(request.user, hazard_id)
    service(hazard=hazard, actor=request.user, **kwargs)
    return _detail(request.user, hazard_id)


@router.post("/hazards/{hazard_id}/fix-on-spot", response=DETAIL, summary="立行立改 (一般)")
def fix_on_spot(request, hazard_id: int, payload: HazardNoteIn):
    return _transition(services.hazard_fix_on_spot, request, hazard_id, note=payload.note)


@router.post("/hazards/{hazard_id}/order", response=DETAIL, summary="Order rectification")
def order(request, hazard_id: int, payload: OrderIn):
    return _transition(services.hazard_order, request, hazard_id, **payload.dict())


@router.post(
    "/hazards/{hazard_id}/request-review", response=DETAIL, summary="Ask for re-inspection"
)
def request_review(request, hazard_id: int, payload: HazardNoteIn):
    return _transition(services.hazard_request_review, request, hazard_id, note=payload.note)


@router.post("/hazards/{hazard_id}/pass", response=DETAIL, summary="Re-inspection passed")
def pass_(request, hazard_id: int, payload: HazardNoteIn):
    return _transition(services.hazard_pass, request, hazard_id, note=payload.note)


@router.post("/hazards/{hazard_id}/fail", response=DETAIL, summary="Re-inspection failed")
def fail(request, hazard_id: int, payload: FailIn):
    return _transition(services.hazard_fail, request, hazard_id, **payload.dict())


@router.post("/hazards/{hazard_id}/close", response=DETAIL, summary="销号 (close)")
def close(request, hazard_id: int, payload: HazardNoteIn):
    return _transition(services.hazard_close, request, hazard_id, note=payload.note)


@router.post("/hazards/{hazard_id}/dismiss", response=DETAIL, summary="Not a hazard")
def dismiss(request, hazard_id: int, payload: HazardReasonIn):
    return _transition(services.hazard_dismiss, request, hazard_id, reason=payload.reason)


@router.post("/hazards/{hazard_id}/supervise", response=DETAIL, summary="挂牌督办 (leader)")
def supervise(request, hazard_id: int, payload: HazardNoteIn):
    return _transition(services.hazard_supervise, request, hazard_id, note=payload.note)
