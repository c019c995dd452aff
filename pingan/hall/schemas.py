"""Shapes of the hall API. Public answers carry no personal data; names on the duty board are
masked (张*三)."""

from datetime import date, datetime

from ninja import Field, Schema

from pingan.core.masking import mask_name
from pingan.hall.models import HalfDay, Profession


class CentreOut(Schema):
    id: int
    slug: str
    name: str
    region: str
    region_name: str
    level: str
    address: str
    phone: str

    @staticmethod
    def resolve_region(obj):
        return obj.region.code

    @staticmethod
    def resolve_region_name(obj):
        return obj.region.name

    @staticmethod
    def resolve_level(obj):
        return obj.region.level


class TakeIn(Schema):
    kind: str = Field(..., max_length=30, description="窗口类别编码，如 comprehensive、legal")
    phone: str = Field("", max_length=20, description="选填：叫号时短信提醒")


class PublicTicketOut(Schema):
    number: str
    kind: str
    kind_name: str
    status: str
    status_label: str
    token: str = Field(..., description="本号码页面的凭据：GET /hall/tickets/{token}")
    ahead: int = Field(..., description="前面等候的人数")
    window: str | None
    taken_at: datetime
    business_date: date

    @staticmethod
    def resolve_kind(obj):
        return obj.kind.code

    @staticmethod
    def resolve_kind_name(obj):
        return obj.kind.name

    @staticmethod
    def resolve_window(obj):
        return obj.window.name if obj.window_id else None

    @staticmethod
    def resolve_ahead(obj):
        from pingan.hall.selectors import people_ahead

        return people_ahead(obj)


class TicketOut(Schema):
    id: int
    number: str
    status: str
    status_label: str
    window: str | None
    taken_at: datetime
    called_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None
    wait_seconds: int | None
    service_seconds: int | None
    recall_count: int

    @staticmethod
    def resolve_window(obj):
        return obj.window.name if obj.window_id else None


class CallOut(Schema):
    number: str
    window: str
    status: str
    called_at: datetime = Field(..., description="最近一次叫号时间")

    @staticmethod
    def resolve_window(obj):
        return obj.window.name

    @staticmethod
    def resolve_called_at(obj):
        return obj.last_called_at


class WaitingOut(Schema):
    kind: str
    name: str
    prefix: str
    count: int


class DisplayOut(Schema):
    centre: str
    now: datetime
    calls: list[CallOut] = Field(..., description="今日最近的叫号，最新在前")
    waiting: list[WaitingOut]


class ShareOut(Schema):
    month: str = Field(..., description="YYYY-MM")
    settled: int = Field(..., description="当月办结事项数")
    one_visit: int = Field(..., description="其中来访 1 次的事项数")
    share: float | None = Field(..., description="一次办结率（0–1）；无办结事项时为 null")
    formula: str


class SlotOut(Schema):
    id: int
    date: date
    half: str = Field(..., description=" | ".join(HalfDay.values))
    window: str
    window_id: int
    person: str = Field(..., description="用户名")
    person_name: str
    profession: str = Field(..., description=" | ".join(Profession.values))

    @staticmethod
    def resolve_window(obj):
        return obj.window.name

    @staticmethod
    def resolve_person(obj):
        return obj.person.username

    @staticmethod
    def resolve_person_name(obj):
        return obj.person.display_name


class DutyBoardOut(Schema):
    name: str = Field(..., description="姓名（已遮挡）")
    profession: str
    profession_label: str
    window: str
    half: str

    @staticmethod
    def resolve_name(obj):
        return mask_name(obj.person.name or obj.person.username)

    @staticmethod
    def resolve_profession_label(obj):
        return obj.get_profession_display()

    @staticmethod
    def resolve_window(obj):
        return obj.window.name


class SlotIn(Schema):
    window: int
    date: date
    half: str = Field(..., max_length=2, description=" | ".join(HalfDay.values))
    person: str = Field(..., max_length=150, description="值班人员用户名")
    profession: str = Field("", max_length=12, description="留空按岗位识别")


class PatternIn(Schema):
    window: int
    person: str = Field(..., max_length=150)
    weekday: int = Field(..., ge=0, le=6, description="0 周一 … 6 周日")
    half: str = Field(..., max_length=2)
    start_date: date
    end_date: date
    profession: str = Field("", max_length=12)


class PatternOut(Schema):
    id: int
    slots: list[SlotOut]

    @staticmethod
    def resolve_slots(obj):
        return list(obj.slots.select_related("window", "person").order_by("date"))


class SwapIn(Schema):
    slot: int
    other: int
    reason: str = Field(..., max_length=200)


class DecideIn(Schema):
    approve: bool
    note: str = Field("", max_length=200)


class SwapOut(Schema):
    id: int
    status: str
    slot_a: int = Field(..., alias="slot_a_id")
    slot_b: int = Field(..., alias="slot_b_id")
    person_a: str
    person_b: str
    reason: str
    requested_by: str
    decided_by: str | None
    requested_at: datetime
    decided_at: datetime | None

    @staticmethod
    def resolve_person_a(obj):
        return obj.person_a.username

    @staticmethod
    def resolve_person_b(obj):
        return obj.person_b.username

    @staticmethod
    def resolve_requested_by(obj):
        return obj.requested_by.username

    @staticmethod
    def resolve_decided_by(obj):
        return obj.decided_by.username if obj.decided_by_id else None
