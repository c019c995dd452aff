"""The agreement: drafted, signed into force, performed term by term; and its judicial
confirmation by the court."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import Conflict, DomainError
from pingan.mediation import clock, documents, limits, notices, selectors, workflow
from pingan.mediation.models import (
    Agreement,
    AgreementTerm,
    DisputeParty,
    JudicialConfirmation,
    Outcome,
)
from pingan.mediation.services._base import (
    conclude,
    event,
    lock_for,
    move,
    save_numbered,
    text,
    writing,
)
from pingan.mediation.workflow import (
    CONFIRMATION_EVENT,
    Action,
    ConfirmationDecision,
    EventKind,
)
from pingan.org.models import Department

MAX_TERMS = 30


def _term_rows(dispute, terms) -> list[dict]:
    parties = {p.pk: p for p in DisputeParty.objects.filter(dispute=dispute, is_active=True)}
    rows = []
    for index, term in enumerate(terms or [], start=1):
        content = text(term.get("content"), required=False, limit=2000)
        method = text(term.get("method"), required=False, limit=200)
        due_on = term.get("due_on")
        obligor = term.get("obligor")
        if not content:
            if method or due_on or obligor:
                raise DomainError(
                    "term_content_required", _("第%(n)s项缺少协议内容") % {"n": index}, status=422
                )
            continue
        if due_on is not None and not isinstance(due_on, date):
            raise DomainError(
                "invalid_date", _("第%(n)s项的履行期限不正确") % {"n": index}, status=422
            )
        if obligor not in (None, ""):
            pk = obligor.pk if isinstance(obligor, DisputeParty) else obligor
            try:
                obligor = parties[int(pk)]
            except (KeyError, TypeError, ValueError):
                raise DomainError(
                    "unknown_party", _("第%(n)s项的履行方不是本案当事人") % {"n": index}, status=422
                ) from None
        else:
            obligor = None
        rows.append({"content": content, "method": method, "due_on": due_on, "obligor": obligor})
    if len(rows) > MAX_TERMS:
        raise DomainError("too_many_terms", _("协议条款过多（最多 30 项）"), status=422)
    return rows


def agreement_save(
    *,
    dispute,
    actor,
    facts: str,
    issues: str,
    responsibilities: str,
    terms: list[dict],
    committee_name: str | None = None,
) -> Agreement:
    """Save the draft (numbered on first save). Incomplete drafts may be saved; finalising is
    what requires every statutory element. Terms are given whole each time: the form shows
    them all, so the saved list is exactly what the mediator sees."""
    facts = text(facts, required=False)
    issues = text(issues, required=False)
    responsibilities = text(responsibilities, required=False)
    with writing(actor):
        dispute = lock_for(Action.DRAFT_AGREEMENT, dispute, actor)
        rows = _term_rows(dispute, terms)
        agreement = Agreement.objects.select_for_update().filter(dispute=dispute).first()
        if agreement is not None and agreement.is_final:
            raise Conflict("agreement_final", _("协议书已生效，不能再修改"))
        if committee_name is not None:
            name = text(committee_name, required=False, limit=100)
            if name and name != dispute.committee_name:
                dispute.committee_name = name
                dispute.save(update_fields=["committee_name", "updated_at"])
        created = agreement is None
        if created:
            agreement = Agreement(dispute=dispute, created_by=actor, created_at=clock.now())
        agreement.facts, agreement.issues = facts, issues
        agreement.responsibilities = responsibilities
        if created:
            save_numbered(agreement, "XY", Agreement)
        else:
            agreement.save()
        # Draft terms are working copy, replaced whole; they are frozen once the agreement
        # takes effect, and performance is recorded on the frozen rows.
        AgreementTerm.objects.filter(agreement=agreement).delete()
        AgreementTerm.objects.bulk_create(
            AgreementTerm(agreement=agreement, position=i, **row)
            for i, row in enumerate(rows, start=1)
        )
        event(
            dispute,
            EventKind.AGREEMENT_SAVE,
            actor=actor,
            data={"number": agreement.number, "terms": len(rows), "created": created},
        )
    return agreement


def agreement_finalise(
    *,
    dispute,
    actor,
    signed_on: date | None,
    parties_signed: bool,
    mediator_signed: bool,
    sealed: bool,
) -> Agreement:
    """Record that the agreement was signed and sealed: it takes effect on `signed_on`, the
    dispute is concluded with an agreement, and performance supervision begins. Refused, naming
    every missing part, when a statutory element or a signature is absent."""
    with writing(actor):
        dispute = lock_for(Action.AGREE, dispute, actor)
        agreement = Agreement.objects.select_for_update().filter(dispute=dispute).first()
        parties = selectors.active_parties(dispute)
        missing = documents.missing_elements(
            dispute, agreement, parties, dispute.active_mediators()
        ) + documents.missing_signatures(
            parties_signed=parties_signed,
            mediator_signed=mediator_signed,
            sealed=sealed,
            signed_on=signed_on,
        )
        if missing:
            raise DomainError(
                "agreement_incomplete",
                _("调解协议书缺少以下法定内容，不能生效：%(missing)s")
                % {"missing": "、".join(str(m) for m in missing)},
                status=422,
                details={"missing": [str(m) for m in missing]},
            )
        today = timezone.localdate(clock.now())
        accepted_on = timezone.localdate(dispute.accepted_at) if dispute.accepted_at else None
        if signed_on > today or (accepted_on and signed_on < accepted_on):
            raise DomainError("invalid_signed_on", _("签订日期须在受理之日至今天之间"), status=422)
        now = clock.now()
        agreement.state = Agreement.FINAL
        agreement.effective_on = signed_on
        agreement.parties_signed = agreement.mediator_signed = agreement.sealed = True
        agreement.finalised_by, agreement.finalised_at = actor, now
        agreement.save()
        fields = conclude(dispute, Outcome.AGREEMENT, now)
        move(
            dispute,
            Action.AGREE,
            *fields,
            actor=actor,
            data={
                "number": agreement.number,
                "effective_on": signed_on.isoformat(),
                "confirmation_apply_due": limits.confirmation_apply_due(signed_on).isoformat(),
            },
        )
        notices.tell_parties(
            dispute, "mediation_agreement", {"agreement": agreement.number}, key="agreement"
        )
    return agreement


def term_record_performance(
    *, term: AgreementTerm, actor, performed_on: date, note: str = ""
) -> AgreementTerm:
    """Record that a term was performed. When the last one is, the dispute moves on to the
    follow-up."""
    note = text(note, required=False, limit=200)
    if not isinstance(performed_on, date):
        raise DomainError("invalid_date", _("请填写履行日期"), status=422)
    with writing(actor):
        dispute = lock_for(Action.RECORD_PERFORMANCE, term.agreement.dispute, actor)
        term = AgreementTerm.objects.select_for_update().get(pk=term.pk, agreement__dispute=dispute)
        if term.is_performed:
            raise Conflict("term_performed", _("该项协议已登记履行"))
        today = timezone.localdate(clock.now())
        if performed_on > today:
            raise DomainError("invalid_date", _("履行日期不能晚于今天"), status=422)
        term.performed_on = performed_on
        term.performance_note = note
        term.performance_recorded_by = actor
        term.save(update_fields=["performed_on", "performance_note", "performance_recorded_by"])
        late = term.due_on is not None and performed_on > term.due_on
        event(
            dispute,
            EventKind.PERFORMANCE,
            actor=actor,
            note=note,
            data={"term": term.position, "performed_on": performed_on.isoformat(), "late": late},
        )
        outstanding = AgreementTerm.objects.filter(
            agreement_id=term.agreement_id, performed_on__isnull=True
        ).exists()
        if not outstanding:
            workflow.check(Action.COMPLETE_PERFORMANCE, dispute, actor)
            move(dispute, Action.COMPLETE_PERFORMANCE, actor=actor)
    return term


# --- judicial confirmation ----------------------------------------------------------------------


def _court(court, region) -> Department:
    if not isinstance(court, Department):
        court = Department.objects.filter(code=str(court or "").strip()).first()
    if court is None or court.kind != Department.Kind.COURT or not court.is_active:
        raise DomainError("unknown_court", _("请选择受理司法确认的人民法院"), status=422)
    if not region.code.startswith(court.region.code):
        raise DomainError("court_out_of_region", _("该法院不管辖本纠纷"), status=422)
    return court


def confirmation_apply(
    *, dispute, actor, court, applicant_consent: bool, respondent_consent: bool
) -> JudicialConfirmation:
    """Register the parties' joint application for judicial confirmation. It must come from
    both sides and within 30 days of the agreement taking effect; the court then has 3 days to
    decide whether to accept it."""
    if not (applicant_consent and respondent_consent):
        raise DomainError(
            "joint_application_required", _("司法确认须由双方当事人共同申请"), status=422
        )
    with writing(actor):
        dispute = lock_for(Action.APPLY_CONFIRMATION, dispute, actor)
        court = _court(court, dispute.region)
        agreement = Agreement.objects.select_for_update().filter(dispute=dispute).first()
        if agreement is None or not agreement.is_final:
            raise DomainError("agreement_not_final", _("调解协议书尚未生效"), status=409)
        if JudicialConfirmation.objects.filter(agreement=agreement).exists():
            raise Conflict("confirmation_exists", _("该协议已申请过司法确认"))
        now = clock.now()
        due = limits.confirmation_apply_due(agreement.effective_on)
        if now > due:
            day = (timezone.localdate(now) - agreement.effective_on).days
            raise DomainError(
                "confirmation_too_late",
                _(
                    "调解协议于 %(effective)s 生效，司法确认须自生效之日起 %(days)s 日内"
                    "（%(last)s 前）共同申请；今天已是第 %(day)s 日，超过期限，不能申请。"
                    "当事人可就协议履行向人民法院提起诉讼。"
                )
                % {
                    "effective": agreement.effective_on.isoformat(),
                    "days": limits.setting("PINGAN_MEDIATION_CONFIRMATION_APPLY_DAYS"),
                    "last": limits.local_date(due).isoformat(),
                    "day": day,
                },
                status=422,
            )
        confirmation = JudicialConfirmation.objects.create(
            agreement=agreement,
            court=court,
            applied_at=now,
            applied_by=actor,
            accept_due_at=limits.confirmation_accept_due(now),
        )
        event(
            dispute,
            EventKind.CONFIRMATION_APPLY,
            actor=actor,
            data={
                "court": court.name,
                "consent": {"applicant": True, "respondent": True},
                "accept_due_at": confirmation.accept_due_at.isoformat(),
            },
        )
    return confirmation


def confirmation_decide(
    *, dispute, actor, decision: str, note: str = "", court_case_number: str = ""
) -> JudicialConfirmation:
    """The court's decisions: accept or decline the application (due within 3 days), then
    confirm the agreement or reject the application (due within 15 days of acceptance).
    A decision after its deadline is still recorded, marked late."""
    if decision not in ConfirmationDecision.values:
        raise DomainError("unknown_decision", _("未知的裁定结果"), status=422)
    note = text(note, required=False)
    court_case_number = text(court_case_number, required=False, limit=40)
    if decision in (ConfirmationDecision.DECLINE, ConfirmationDecision.REJECT) and not note:
        raise DomainError("reason_required", _("不予受理或驳回申请须写明理由"), status=422)
    with writing(actor):
        dispute = lock_for(Action.DECIDE_CONFIRMATION, dispute, actor)
        confirmation = (
            JudicialConfirmation.objects.select_for_update()
            .filter(agreement__dispute=dispute)
            .first()
        )
        if confirmation is None:
            raise DomainError("no_application", _("尚未申请司法确认"), status=409)
        old = confirmation.status
        target = workflow.check_confirmation(decision, confirmation)
        now = clock.now()
        if decision in (ConfirmationDecision.ACCEPT, ConfirmationDecision.DECLINE):
            late = now > confirmation.accept_due_at
            confirmation.accept_decided_at = now
            if decision == ConfirmationDecision.ACCEPT:
                confirmation.ruling_due_at = limits.confirmation_ruling_due(now)
        else:
            late = now > confirmation.ruling_due_at
            confirmation.ruled_at = now
        confirmation.status = target
        confirmation.decided_by = actor
        confirmation.decision_note = note or confirmation.decision_note
        confirmation.court_case_number = court_case_number or confirmation.court_case_number
        confirmation.save()
        event(
            dispute,
            CONFIRMATION_EVENT[decision],
            actor=actor,
            note=note,
            data={"from": old, "to": target, "late": late},
        )
    return confirmation
