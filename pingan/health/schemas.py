"""Shapes of the health API. A holder's answers carry their own masked name only; officers see
people by id and masked name; the public rules carry no personal data at all."""

from datetime import datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from pingan.health.reasons import explain


class StatusOut(Schema):
    colour: str = Field(..., description="green | yellow | red")
    seq: int = Field(..., description="版本号：每次变色加 1，旧版本的码作废")
    reason_code: str
    reason: str = Field(..., description="通俗的原因说明")
    changed_at: datetime
    lapses_at: datetime | None = Field(None, description="无新情况时自动转绿的时间")

    @staticmethod
    def resolve_reason(obj):
        return explain(obj.reason_code)


class HealthMeOut(Schema):
    registered: bool
    masked_name: str
    status: StatusOut | None


class DeclareIn(Schema):
    temperature: Decimal = Field(..., description="体温（℃），34.0–43.0", examples=["36.5"])
    symptoms: list[str] = Field(
        default_factory=list,
        max_length=10,
        description="fever, cough, sore_throat, fatigue, taste, diarrhoea",
    )
    travelled: list[int] = Field(
        default_factory=list, max_length=50, description="近 14 天到过的风险地区 id（见 /rules）"
    )
    close_contact: bool = False


class DeclarationOut(Schema):
    id: int
    created_at: datetime
    temperature: Decimal
    symptoms: list[str]
    close_contact: bool
    computed_colour: str = Field(..., description="规则对这次申报的判定（申报不降低已有码色）")
    status: StatusOut | None

    @staticmethod
    def resolve_status(obj):
        from pingan.health.selectors import health_status_of

        return health_status_of(obj.person)


class ChangeIn(Schema):
    colour: Literal["green", "yellow", "red"]
    reason_code: str = Field(..., max_length=40, description="officer_* 原因代码")
    note: str = Field(..., max_length=1000, description="情况说明")


class RequestOut(Schema):
    id: int
    person: int
    colour: str
    reason_code: str
    note: str
    status: str
    requested_by: str
    decided_by: str | None
    created_at: datetime
    decided_at: datetime | None

    @staticmethod
    def resolve_person(obj):
        return obj.person_id

    @staticmethod
    def resolve_requested_by(obj):
        return obj.requested_by.get_username()

    @staticmethod
    def resolve_decided_by(obj):
        return obj.decided_by.get_username() if obj.decided_by_id else None


class StatusChangeOut(Schema):
    applied: bool = Field(..., description="false：赋红码须另一名防疫专员审批，见 request")
    status: StatusOut | None
    request: RequestOut | None


class HealthDecideIn(Schema):
    note: str = Field("", max_length=1000)


class PersonStatusOut(Schema):
    id: int
    masked_name: str
    region: str | None
    status: StatusOut | None


class AppealIn(Schema):
    text: str = Field(..., max_length=1000)


class AppealDecideIn(Schema):
    decision: Literal["uphold", "reject"]
    answer: str = Field(..., max_length=1000)


class AppealOut(Schema):
    id: int
    person: int
    status: str
    text: str
    answer: str
    created_at: datetime
    decided_at: datetime | None

    @staticmethod
    def resolve_person(obj):
        return obj.person_id


class RuleOut(Schema):
    name: str
    colour: str
    reason_code: str
    conditions: list[str]
    explanation: str

    @staticmethod
    def resolve_conditions(obj):
        return obj.conditions_text()


class AreaOut(Schema):
    id: int
    name: str
    level: str
    valid_from: datetime
    valid_until: datetime | None


class RulesOut(Schema):
    rules: list[RuleOut]
    areas: list[AreaOut]
    yellow_days: int
    red_days: int
