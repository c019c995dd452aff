"""The mediation API (/api/v1/mediation/...): parse, call one service, answer.

Every transition is `POST /mediation/disputes/{id}/<action>`; parties' personal data comes only
from `GET .../parties/{party_id}/personal-data`, for those allowed, and each read is audited.
"""

from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from pingan.core.api_support import ERRORS, Pagination
from pingan.core.errors import DomainError, NotFound
from pingan.mediation import clock, documents, figures, selectors, services
from pingan.mediation.models import DisputeType, Level
from pingan.mediation.schemas import (
    AgreementIn,
    ConfirmationApplyIn,
    ConfirmationDecisionIn,
    DetailsIn,
    DisputeDetailOut,
    DisputeExtendIn,
    DisputeFollowUpIn,
    DisputeIn,
    DisputeNoteIn,
    DisputeOut,
    DisputeReasonIn,
    EscalateIn,
    FiguresOut,
    FinaliseIn,
    FromCaseIn,
    LinkIn,
    MediatorIn,
    PartyIn,
    PartyOut,
    PerformanceIn,
    PersonalDataOut,
    RecordIn,
    ReferralIn,
    RefuseIn,
    RiskOut,
    SessionIn,
    SessionOut,
    TerminateIn,
)
from pingan.mediation.workflow import Status as DisputeStatus
from pingan.org.models import User

router = Router(tags=["mediation"])
DETAIL = {200: DisputeDetailOut, **ERRORS}


def _detail(user, pk):
    dispute = selectors.dispute_detail_for(user, pk)
    agreement = selectors.agreement_of(dispute)
    if agreement is not None:
        agreement.missing = (
            []
            if agreement.is_final
            else [
                str(m)
                for m in documents.missing_elements(
                    dispute, agreement, list(dispute.parties.all()), dispute.active_mediators()
                )
            ]
        )
    dispute.agreement_view = agreement
    return dispute


def _choice(value, choices, label):
    if value and value not in choices.values:
        raise DomainError(
            "invalid_filter", _("未知的%(label)s：%(v)s") % {"label": label, "v": value}, status=422
        )
    return value


@router.get(
    "/disputes", response={200: list[DisputeOut], **ERRORS}, summary="Disputes visible to me"
)
@paginate(Pagination)
def list_disputes(
    request,
    status: str | None = None,
    dispute_type: str | None = None,
    level: str | None = None,
    region: str | None = Query(None, description="区划代码（含下级）"),
    overdue: bool | None = None,
    mine: bool | None = Query(None, description="true：只看我承办的"),
):
    disputes = selectors.with_report_count(selectors.disputes_visible_to(request.user))
    if _choice(status, DisputeStatus, _("状态")):
        disputes = disputes.filter(status=status)
    if _choice(dispute_type, DisputeType, _("纠纷类型")):
        disputes = disputes.filter(dispute_type=dispute_type)
    if _choice(level, Level, _("调解层级")):
        disputes = disputes.filter(level=level)
    if region:
        disputes = disputes.filter(region__code__startswith=region)
    if overdue:
        disputes = disputes.filter(selectors.overdue_q(clock.now()))
    if mine:
        disputes = disputes.filter(pk__in=selectors.my_disputes(request.user).values("pk"))
    return disputes.select_related("region", "department").order_by("-created_at", "-id")


@router.post("/disputes", response={201: DisputeOut, **ERRORS}, summary="Register a dispute")
def create_dispute(request, payload: DisputeIn):
    dispute = services.dispute_create(actor=request.user, **payload.dict())
    return Status(201, selectors.dispute_detail_for(request.user, dispute.pk))


@router.post(
    "/disputes/from-case",
    response={201: DisputeOut, **ERRORS},
    summary="Turn a work order into a dispute",
)
def create_from_case(request, payload: FromCaseIn):
    data = payload.dict()
    case = selectors.case_for_mediation(request.user, data.pop("case"))
    dispute = services.dispute_from_case(case=case, actor=request.user, **data)
    return Status(201, selectors.dispute_detail_for(request.user, dispute.pk))


@router.post(
    "/disputes/referrals", response={201: DisputeOut, **ERRORS}, summary="A court refers a case"
)
def refer(request, payload: ReferralIn):
    dispute = services.dispute_refer(actor=request.user, **payload.dict())
    return Status(201, selectors.dispute_detail_for(request.user, dispute.pk))


@router.get("/disputes/{dispute_id}", response=DETAIL, summary="A dispute with its timeline")
def get_dispute(request, dispute_id: int):
    return _detail(request.user, dispute_id)


