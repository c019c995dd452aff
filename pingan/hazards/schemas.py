"""API shapes of the hazards app. Personal data (the responsible contact, a place's contact)
goes out masked only."""

from datetime import date, datetime

from ninja import Field, Schema


class RegionRef(Schema):
    code: str
    name: str


class PlaceOut(Schema):
    id: int
    kind: str
    kind_label: str = Field(..., alias="get_kind_display")
    name: str
    region: RegionRef
    address: str
    credit_code: str
    owner: str = Field(..., alias="masked_owner")
    contact_name: str = Field(..., alias="masked_contact_name")
    contact_phone: str = Field(..., alias="masked_contact_phone")
    is_active: bool


class PlaceIn(Schema):
    kind: str
    name: str
    region: str = Field(..., description="区划代码")
    address: str
    credit_code: str = ""
    owner: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    is_active: bool = True


class ChecklistItemOut(Schema):
    id: int
    position: int
    text: str
    guidance: str


class ResultIn(Schema):
    item: int
    result: str = Field(..., description="pass | fail | na")
    note: str = ""


class InspectionIn(Schema):
    place: int
    results: list[ResultIn]
    note: str = ""


class ResultOut(Schema):
    id: int
    item_text: str
    result: str
    note: str


class InspectionOut(Schema):
    id: int
    place_id: int
    inspected_at: datetime
    note: str
    results: list[ResultOut]


class HazardOut(Schema):
    id: int
    number: str
    status: str
    status_label: str = Field(..., alias="get_status_display")
    grade: str
    source: str
    title: str
    place_id: int | None
    region: RegionRef
    found_at: datetime
    due_at: datetime | None
    closed_at: datetime | None
    supervised_at: datetime | None
    escalated_at: datetime | None
    overdue: bool = False


class HazardEventOut(Schema):
    kind: str
    kind_label: str = Field(..., alias="get_kind_display")
    from_status: str
    to_status: str
    actor: str | None = None
    note: str
    at: datetime

    @staticmethod
    def resolve_actor(obj) -> str | None:
        return obj.actor.display_name if obj.actor_id else None


class HazardDetailOut(HazardOut):
    description: str
    location: str
    inspection_id: int | None
    case_number: str | None = None
    requirements: str
    plan: str
    responsible_name: str = Field(..., alias="masked_responsible_name")
    responsible_phone: str = Field(..., alias="masked_responsible_phone")
    supervision_note: str
    reinspections: int
    fixed_on_spot: bool
    actions: list[str] = []
    events: list[HazardEventOut] = []

    @staticmethod
    def resolve_events(obj) -> list:
        return getattr(obj, "timeline_rows", [])

    @staticmethod
    def resolve_case_number(obj) -> str | None:
        return obj.case.number if obj.case_id else None


class HazardIn(Schema):
    place: int
    title: str
    description: str
    grade: str = ""
    location: str = ""
    inspection: int | None = None
    checklist_result: int | None = None


class HazardNoteIn(Schema):
    note: str = ""


class HazardReasonIn(Schema):
    reason: str


class OrderIn(Schema):
    grade: str
    due_on: date
    requirements: str
    plan: str = ""
    responsible_name: str = ""
    responsible_phone: str = ""
    place: int | None = Field(None, description="为群众上报、尚无场所的隐患关联场所")


class FailIn(Schema):
    reason: str
    due_on: date | None = None
