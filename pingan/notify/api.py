"""The bulk SMS API (/api/v1/sms): batches of my jurisdiction, a new batch to a region's
residents or a pledge's signers (an Excel list is uploaded on the page), its progress, and
stopping it. The request only creates the batch; the worker writes its messages."""

from datetime import datetime, time

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from pingan.core.api_support import ERRORS
from pingan.core.errors import DomainError
from pingan.notify import bulk
from pingan.notify.models import SmsBatch
from pingan.org import scoping

router = Router(tags=["sms"])


class BatchIn(Schema):
    name: str = Field(..., max_length=100)
    template: str = Field(..., max_length=64, description="bulk.notice 或 bulk.greeting")
    content: str = Field("", max_length=400)
    source: str = Field(..., description="region（辖区居民）或 pledge（公约签署人）")
    region: str = Field("", max_length=15, description="区域代码（source=region）")
    pledge: str = Field("", max_length=20, description="公约编号（source=pledge）")
    send_after: datetime | None = None
    window_start: time = time(8, 0)
    window_end: time = time(20, 0)
    rate_per_minute: int = Field(200, ge=1)


class BatchOut(Schema):
    id: int
    name: str
    region: str | None
    status: str
    source: str
    source_label: str
    template_code: str
    send_after: datetime
    # Local wall-clock times (Asia/Shanghai) without an offset, which OpenAPI's "time" format
    # (RFC 3339, offset required) cannot describe; hence a pattern.
    window_start: str = Field(
        ..., pattern=r"^\d{2}:\d{2}:\d{2}$", description="每日发送开始（北京时间）"
    )
    window_end: str = Field(
        ..., pattern=r"^\d{2}:\d{2}:\d{2}$", description="每日发送结束（北京时间）"
    )
    rate_per_minute: int
    expected: int
    queued: int
    total: int
    sent: int
    failed: int
    cancelled: int
    opted_out: int
    skipped: int
    finished: bool
    created_at: datetime

    @staticmethod
    def resolve_region(obj):
        return obj.region.code if obj.region_id else None

    @staticmethod
    def resolve_finished(obj):
        return obj.is_finished

    @staticmethod
    def resolve_window_start(obj):
        return obj.window_start.strftime("%H:%M:%S")

    @staticmethod
    def resolve_window_end(obj):
        return obj.window_end.strftime("%H:%M:%S")


class CancelIn(Schema):
    reason: str = Field("", max_length=200)


@router.get("/batches", response={200: list[BatchOut], **ERRORS}, summary="Bulk sends I may see")
def list_batches(request):
    return list(bulk.batches_visible_to(request.user)[:200])


@router.post(
    "/batches",
    response={201: BatchOut, **ERRORS},
    summary="Create a bulk send (the worker queues its messages)",
)
def create_batch(request, payload: BatchIn):
    if payload.source not in (SmsBatch.Source.REGION, SmsBatch.Source.PLEDGE):
        raise DomainError(
            "unknown_source", _("接口只支持 region 或 pledge；Excel 名单请在页面上传"), status=422
        )
    region = None
    if payload.source == SmsBatch.Source.REGION:
        if not payload.region:
            raise DomainError("region_required", _("请选择区域"), status=422)
        region = scoping.get_region_for(request.user, payload.region)
    batch = bulk.batch_create(
        actor=request.user,
        name=payload.name,
        template=payload.template,
        content=payload.content,
        source=payload.source,
        region=region,
        source_ref=payload.pledge,
        send_after=payload.send_after,
        window_start=payload.window_start,
        window_end=payload.window_end,
        rate_per_minute=payload.rate_per_minute,
    )
    return Status(201, batch)


@router.get("/batches/{batch_id}", response={200: BatchOut, **ERRORS}, summary="Progress")
def get_batch(request, batch_id: int):
    return bulk.get_batch_for(request.user, batch_id)


@router.post(
    "/batches/{batch_id}/cancel",
    response={200: BatchOut, **ERRORS},
    summary="Stop a bulk send: messages not yet sent are cancelled",
)
def cancel_batch(request, batch_id: int, payload: CancelIn):
    batch = bulk.get_batch_for(request.user, batch_id)
    return bulk.batch_cancel(actor=request.user, batch=batch, reason=payload.reason)
