"""Shapes of the mediation API. Parties' personal data leaves the server masked, except from
the audited personal-data endpoint."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema

from pingan.mediation import clock, selectors
from pingan.mediation.models import DisputeType, Level, ReferralKind, Route, SessionMode
from pingan.mediation.workflow import ConfirmationDecision


def _codes(choices) -> str:
    return " | ".join(choices.values)


class DisputeIn(Schema):
    dispute_type: str = Field(..., max_length=12, description=_codes(DisputeType))
    region: str = Field(..., max_length=15, description="纠纷发生地区划代码")
    description: str = Field(..., max_length=4000)
    level: str = Field(..., max_length=8, description=_codes(Level))
    source: str = Field("application", description="application | initiative")
    department: str | None = Field(None, max_length=40, description="调解组织部门编码")
    people_count: int = Field(1, ge=1, le=100000)
    amount: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    title: str = Field("", max_length=100)


class FromCaseIn(Schema):
    case: str = Field(..., max_length=20, description="工单号或工单 id")
    dispute_type: str = Field(..., max_length=12, description=_codes(DisputeType))
    level: str = Field(..., max_length=8, description=_codes(Level))
    department: str | None = Field(None, max_length=40)
    people_count: int = Field(1, ge=1, le=100000)
    amount: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    title: str = Field("", max_length=100)
    description: str = Field("", max_length=4000)
    add_reporter: bool = False


class ReferralIn(Schema):
    court: str = Field(..., max_length=40, description="法院部门编码")
    court_case_number: str = Field(..., max_length=40)
    referral_kind: str = Field(..., max_length=16, description=_codes(ReferralKind))
    dispute_type: str = Field(..., max_length=12)
    region: str = Field(..., max_length=15)
    description: str = Field(..., max_length=4000)
    level: str = Field("court", max_length=8)
    department: str | None = Field(None, max_length=40)
    people_count: int = Field(1, ge=1, le=100000)
    amount: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    title: str = Field("", max_length=100)


class PartyIn(Schema):
    side: str = Field(..., description="applicant | respondent")
    kind: str = Field(..., description="person | organisation")
    name: str = Field("", max_length=60)
    phone: str = Field("", max_length=20)
    id_number: str = Field("", max_length=20)
    address: str = Field("", max_length=200)
    org_name: str = Field("", max_length=100)
    credit_code: str = Field("", max_length=18)
    representative_name: str = Field("", max_length=60)
    representative_phone: str = Field("", max_length=20)
    representative_id_number: str = Field("", max_length=20)
    role_note: str = Field("", max_length=60)


class DetailsIn(Schema):
    people_count: int | None = Field(None, ge=1, le=100000)
    amount: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    escalation_signs: bool | None = None
    risk_note: str | None = Field(None, max_length=200)


class DisputeNoteIn(Schema):
    note: str = Field("", max_length=4000)


class DisputeReasonIn(Schema):
    reason: str = Field(..., max_length=4000)


class RefuseIn(DisputeReasonIn):
    party: int | None = Field(None, description="拒绝调解的当事人 id")


class TerminateIn(DisputeReasonIn):
    routes: list[str] = Field(..., description=_codes(Route))


class EscalateIn(DisputeReasonIn):
    department: str | None = Field(None, max_length=40)


class DisputeExtendIn(Schema):
    days: int
    applicant_consent: bool
    respondent_consent: bool
    note: str = Field("", max_length=4000)


class DisputeFollowUpIn(Schema):
    satisfaction: str = Field(..., description="satisfied | basic | unsatisfied")
    note: str = Field("", max_length=4000)


class MediatorIn(Schema):
    username: str = Field(..., max_length=150)


class LinkIn(Schema):
    case: str = Field(..., max_length=20, description="工单号或工单 id")


class SessionIn(Schema):
    starts_at: datetime = Field(..., description="无时区时按北京时间")
    mode: str = Field(..., description=_codes(SessionMode))
    place: str = Field(..., max_length=120)
    participants: list[int] = Field(default_factory=list, description="当事人 id；空为全部")
    other_participants: str = Field("", max_length=200)


class RecordIn(Schema):
    record: str = Field(..., max_length=20000)
    attended: list[int] | None = None


class TermIn(Schema):
    content: str = Field(..., max_length=2000)
    obligor: int | None = Field(None, description="履行方当事人 id")
    method: str = Field("", max_length=200)
    due_on: date | None = None


class AgreementIn(Schema):
    facts: str = Field("", max_length=4000)
    issues: str = Field("", max_length=4000)
    responsibilities: str = Field("", max_length=4000)
    committee_name: str | None = Field(None, max_length=100)
    terms: list[TermIn] = Field(default_factory=list)


class FinaliseIn(Schema):
    signed_on: date | None = None
    parties_signed: bool = False
    mediator_signed: bool = False
    sealed: bool = False


class PerformanceIn(Schema):
    performed_on: date
    note: str = Field("", max_length=200)


class ConfirmationApplyIn(Schema):
    court: str = Field(..., max_length=40)
    applicant_consent: bool
    respondent_consent: bool


class ConfirmationDecisionIn(Schema):
    decision: str = Field(..., description=_codes(ConfirmationDecision))
    note: str = Field("", max_length=4000)
    court_case_number: str = Field("", max_length=40)


# --- answers ------------------------------------------------------------------------------------


class DisputeOut(Schema):
    id: int
    number: str
    title: str
    status: str
    status_label: str
    dispute_type: str
    source: str
    level: str
    region: str
    region_name: str
    department: str | None
    committee_name: str
    people_count: int
    amount: Decimal | None
    due_at: datetime | None
    overdue: bool
    accepted_at: datetime | None
    concluded_at: datetime | None
    outcome: str
    is_prelitigation: bool
    court_case_number: str
    report_count: int
    risk_level: str
    risk_flags: list[str]
    risk_kinds: list[str]

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
    def resolve_overdue(obj):
        return bool(obj.is_open and obj.due_at and clock.now() > obj.due_at)

    @staticmethod
    def resolve_report_count(obj):
        return getattr(obj, "report_count", 0) or 0

    @staticmethod
    def resolve_risk_level(obj):
        return selectors.risk_of(obj).level

    @staticmethod
    def resolve_risk_flags(obj):
        return selectors.risk_of(obj).codes

    @staticmethod
    def resolve_risk_kinds(obj):
        return selectors.risk_of(obj).kinds


class PartyOut(Schema):
    id: int
    side: str
    kind: str
    name: str
    phone: str
    id_number: str
    org_credit_code: str
    representative: str
    role_note: str

    @staticmethod
    def resolve_name(obj):
        return obj.masked_name

    @staticmethod
    def resolve_phone(obj):
        return obj.contact.masked_phone if obj.contact else ""

    @staticmethod
    def resolve_id_number(obj):
        return obj.contact.masked_id_number if obj.contact else ""

    @staticmethod
    def resolve_representative(obj):
        return obj.representative.masked_name if obj.representative_id else ""


class PersonalDataOut(Schema):
    party: int
    name: str
    phone: str
    id_number: str
    address: str


class MediatorOut(Schema):
    username: str
    name: str
    kind: str
    is_active: bool

    @staticmethod
    def resolve_username(obj):
        return obj.user.username

    @staticmethod
    def resolve_name(obj):
        return obj.user.display_name


class DisputeEventOut(Schema):
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


class SessionOut(Schema):
    id: int
    starts_at: datetime
    mode: str
    remote: bool
    place: str
    status: str
    participants: list[int]
    other_participants: str
    record: str
    notified: int

    @staticmethod
    def resolve_remote(obj):
        return obj.is_remote

    @staticmethod
    def resolve_participants(obj):
        return [p.pk for p in obj.participants.all()]


class TermOut(Schema):
    id: int
    position: int
    content: str
    obligor: int | None
    method: str
    due_on: date | None
    performed_on: date | None
    overdue: bool

    @staticmethod
    def resolve_obligor(obj):
        return obj.obligor_id

    @staticmethod
    def resolve_overdue(obj):
        from django.utils import timezone

        return obj.is_overdue(timezone.localdate(clock.now()))


class ConfirmationOut(Schema):
    court: str
    status: str
    applied_at: datetime
    accept_due_at: datetime
    accept_decided_at: datetime | None
    ruling_due_at: datetime | None
    ruled_at: datetime | None
    accept_overdue: bool
    ruling_overdue: bool
    court_case_number: str
    decision_note: str

    @staticmethod
    def resolve_court(obj):
        return obj.court.code

    @staticmethod
    def resolve_accept_overdue(obj):
        return obj.accept_overdue(clock.now())

    @staticmethod
    def resolve_ruling_overdue(obj):
        return obj.ruling_overdue(clock.now())


class AgreementOut(Schema):
    number: str
    state: str
    facts: str
    issues: str
    responsibilities: str
    effective_on: date | None
    terms: list[TermOut]
    missing: list[str] = Field(default_factory=list)
    confirmation: ConfirmationOut | None = None

    @staticmethod
    def resolve_terms(obj):
        return list(obj.terms.all())

    @staticmethod
    def resolve_confirmation(obj):
        return getattr(obj, "confirmation", None)


class DisputeDetailOut(DisputeOut):
    description: str
    parties: list[PartyOut]
    mediators: list[MediatorOut]
    sessions: list[SessionOut]
    events: list[DisputeEventOut]
    agreement: AgreementOut | None = None

    @staticmethod
    def resolve_parties(obj):
        return list(obj.parties.all())

    @staticmethod
    def resolve_mediators(obj):
        return list(obj.mediators.all())

    @staticmethod
    def resolve_sessions(obj):
        return list(obj.sessions.all())

    @staticmethod
    def resolve_events(obj):
        return list(obj.events.all())

    @staticmethod
    def resolve_agreement(obj):
        # Set by the endpoint together with the missing statutory elements.
        return getattr(obj, "agreement_view", None)


class RiskOut(Schema):
    dispute: DisputeOut
    level: str
    flags: list[str]
    labels: list[str]
    kinds: list[str]


class DisputeFigureOut(Schema):
    key: str
    label: str
    accepted: int
    concluded: int
    agreements: int
    success_rate: float | None
    referred: int
    prelit_resolved: int
    prelit_rate: float | None
    avg_duration_days: float | None


class FiguresOut(Schema):
    by: str
    start: date
    end: date
    rows: list[DisputeFigureOut]
    total: DisputeFigureOut
