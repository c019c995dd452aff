"""Shapes of the petitions API. Petitioners leave the server masked, always."""

from datetime import datetime

from ninja import Field, Schema

from pingan.cases import clock
from pingan.petitions import deadlines, workflow
from pingan.petitions.models import RouteKind
from pingan.petitions.services import PETITION_CHANNELS

CHANNELS = " | ".join(sorted(PETITION_CHANNELS))


class PetitionerIn(Schema):
    name: str = Field("", max_length=60)
    phone: str = Field("", max_length=20)
    id_number: str = Field("", max_length=18)
    address: str = Field("", max_length=200)


class PetitionIn(Schema):
    channel: str = Field(..., max_length=10, description=CHANNELS)
    category: str = Field(..., max_length=60, description="事项分类编码（须受理“信访”类）")
    region: str = Field(..., max_length=15, description="事项发生地区划代码")
    description: str = Field(..., max_length=4000)
    petitioners: list[PetitionerIn] = Field(..., description="信访人（集体访登记代表）")
    headcount: int | None = Field(None, description="信访总人数；留空按登记的信访人计")
    over_level: bool = False
    intake_region: str | None = Field(None, max_length=15, description="受理地（市或镇街）")
    leader: str | None = Field(None, max_length=150, description="包案领导的用户名")
    title: str = Field("", max_length=100)
    address: str = Field("", max_length=200)


class AttachIn(Schema):
    case_id: int = Field(..., description="“信访”类工单的 id")
    petitioners: list[PetitionerIn]
    headcount: int | None = None
    over_level: bool = False
    intake_region: str | None = Field(None, max_length=15)
    leader: str | None = Field(None, max_length=150)
    note: str = Field("", max_length=4000)


class Versioned(Schema):
    expected_version: int | None = Field(None, description="读到的版本号；已被他人更新时 409")


class RouteIn(Versioned):
    unit: str = Field(..., max_length=40, description="责任单位编码")
    route_kind: str = Field(RouteKind.ASSIGN, description="transfer（转送）| assign（交办）")
    note: str = Field("", max_length=4000)
    leader: str | None = Field(None, max_length=150, description="包案领导的用户名")


class PetitionReasonIn(Versioned):
    reason: str = Field(..., max_length=4000)


class PetitionNoteIn(Versioned):
    note: str = Field("", max_length=4000)


class ExtendIn(Versioned):
    days: int = Field(..., description="延长天数，1–30，仅一次")
    reason: str = Field(..., max_length=4000)


class ReplyIn(Versioned):
    opinion: str = Field(..., max_length=4000, description="处理意见")
    facts: str = Field("", max_length=4000, description="查明事实")


class RequestIn(Versioned):
    grounds: str = Field(..., max_length=4000, description="复查/复核请求的事项和理由")


class OpinionIn(Versioned):
    opinion: str = Field(..., max_length=4000)


class LeaderIn(Versioned):
    leader: str = Field(..., max_length=150, description="包案领导的用户名")
    note: str = Field("", max_length=4000)


class PetitionOut(Schema):
    id: int
    number: str
    status: str
    status_label: str
    case_id: int
    case_number: str
    title: str
    category: str
    region: str
    region_name: str
    headcount: int
    is_collective: bool
    repeat_of: str | None = Field(None, description="重复信访的原件编号")
    repeat_score: float | None
    repeat_after_reply: bool
    over_level: bool
    over_level_suggested: bool
    intake_region: str
    leader: str | None = Field(None, description="包案领导的用户名")
    leader_name: str | None
    unit: str | None = Field(None, description="责任单位编码")
    unit_name: str | None
    registered_at: datetime
    route_due: datetime | None
    routed_at: datetime | None
    notice_due: datetime | None
    objection_due: datetime | None
    accepted_at: datetime | None
    handle_due: datetime | None
    extension_days: int
    replied_at: datetime | None
    reply_number: str
    review_ask_due: datetime | None
    review_decide_due: datetime | None
    recheck_ask_due: datetime | None
    recheck_decide_due: datetime | None
    backlog_reasons: list[str] = Field(..., description="积案原因；空表示不在积案中")
    version: int

    @staticmethod
    def resolve_case_number(obj):
        return obj.case.number

    @staticmethod
    def resolve_title(obj):
        return obj.case.title

    @staticmethod
    def resolve_category(obj):
        return obj.case.category.code

    @staticmethod
    def resolve_region(obj):
        return obj.case.region.code

    @staticmethod
    def resolve_region_name(obj):
        return obj.case.region.name

    @staticmethod
    def resolve_repeat_of(obj):
        return obj.repeat_of.number if obj.repeat_of_id else None

    @staticmethod
    def resolve_intake_region(obj):
        return obj.intake_region.code

    @staticmethod
    def resolve_leader(obj):
        return obj.leader.username if obj.leader_id else None

    @staticmethod
    def resolve_leader_name(obj):
        return obj.leader.display_name if obj.leader_id else None

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.code if obj.unit_id else None

    @staticmethod
    def resolve_unit_name(obj):
        return obj.unit.name if obj.unit_id else None

    @staticmethod
    def resolve_backlog_reasons(obj):
        return deadlines.overdue_reasons(obj, clock.now())


class PetitionerOut(Schema):
    name: str = Field(..., description="脱敏姓名")
    phone: str = Field(..., description="脱敏手机号")

    @staticmethod
    def resolve_name(obj):
        return obj.person.masked_name

    @staticmethod
    def resolve_phone(obj):
        return obj.person.masked_phone


class PetitionEventOut(Schema):
    kind: str
    from_status: str
    to_status: str
    actor: str | None
    note: str
    data: dict
    at: datetime

    @staticmethod
    def resolve_actor(obj):
        return obj.actor.display_name if obj.actor_id else None


class PetitionDetailOut(PetitionOut):
    description: str
    petitioners: list[PetitionerOut]
    events: list[PetitionEventOut]
    extension_reason: str
    reply_facts: str
    reply_text: str
    review_opinion: str
    recheck_opinion: str
    actions: list[str] = Field(..., description="调用者当前可执行的操作")

    @staticmethod
    def resolve_description(obj):
        return obj.case.description

    @staticmethod
    def resolve_petitioners(obj):
        return list(obj.petitioner_rows.all())

    @staticmethod
    def resolve_events(obj):
        return list(obj.events.all())

    @staticmethod
    def resolve_actions(obj, context):
        user = context["request"].user
        return workflow.available_actions(obj, user, clock.now())


class BacklogItemOut(Schema):
    id: int
    number: str
    title: str
    status: str
    reasons: list[str]
    leader: str | None
    leader_name: str | None
    unit_name: str | None


class TownBacklogOut(Schema):
    town: str | None = Field(None, description="镇街区划代码；null 为市本级")
    town_name: str
    count: int
    items: list[BacklogItemOut]