@router.patch("/disputes/{dispute_id}", response=DETAIL, summary="People, amount, risk signs")
def update_details(request, dispute_id: int, payload: DetailsIn):
    dispute = selectors.get_dispute_for(request.user, dispute_id)
    services.dispute_update_details(dispute=dispute, actor=request.user, **payload.dict())
    return _detail(request.user, dispute_id)


@router.post(
    "/disputes/{dispute_id}/parties", response={201: PartyOut, **ERRORS}, summary="Add a party"
)
def add_party(request, dispute_id: int, payload: PartyIn):
    dispute = selectors.get_dispute_for(request.user, dispute_id)
    party = services.dispute_add_party(dispute=dispute, actor=request.user, **payload.dict())
    return Status(201, party)


@router.post(
    "/disputes/{dispute_id}/parties/{party_id}/remove", response=DETAIL, summary="Remove a party"
)
def remove_party(request, dispute_id: int, party_id: int, payload: DisputeNoteIn):
    dispute = selectors.get_dispute_for(request.user, dispute_id)
    party = selectors.get_party_for(request.user, dispute, party_id)
    services.dispute_remove_party(party=party, actor=request.user, reason=payload.note)
    return _detail(request.user, dispute_id)


@router.get(
    "/disputes/{dispute_id}/parties/{party_id}/personal-data",
    response={200: PersonalDataOut, **ERRORS},
    summary="A party's personal data in full (audited)",
)
def personal_data(request, dispute_id: int, party_id: int):
    dispute = selectors.dispute_detail_for(request.user, dispute_id)
    party = selectors.get_party_for(request.user, dispute, party_id)
    return selectors.party_personal_data(request.user, dispute, party)


@router.post("/disputes/{dispute_id}/mediators", response=DETAIL, summary="Assign a mediator")
def assign_mediator(request, dispute_id: int, payload: MediatorIn):
    dispute = selectors.get_dispute_for(request.user, dispute_id)
    user = User.objects.filter(username=payload.username, is_active=True).first()
    if user is None:
        raise NotFound(_("用户不存在"))
    services.dispute_assign_mediator(dispute=dispute, actor=request.user, user=user)
    return _detail(request.user, dispute_id)


@router.post("/disputes/{dispute_id}/links", response=DETAIL, summary="Link a work order")
def link_case(request, dispute_id: int, payload: LinkIn):
    dispute = selectors.get_dispute_for(request.user, dispute_id)
    case = selectors.case_for_mediation(request.user, payload.case)
    services.dispute_link_case(dispute=dispute, case=case, actor=request.user)
    return _detail(request.user, dispute_id)


def _transition(service, request, dispute_id, **kwargs):
    dispute = selectors.get_dispute_for(request.user, dispute_id)
    service(dispute=dispute, actor=request.user, **kwargs)
    return _detail(request.user, dispute_id)


@router.post("/disputes/{dispute_id}/accept", response=DETAIL, summary="Accept")
def accept(request, dispute_id: int, payload: DisputeNoteIn):
    return _transition(services.dispute_accept, request, dispute_id, note=payload.note)


@router.post("/disputes/{dispute_id}/refuse", response=DETAIL, summary="Refuse (a party refuses)")
def refuse(request, dispute_id: int, payload: RefuseIn):
    dispute = selectors.get_dispute_for(request.user, dispute_id)
    party = selectors.get_party_for(request.user, dispute, payload.party) if payload.party else None
    services.dispute_refuse(dispute=dispute, actor=request.user, reason=payload.reason, party=party)
    return _detail(request.user, dispute_id)


@router.post("/disputes/{dispute_id}/start", response=DETAIL, summary="Start mediating")
def start(request, dispute_id: int, payload: DisputeNoteIn):
    return _transition(services.dispute_start, request, dispute_id, note=payload.note)


@router.post("/disputes/{dispute_id}/terminate", response=DETAIL, summary="Terminate")
def terminate(request, dispute_id: int, payload: TerminateIn):
    return _transition(services.dispute_terminate, request, dispute_id, **payload.dict())


@router.post("/disputes/{dispute_id}/withdraw", response=DETAIL, summary="Withdraw")
def withdraw(request, dispute_id: int, payload: DisputeReasonIn):
    return _transition(services.dispute_withdraw, request, dispute_id, reason=payload.reason)


@router.post("/disputes/{dispute_id}/return-to-court", response=DETAIL, summary="Back to the court")
def return_to_court(request, dispute_id: int, payload: DisputeReasonIn):
    return _transition(services.dispute_return_to_court, request, dispute_id, reason=payload.reason)


