"""The work-order API (/api/v1/cases, /api/v1/categories): parse, call one service, answer.

Every transition is `POST /cases/{id}/<action>` with the action's name from the workflow table;
each body may carry `expected_version` (409 `stale` when someone changed the case first).
"""

from django.db.models import Q
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from pingan.cases import clock, selectors, services
from pingan.cases.models import CasePhoto, Channel, Kind
from pingan.cases.schemas import (
    AnswerIn,
    CaseCreatedOut,
    CaseDetailOut,
    CaseIn,
    CaseOut,
    CategoryOut,
    DispatchIn,
    ExtensionDecisionIn,
    ExtensionRequestIn,
    FollowUpIn,
    MergeIn,
    NoteIn,
    QueueOut,
    ReasonIn,
    SuperviseIn,
)
from pingan.cases.workflow import Status as CaseStatus
from pingan.core import uploads
from pingan.core.api_support import ERRORS, ErrorOut, Pagination
from pingan.core.errors import DomainError, NotFound
from pingan.org.models import User

router = Router(tags=["cases"])
DETAIL = {200: CaseDetailOut, **ERRORS}


@router.get(
    "/categories",
    auth=None,
    response={200: list[CategoryOut], 422: ErrorOut},
    summary="Categories of matters (public reference data)",
)
def list_categories(request):
    return list(selectors.active_categories())


def _choice(value: str | None, allowed, code: str, label: str) -> str | None:
    if value and value not in allowed:
        raise DomainError(
            code, _("未知的%(label)s：%(value)s") % {"label": label, "value": value}, status=422
        )
    return value or None


@router.get("/cases", response={200: list[CaseOut], **ERRORS}, summary="Cases visible to me")
@paginate(Pagination)
def list_cases(
    request,
    status: str | None = Query(None, description="状态，可用逗号分隔多个"),
    queue: str | None = Query(None, description=" | ".join(selectors.QUEUES)),
    kind: str | None = None,
    channel: str | None = None,
    category: str | None = Query(None, description="分类编码（含下级分类）"),
    region: str | None = Query(None, description="区划代码（含下级区划）"),
    department: str | None = Query(None, description="承办部门编码"),
    q: str | None = Query(None, max_length=60, description="工单号、标题或描述中的文字"),
    overdue: bool | None = Query(None, description="true：只看已逾期"),
):
    now = clock.now()
    cases = (
        selectors.queue(request.user, queue, now=now)
        if queue
        else selectors.cases_visible_to(request.user).order_by("-created_at", "-id")
    )
    if status:
        wanted = [s.strip() for s in status.split(",") if s.strip()]
        for value in wanted:
            _choice(value, CaseStatus.values, "unknown_status", _("状态"))
        cases = cases.filter(status__in=wanted)
    if _choice(kind, Kind.values, "unknown_kind", _("诉求类型")):
        cases = cases.filter(kind=kind)
    if _choice(channel, Channel.values, "unknown_channel", _("来源渠道")):
        cases = cases.filter(channel=channel)
    if category:
        cases = cases.filter(
            Q(category__code=category) | Q(category__code__startswith=f"{category}.")
        )
    if region:
        cases = cases.filter(region__code__startswith=region)
    if department:
        cases = cases.filter(department__code=department)
    if q:
        text = q.strip()
        cases = cases.filter(
            Q(number__startswith=text.upper())
            | Q(title__contains=text)
            | Q(description__contains=text)
        )
    if overdue:
        cases = cases.filter(selectors.sla_q(selectors.RED, now))
    return cases.select_related("category", "region", "department", "merged_into")


@router.get("/cases/queues", response={200: list[QueueOut], **ERRORS}, summary="My work queues")
def list_queues(request):
    counts = selectors.queue_counts(request.user)
    return [
        {"name": name, "label": str(label), "count": counts[name]}
        for name, label in selectors.QUEUES.items()
    ]


@router.post("/cases", response={201: CaseCreatedOut, **ERRORS}, summary="Register a case")
def create_case(request, payload: CaseIn):
    case, query_code = services.case_create(actor=request.user, **payload.dict())
    case = selectors.get_case_for(request.user, case.pk)
    case.query_code = query_code
    return Status(201, case)


@router.get("/cases/{case_id}", response=DETAIL, summary="A case with its timeline")
def get_case(request, case_id: int):
    return selectors.case_detail_for(request.user, case_id)


@router.post("/cases/{case_id}/photos", response=DETAIL, summary="Add photos (JPEG/PNG/WebP)")
def add_photos(request, case_id: int, photos: File[list[UploadedFile]]):
    case = selectors.get_case_for(request.user, case_id)
    services.case_add_photos(case=case, actor=request.user, photos=tuple(photos))
    return selectors.case_detail_for(request.user, case_id)


