"""The petitions API (/api/v1/petitions): parse, call one service, answer.

Every transition is `POST /petitions/{id}/<action>` with the action's name from the workflow
table; each body may carry `expected_version` (409 `stale` when someone changed it first).
"""

from datetime import datetime

from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja import Status as HttpStatus
from ninja.pagination import paginate

from pingan.cases import clock
from pingan.cases import selectors as case_selectors
from pingan.core.api_support import ERRORS, Pagination
from pingan.core.errors import DomainError
from pingan.org.models import User
from pingan.petitions import selectors, services
from pingan.petitions.schemas import (
    AttachIn,
    ExtendIn,
    LeaderIn,
    OpinionIn,
    PetitionDetailOut,
    PetitionIn,
    PetitionNoteIn,
    PetitionOut,
    PetitionReasonIn,
    ReplyIn,
    RequestIn,
    RouteIn,
    TownBacklogOut,
)
from pingan.petitions.workflow import Status

router = Router(tags=["petitions"])
DETAIL = {200: PetitionDetailOut, **ERRORS}


def _leader(username: str | None) -> User | None:
    if not username:
        return None
    leader = User.objects.filter(username=username, is_active=True).first()
    if leader is None:
        raise DomainError("invalid_leader", _("包案领导不存在或已停用"), status=422)
    return leader


@router.get(
    "/petitions", response={200: list[PetitionOut], **ERRORS}, summary="Petitions visible to me"
)
@paginate(Pagination)
def list_petitions(
    request,
    status: str | None = Query(None, description=" | ".join(Status.values)),
    town: str | None = Query(None, max_length=15, description="镇街区划代码（含下级）"),
    collective: bool = False,
    repeat: bool = False,
    over_level: bool = False,
    overdue: bool = Query(False, description="true：只看已超期"),
    backlog: bool = Query(False, description="true：只看积案"),
    q: str | None = Query(None, max_length=60, description="信访件编号、工单号或标题"),
):
    if status and status not in Status.values:
        raise DomainError(
            "unknown_status", _("未知的状态：%(value)s") % {"value": status}, status=422
        )
    filters = selectors.Filters(
        status=status or "",
        town=town or "",
        collective=collective,
        repeat=repeat,
        over_level=over_level,
        overdue=overdue,
        backlog=backlog,
        q=q or "",
    )
    return selectors.petition_list(request.user, filters).select_related(
        "repeat_of", "intake_region"
    )


@router.get(
    "/petitions/backlog",
    response={200: list[TownBacklogOut], **ERRORS},
    summary="The backlog (积案) per town",
)
def backlog(request, as_of: datetime | None = None):
    rows = selectors.backlog_by_town(request.user, as_of or clock.now())
    return [
        {
            "town": row.town.code if row.town else None,
            "town_name": row.town.name if row.town else _("市本级"),
            "count": row.count,
            "items": [
                {
                    "id": item.petition.pk,
                    "number": item.petition.number,
                    "title": item.petition.case.title,
                    "status": item.petition.status,
                    "reasons": item.reasons,
                    "leader": item.petition.leader.username if item.petition.leader else None,
                    "leader_name": (
                        item.petition.leader.display_name if item.petition.leader else None
                    ),
                    "unit_name": item.petition.unit.name if item.petition.unit else None,
                }
                for item in row.items
            ],
        }
        for row in rows
    ]


@router.post("/petitions", response={201: PetitionDetailOut, **ERRORS}, summary="Register")
def register(request, payload: PetitionIn):
    data = payload.dict()
    data["leader"] = _leader(data.pop("leader"))
    petition = services.petition_create(actor=request.user, **data)
    return HttpStatus(201, selectors.petition_detail_after_action(petition))


@router.post(
    "/petitions/attach",
    response={201: PetitionDetailOut, **ERRORS},
    summary="Register a petition on an existing work order of kind petition",
)
def attach(request, payload: AttachIn):
    data = payload.dict()
    case = case_selectors.get_case_for(request.user, data.pop("case_id"))
    data["leader"] = _leader(data.pop("leader"))
    petition = services.petition_register(case=case, actor=request.user, **data)
    return HttpStatus(201, selectors.petition_detail_after_action(petition))


@router.get("/petitions/{petition_id}", response=DETAIL, summary="A petition with its timeline")
def get_petition(request, petition_id: int):
    return selectors.petition_detail_for(request.user, petition_id)


def _act(request, petition_id: int, service, **kwargs):
    petition = selectors.get_petition_for(request.user, petition_id)
    petition = service(petition=petition, actor=request.user, **kwargs)
    return selectors.petition_detail_after_action(petition)


@router.post("/petitions/{petition_id}/route", response=DETAIL, summary="转送/交办")
def route(request, petition_id: int, payload: RouteIn):
    data = payload.dict()
    data["leader"] = _leader(data.pop("leader"))
    return _act(request, petition_id, services.petition_route, **data)


@router.post("/petitions/{petition_id}/object", response=DETAIL, summary="单位提出异议")
def object_(request, petition_id: int, payload: PetitionReasonIn):
    return _act(request, petition_id, services.petition_object, **payload.dict())


@router.post("/petitions/{petition_id}/accept", response=DETAIL, summary="受理并告知信访人")
def accept(request, petition_id: int, payload: PetitionNoteIn):
    return _act(request, petition_id, services.petition_accept, **payload.dict())


@router.post("/petitions/{petition_id}/extend", response=DETAIL, summary="延长办理期限（一次）")
def extend(request, petition_id: int, payload: ExtendIn):
    return _act(request, petition_id, services.petition_extend, **payload.dict())


@router.post("/petitions/{petition_id}/reply", response=DETAIL, summary="出具答复意见书")
def reply(request, petition_id: int, payload: ReplyIn):
    return _act(request, petition_id, services.petition_reply, **payload.dict())


@router.post("/petitions/{petition_id}/ask_review", response=DETAIL, summary="登记复查申请")
def ask_review(request, petition_id: int, payload: RequestIn):
    return _act(request, petition_id, services.petition_ask_review, **payload.dict())


@router.post("/petitions/{petition_id}/decide_review", response=DETAIL, summary="复查意见")
def decide_review(request, petition_id: int, payload: OpinionIn):
    return _act(request, petition_id, services.petition_decide_review, **payload.dict())


@router.post("/petitions/{petition_id}/ask_recheck", response=DETAIL, summary="登记复核申请")
def ask_recheck(request, petition_id: int, payload: RequestIn):
    return _act(request, petition_id, services.petition_ask_recheck, **payload.dict())


@router.post("/petitions/{petition_id}/decide_recheck", response=DETAIL, summary="复核意见（终结）")
def decide_recheck(request, petition_id: int, payload: OpinionIn):
    return _act(request, petition_id, services.petition_decide_recheck, **payload.dict())


@router.post("/petitions/{petition_id}/assign_leader", response=DETAIL, summary="确定包案领导")
def assign_leader(request, petition_id: int, payload: LeaderIn):
    data = payload.dict()
    data["leader"] = _leader(data.pop("leader"))
    return _act(request, petition_id, services.petition_assign_leader, **data)