@router.post("/disputes/{dispute_id}/escalate", response=DETAIL, summary="Escalate one level")
def escalate(request, dispute_id: int, payload: EscalateIn):
    return _transition(services.dispute_escalate, request, dispute_id, **payload.dict())


@router.post("/disputes/{dispute_id}/extend", response=DETAIL, summary="Extend pre-litigation")
def extend(request, dispute_id: int, payload: DisputeExtendIn):
    return _transition(services.dispute_extend, request, dispute_id, **payload.dict())


@router.post("/disputes/{dispute_id}/follow-up", response=DETAIL, summary="Follow-up")
def follow_up(request, dispute_id: int, payload: DisputeFollowUpIn):
    return _transition(services.dispute_follow_up, request, dispute_id, **payload.dict())


@router.post("/disputes/{dispute_id}/close", response=DETAIL, summary="Close")
def close(request, dispute_id: int, payload: DisputeNoteIn):
    return _transition(services.dispute_close, request, dispute_id, note=payload.note)


@router.post(
    "/disputes/{dispute_id}/sessions", response={201: SessionOut, **ERRORS}, summary="Schedule"
)
def schedule_session(request, dispute_id: int, payload: SessionIn):
    dispute = selectors.get_dispute_for(request.user, dispute_id)
    data = payload.dict()
    if timezone.is_naive(data["starts_at"]):
        data["starts_at"] = timezone.make_aware(data["starts_at"])
    session = services.session_schedule(dispute=dispute, actor=request.user, **data)
    return Status(201, session)


@router.post(
    "/sessions/{session_id}/record", response={200: SessionOut, **ERRORS}, summary="Record"
)
def record_session(request, session_id: int, payload: RecordIn):
    session = selectors.get_session_for(request.user, session_id)
    return services.session_record(session=session, actor=request.user, **payload.dict())


@router.put("/disputes/{dispute_id}/agreement", response=DETAIL, summary="Save the draft")
def save_agreement(request, dispute_id: int, payload: AgreementIn):
    data = payload.dict()
    return _transition(services.agreement_save, request, dispute_id, **data)


@router.post(
    "/disputes/{dispute_id}/agreement/finalise", response=DETAIL, summary="Signed: in force"
)
def finalise_agreement(request, dispute_id: int, payload: FinaliseIn):
    return _transition(services.agreement_finalise, request, dispute_id, **payload.dict())


@router.get(
    "/disputes/{dispute_id}/agreement.docx",
    response={200: None, **ERRORS},
    summary="The agreement as a Word file",
)
def agreement_docx(request, dispute_id: int):
    from pingan.mediation.views.agreement import docx_response

    return docx_response(request.user, dispute_id)


@router.post("/terms/{term_id}/performance", response=DETAIL, summary="A term was performed")
def record_performance(request, term_id: int, payload: PerformanceIn):
    term = selectors.get_term_for(request.user, term_id)
    services.term_record_performance(term=term, actor=request.user, **payload.dict())
    return _detail(request.user, term.agreement.dispute_id)


@router.post(
    "/disputes/{dispute_id}/confirmation", response=DETAIL, summary="Apply for confirmation"
)
def apply_confirmation(request, dispute_id: int, payload: ConfirmationApplyIn):
    return _transition(services.confirmation_apply, request, dispute_id, **payload.dict())


@router.post(
    "/disputes/{dispute_id}/confirmation/decision", response=DETAIL, summary="Court decision"
)
def decide_confirmation(request, dispute_id: int, payload: ConfirmationDecisionIn):
    return _transition(services.confirmation_decide, request, dispute_id, **payload.dict())


@router.get("/risks", response={200: list[RiskOut], **ERRORS}, summary="Risk board")
def risks(request):
    return [
        {
            "dispute": dispute,
            "level": risk.level,
            "flags": risk.codes,
            "labels": [str(label) for _code, label in risk.flags],
            "kinds": risk.kinds,
        }
        for dispute, risk in selectors.risk_board(request.user)
    ]


@router.get("/figures", response={200: FiguresOut, **ERRORS}, summary="Figures for dashboards")
def figures_view(
    request,
    by: str = Query("type", description="type | level | region"),
    start: date | None = None,
    end: date | None = None,
):
    end = end or timezone.localdate(clock.now())
    start = start or end - timedelta(days=365)
    rows, total = figures.dispute_figures(request.user, start=start, end=end, by=by)
    return {"by": by, "start": start, "end": end, "rows": rows, "total": total}
