"""The dispute's transitions: accept or refuse, mediate, terminate, withdraw, return to the
court, follow up, close; and the side actions escalate and extend."""

from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError
from pingan.mediation import clock, limits, notices
from pingan.mediation.models import NEXT_LEVEL, DisputeParty, Level, Outcome, Route, Satisfaction
from pingan.mediation.services._base import conclude, event, lock_for, move, text, writing
from pingan.mediation.services.intake import _department, assign, committee_for
from pingan.mediation.workflow import Action, EventKind
from pingan.org import scoping
from pingan.org.roles import Role


def dispute_accept(*, dispute, actor, note: str = ""):
    """Accept the dispute for mediation. The mediation month starts now (a court referral keeps
    the court's 30 days, counted from the referral). A mediator accepting an unassigned dispute
    takes it on."""
    note = text(note, required=False)
    with writing(actor):
        dispute = lock_for(Action.ACCEPT, dispute, actor)
        now = clock.now()
        dispute.accepted_at = now
        if not dispute.is_prelitigation:
            dispute.due_at = limits.mediation_due(now)
        move(
            dispute,
            Action.ACCEPT,
            "accepted_at",
            "due_at",
            actor=actor,
            note=note,
            data={"due_at": dispute.due_at.isoformat()},
        )
        if not dispute.active_mediators() and scoping.covers(
            actor, dispute.region, [Role.MEDIATOR]
        ):
            assign(dispute, actor, actor)
        notices.tell_parties(
            dispute,
            "mediation_accepted",
            {"committee": dispute.committee_name},
            key="accepted",
        )
    return dispute


def dispute_refuse(*, dispute, actor, reason: str, party: DisputeParty | None = None):
    """Record that mediation will not take place: a party refuses it (人民调解法 第十七条), or
    the matter is not one for mediation. The reason and the refusing party are kept."""
    reason = text(reason, required=True, code="reason_required", message=_("请填写不予受理的原因"))
    with writing(actor):
        dispute = lock_for(Action.REFUSE, dispute, actor)
        data = {}
        if party is not None:
            if party.dispute_id != dispute.pk:
                raise DomainError("unknown_party", _("该当事人不属于本案"), status=422)
            data = {"party": party.pk, "name": party.masked_name, "side": party.side}
        fields = conclude(dispute, Outcome.REFUSED, clock.now())
        move(dispute, Action.REFUSE, *fields, actor=actor, note=reason, data=data)
    return dispute


def dispute_start(*, dispute, actor, note: str = ""):
    note = text(note, required=False)
    with writing(actor):
        dispute = lock_for(Action.START, dispute, actor)
        dispute.started_at = clock.now()
        move(dispute, Action.START, "started_at", actor=actor, note=note)
    return dispute


def route_labels(routes) -> list[str]:
    return [str(Route(r).label) for r in routes]


def dispute_terminate(*, dispute, actor, reason: str, routes: list[str]):
    """End mediation without an agreement. The parties are told, by SMS and in the record, the
    other ways open to them: arbitration, a lawsuit, or the administrative authority."""
    reason = text(reason, required=True, code="reason_required", message=_("请填写终止调解的原因"))
    routes = list(dict.fromkeys(r for r in (routes or []) if r))
    unknown = [r for r in routes if r not in Route.values]
    if unknown or not routes:
        raise DomainError(
            "routes_required",
            _("请选择告知当事人的其他解决途径（仲裁、诉讼或行政处理）"),
            status=422,
        )
    with writing(actor):
        dispute = lock_for(Action.TERMINATE, dispute, actor)
        fields = conclude(dispute, Outcome.TERMINATED, clock.now())
        dispute.termination_routes = routes
        told = notices.tell_parties(
            dispute,
            "mediation_terminated",
            {"routes": "、".join(route_labels(routes))},
            key="terminated",
        )
        move(
            dispute,
            Action.TERMINATE,
            *fields,
            "termination_routes",
            actor=actor,
            note=reason,
            data={"routes": routes, "routes_told": route_labels(routes), "sms_sent": told},
        )
    return dispute


def dispute_withdraw(*, dispute, actor, reason: str):
    reason = text(reason, required=True, code="reason_required", message=_("请填写撤回原因"))
    with writing(actor):
        dispute = lock_for(Action.WITHDRAW, dispute, actor)
        fields = conclude(dispute, Outcome.WITHDRAWN, clock.now())
        move(dispute, Action.WITHDRAW, *fields, actor=actor, note=reason)
    return dispute


def _require_prelit(dispute) -> None:
    if not dispute.is_prelitigation:
        raise DomainError(
            "not_prelitigation", _("只有法院委派的诉前调解案件才能执行此操作"), status=409
        )


