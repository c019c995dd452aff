"""Shapes of the work-order API. Reporter details leave the server masked, always."""

from datetime import datetime
from decimal import Decimal

from django.utils.translation import gettext
from ninja import Field, Schema

from pingan.cases import clock, selectors
from pingan.cases.models import Channel, Kind
from pingan.cases.workflow import EventKind

CHANNELS = " | ".join(Channel.values)
KINDS = " | ".join(Kind.values)


class CategoryOut(Schema):
    code: str
    name: str
    parent: str | None
    kinds: list[str] = Field(..., description="受理的诉求类型；空表示全部")
    description: str
    sort_order: int

    @staticmethod
    def resolve_parent(obj):
        return obj.parent.code if obj.parent_id else None


class CaseIn(Schema):
    channel: str = Field(..., max_length=10, description=CHANNELS)
    kind: str = Field(..., max_length=12, description=KINDS)
    category: str = Field(..., max_length=60, description="事项分类编码，见 GET /categories")
    region: str = Field(..., max_length=15, description="区划代码，见 GET /regions")
    description: str = Field(..., max_length=4000)
    reporter_phone: str = Field("", max_length=20)
    reporter_name: str = Field("", max_length=60)
    anonymous: bool = False
    urgent: bool = False
    address: str = Field("", max_length=200)
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    title: str = Field("", max_length=100)
    auto_accept: bool | None = Field(None, description="留空：工作人员渠道立即受理，网上渠道待受理")


class CaseOut(Schema):
    id: int
    number: str
    title: str
    status: str
    status_label: str
    channel: str
    kind: str
    category: str
    category_name: str
    region: str
    region_name: str
    department: str | None
    department_name: str | None
    urgent: bool
    supervision_level: str
    created_at: datetime
    accepted_at: datetime | None
    sign_due_at: datetime | None
    due_at: datetime | None
    sla_light: str = Field(..., description="green | yellow | red")
    merged_into: str | None = Field(None, description="合并到的主工单号")
    version: int

    @staticmethod
    def resolve_category(obj):
        return obj.category.code

    @staticmethod
    def resolve_category_name(obj):
        return obj.category.name

    @staticmethod
    def resolve_region(obj):
        return obj.region.code

    @staticmethod
    def resolve_region_name(obj):
        return obj.region.name

    @staticmethod
    def resolve_department(obj):
        return obj.department.code if obj.department_id else None

    @staticmethod
    def resolve_department_name(obj):
        return obj.department.name if obj.department_id else None

    @staticmethod
    def resolve_sla_light(obj):
        return selectors.sla_light(obj, clock.now())

    @staticmethod
    def resolve_merged_into(obj):
        return obj.merged_into.number if obj.merged_into_id else None


class CaseCreatedOut(CaseOut):
    query_code: str = Field(..., description="查询码，仅此一次返回，并已短信发给反映人")


class EventOut(Schema):
    id: int
    kind: str
    kind_label: str
    from_status: str
    to_status: str
    actor: str
    department: str | None
    note: str
    data: dict
    at: datetime

    @staticmethod
    def resolve_kind_label(obj):
        return str(EventKind(obj.kind).label)

    @staticmethod
    def resolve_actor(obj):
        return obj.actor.display_name if obj.actor_id else gettext("系统")

    @staticmethod
    def resolve_department(obj):
        return obj.department.name if obj.department_id else None


class PhotoOut(Schema):
    id: int
    content_type: str
    size: int
    created_at: datetime


class ReportOut(Schema):
    id: int
    number: str
    channel: str
    created_at: datetime


class ExtensionOut(Schema):
    id: int
    days: int
    reason: str
    status: str
    created_at: datetime
    decided_at: datetime | None
    decision_note: str


class CaseDetailOut(CaseOut):
    description: str
    address: str
    latitude: Decimal | None
    longitude: Decimal | None
    reporter_name: str = Field(..., description="掩码；匿名时为空")
    reporter_phone: str = Field(..., description="掩码；匿名时为空")
    anonymous: bool
    handler: str | None
    answer: str
    satisfaction: str | None
    reopen_count: int
    paused_seconds: int
    extension_days_granted: int
    dispatched_at: datetime | None
    signed_at: datetime | None
    answered_at: datetime | None
    closed_at: datetime | None
    follow_up_due_at: datetime | None
    events: list[EventOut]
    photos: list[PhotoOut]
    linked_reports: list[ReportOut] = Field(..., description="合并进来的重复件")
    extension_requests: list[ExtensionOut]
    actions: list[str] = Field(..., description="当前用户此刻可执行的操作")

    @staticmethod
    def resolve_events(obj):
        return list(obj.events.all())

    @staticmethod
    def resolve_photos(obj):
        return list(obj.photos.all())

    @staticmethod
    def resolve_linked_reports(obj):
        return list(obj.merged_cases.all())

    @staticmethod
    def resolve_extension_requests(obj):
        return list(obj.extension_requests.all())

    @staticmethod
    def resolve_actions(obj, context):
        return selectors.available_actions(obj, context["request"].user)

    @staticmethod
    def resolve_reporter_name(obj):
        return obj.masked_reporter_name

    @staticmethod
    def resolve_reporter_phone(obj):
        return "" if obj.anonymous else obj.masked_reporter_phone

    @staticmethod
    def resolve_handler(obj):
        return obj.handler.display_name if obj.handler_id else None


class QueueOut(Schema):
    name: str
    label: str
    count: int


class VersionIn(Schema):
    expected_version: int | None = Field(
        None, description="调用方看到的版本号；工单已被他人更新时返回 409 stale"
    )


class NoteIn(VersionIn):
    note: str = Field("", max_length=4000)


class ReasonIn(VersionIn):
    reason: str = Field(..., max_length=4000)


class AnswerIn(VersionIn):
    answer: str = Field(..., max_length=4000)


class DispatchIn(NoteIn):
    department: str = Field(..., max_length=40, description="承办部门编码")
    handler: int | None = Field(None, description="指定承办人（用户 id），可不填")


class MergeIn(NoteIn):
    into: int = Field(..., description="主工单 id")


class ExtensionRequestIn(VersionIn):
    days: int = Field(..., description="延期工作日，1–30")
    reason: str = Field(..., max_length=4000)


class ExtensionDecisionIn(VersionIn):
    request: int = Field(..., description="延期申请 id")
    grant: bool
    note: str = Field("", max_length=4000)


class SuperviseIn(NoteIn):
    level: str = Field(..., description="yellow | red")


class FollowUpIn(VersionIn):
    satisfaction: str = Field(..., description="satisfied | basic | unsatisfied")
    comment: str = Field("", max_length=1000)