@router.get("/cases/{case_id}/photos/{photo_id}", response={200: None, **ERRORS}, summary="A photo")
def get_photo(request, case_id: int, photo_id: int):
    case = selectors.get_case_for(request.user, case_id)
    photo = CasePhoto.objects.filter(case=case, pk=photo_id).first()
    if photo is None:
        raise NotFound()
    return uploads.file_response(
        photo.file.open("rb"),
        content_type=photo.content_type,
        download_name=photo.stored_name,
        cache_seconds=3600,
    )


def _act(request, case_id: int, service, /, **kwargs):
    case = selectors.get_case_for(request.user, case_id)
    case = service(case=case, actor=request.user, **kwargs)
    return selectors.case_detail_after_action(case)


@router.post("/cases/{case_id}/accept", response=DETAIL, summary="受理")
def accept(request, case_id: int, payload: NoteIn):
    return _act(request, case_id, services.case_accept, **payload.dict())


@router.post("/cases/{case_id}/reject", response=DETAIL, summary="不予受理")
def reject(request, case_id: int, payload: ReasonIn):
    return _act(request, case_id, services.case_reject, **payload.dict())


@router.post("/cases/{case_id}/resolve_on_spot", response=DETAIL, summary="即时办结")
def resolve_on_spot(request, case_id: int, payload: AnswerIn):
    return _act(request, case_id, services.case_resolve_on_spot, **payload.dict())


@router.post("/cases/{case_id}/dispatch", response=DETAIL, summary="派单")
def dispatch(request, case_id: int, payload: DispatchIn):
    data = payload.dict()
    handler_id = data.pop("handler")
    handler = None
    if handler_id is not None:
        handler = User.objects.filter(pk=handler_id, is_active=True).first()
        if handler is None:
            raise DomainError("invalid_handler", _("指定的承办人不存在"), status=422)
    return _act(request, case_id, services.case_dispatch, handler=handler, **data)


@router.post("/cases/{case_id}/sign", response=DETAIL, summary="签收")
def sign(request, case_id: int, payload: NoteIn):
    return _act(request, case_id, services.case_sign, **payload.dict())


@router.post("/cases/{case_id}/return", response=DETAIL, summary="退单")
def return_case(request, case_id: int, payload: ReasonIn):
    return _act(request, case_id, services.case_return, **payload.dict())


@router.post("/cases/{case_id}/answer", response=DETAIL, summary="答复")
def answer(request, case_id: int, payload: AnswerIn):
    return _act(request, case_id, services.case_answer, **payload.dict())


@router.post("/cases/{case_id}/pause", response=DETAIL, summary="挂起（等待群众）")
def pause(request, case_id: int, payload: ReasonIn):
    return _act(request, case_id, services.case_pause, **payload.dict())


@router.post("/cases/{case_id}/resume", response=DETAIL, summary="恢复办理")
def resume(request, case_id: int, payload: NoteIn):
    return _act(request, case_id, services.case_resume, **payload.dict())


@router.post("/cases/{case_id}/merge", response=DETAIL, summary="合并到主工单")
def merge(request, case_id: int, payload: MergeIn):
    data = payload.dict()
    into = selectors.get_case_for(request.user, data.pop("into"))
    return _act(request, case_id, services.case_merge, into=into, **data)


@router.post("/cases/{case_id}/close", response=DETAIL, summary="办结")
def close(request, case_id: int, payload: NoteIn):
    return _act(request, case_id, services.case_close, **payload.dict())


@router.post("/cases/{case_id}/reopen", response=DETAIL, summary="重办")
def reopen(request, case_id: int, payload: ReasonIn):
    return _act(request, case_id, services.case_reopen, **payload.dict())


@router.post("/cases/{case_id}/request_extension", response=DETAIL, summary="申请延期")
def request_extension(request, case_id: int, payload: ExtensionRequestIn):
    return _act(request, case_id, services.case_request_extension, **payload.dict())


@router.post("/cases/{case_id}/decide_extension", response=DETAIL, summary="审批延期")
def decide_extension(request, case_id: int, payload: ExtensionDecisionIn):
    return _act(request, case_id, services.case_decide_extension, **payload.dict())


@router.post("/cases/{case_id}/remind", response=DETAIL, summary="催办")
def remind(request, case_id: int, payload: NoteIn):
    return _act(request, case_id, services.case_remind, **payload.dict())


@router.post("/cases/{case_id}/supervise", response=DETAIL, summary="督办（黄牌/红牌）")
def supervise(request, case_id: int, payload: SuperviseIn):
    return _act(request, case_id, services.case_supervise, **payload.dict())


@router.post("/cases/{case_id}/follow_up", response=DETAIL, summary="回访")
def follow_up(request, case_id: int, payload: FollowUpIn):
    return _act(request, case_id, services.case_follow_up, **payload.dict())
