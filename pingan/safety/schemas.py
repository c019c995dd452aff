"""Shapes of the Safety Day API."""

from datetime import date, datetime

from ninja import Field, Schema


class CampaignOut(Schema):
    id: int
    month: str
    day: date
    starts_on: date
    ends_on: date
    title: str
    status: str

    @staticmethod
    def resolve_month(obj):
        return f"{obj.month:%Y-%m}"


class RollupRowOut(Schema):
    region: str | None = Field(None, description="镇街区划代码；合计行为空")
    region_name: str | None = None
    activities: int
    by_kind: dict[str, int] = Field(..., description="talk/training/patrol/rectification 次数")
    people_reached: int
    questionnaires: int
    banners: int
    screens: int
    sms_sent: int
    tasks_done: int
    tasks_total: int


class CampaignDetailOut(CampaignOut):
    towns: list[RollupRowOut] = Field(..., alias="towns_rollup")
    total: RollupRowOut = Field(..., alias="total_rollup")


class ActivityIn(Schema):
    region: str = Field(..., max_length=15, description="举办地区划代码（镇街或村社区）")
    kind: str = Field(
        ..., description="talk 宣讲 / training 培训 / patrol 巡查 / rectification 整改"
    )
    held_on: date
    place: str = Field(..., max_length=120)
    departments: list[str] = Field(default_factory=list, description="参与部门编码")
    other_units: str = Field("", max_length=200)
    summary: str = Field("", max_length=2000)
    people_reached: int = 0
    questionnaires: int = 0
    banners: int = 0
    screens: int = 0
    sms_sent: int = 0


class ActivityOut(Schema):
    id: int
    campaign: int
    town: str
    region: str
    kind: str
    held_on: date
    place: str
    departments: list[str]
    other_units: str
    people_reached: int
    questionnaires: int
    banners: int
    screens: int
    sms_sent: int
    reported_at: datetime

    @staticmethod
    def resolve_campaign(obj):
        return obj.campaign_id

    @staticmethod
    def resolve_town(obj):
        return obj.town.code

    @staticmethod
    def resolve_region(obj):
        return obj.region.code

    @staticmethod
    def resolve_departments(obj):
        return [d.code for d in obj.departments.all()]