def dispute_return_to_court(*, dispute, actor, reason: str):
    """A pre-litigation mediation failed (or ran out of time): the case goes back to the
    court's docket, with the record of what was tried."""
    reason = text(reason, required=True, code="reason_required", message=_("请填写调解不成的情况"))
    with writing(actor):
        dispute = lock_for(Action.RETURN_TO_COURT, dispute, actor)
        _require_prelit(dispute)
        now = clock.now()
        fields = conclude(dispute, Outcome.RETURNED, now)
        move(
            dispute,
            Action.RETURN_TO_COURT,
            *fields,
            actor=actor,
            note=reason,
            data={
                "court": dispute.court.name if dispute.court_id else "",
                "court_case_number": dispute.court_case_number,
                "sessions": dispute.sessions.count(),
                "late": now > dispute.due_at if dispute.due_at else False,
            },
        )
        notices.tell_parties(
            dispute,
            "mediation_returned",
            {"court": dispute.court.name if dispute.court_id else _("人民法院")},
            key="returned",
        )
    return dispute


def dispute_escalate(*, dispute, actor, reason: str, department=None):
    """Move the dispute one level up (village → town → city). It stays the same record: the
    sessions, parties and timeline go with it, and the change is an event of its own."""
    reason = text(reason, required=True, code="reason_required", message=_("请填写提级调解的理由"))
    with writing(actor):
        dispute = lock_for(Action.ESCALATE, dispute, actor)
        target = NEXT_LEVEL.get(dispute.level)
        if target is None:
            message = (
                _("驻庭调解案件不能提级，调解不成请退回法院")
                if dispute.level == Level.COURT
                else _("已是市级矛调中心，不能再提级")
            )
            raise DomainError("cannot_escalate", message, status=409)
        new_department = _department(department, dispute.region)
        old = {
            "level": dispute.level,
            "department": dispute.department.name if dispute.department_id else "",
            "committee": dispute.committee_name,
        }
        dispute.level = target
        dispute.department = new_department
        dispute.committee_name = str(committee_for(target, dispute.region))
        dispute.save(update_fields=["level", "department", "committee_name", "updated_at"])
        event(
            dispute,
            EventKind.ESCALATE,
            actor=actor,
            note=reason,
            data={
                "from_level": old["level"],
                "to_level": target,
                "from_department": old["department"],
                "to_department": new_department.name if new_department else "",
                "from_committee": old["committee"],
                "to_committee": dispute.committee_name,
            },
        )
    return dispute


def dispute_extend(
    *,
    dispute,
    actor,
    days: int,
    applicant_consent: bool,
    respondent_consent: bool,
    note: str = "",
):
    """Extend a pre-litigation mediation's 30 days. Both sides must consent (recorded), and
    only a running term can be extended."""
    note = text(note, required=False)
    maximum = limits.setting("PINGAN_MEDIATION_PRELIT_MAX_EXTENSION_DAYS")
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= maximum:
        raise DomainError(
            "invalid_days", _("延长天数须为 1 至 %(n)s 天") % {"n": maximum}, status=422
        )
    if not (applicant_consent and respondent_consent):
        raise DomainError("consent_required", _("延长诉前调解期限须经双方当事人同意"), status=422)
    with writing(actor):
        dispute = lock_for(Action.EXTEND, dispute, actor)
        _require_prelit(dispute)
        now = clock.now()
        if dispute.due_at is None or now > dispute.due_at:
            raise DomainError(
                "term_expired",
                _("诉前调解期限已届满，不能再延长；调解不成请退回法院"),
                status=409,
            )
        old_due = dispute.due_at
        dispute.due_at = limits.natural_days_after(old_due, days)
        dispute.extension_days += days
        dispute.save(update_fields=["due_at", "extension_days", "updated_at"])
        event(
            dispute,
            EventKind.EXTEND,
            actor=actor,
            note=note,
            data={
                "days": days,
                "consent": {"applicant": True, "respondent": True},
                "from_due_at": old_due.isoformat(),
                "to_due_at": dispute.due_at.isoformat(),
            },
        )
    return dispute


def dispute_follow_up(*, dispute, actor, satisfaction: str, note: str = ""):
    """The 回访 after performance: how the parties see the outcome now."""
    if satisfaction not in Satisfaction.values:
        raise DomainError("invalid_satisfaction", _("请选择回访满意度"), status=422)
    note = text(note, required=False)
    with writing(actor):
        dispute = lock_for(Action.FOLLOW_UP, dispute, actor)
        dispute.followed_up_at = clock.now()
        dispute.satisfaction = satisfaction
        move(
            dispute,
            Action.FOLLOW_UP,
            "followed_up_at",
            "satisfaction",
            actor=actor,
            note=note,
            data={"satisfaction": satisfaction},
        )
    return dispute


def dispute_close(*, dispute, actor, note: str = ""):
    note = text(note, required=False)
    with writing(actor):
        dispute = lock_for(Action.CLOSE, dispute, actor)
        dispute.closed_at = clock.now()
        move(dispute, Action.CLOSE, "closed_at", actor=actor, note=note)
    return dispute
