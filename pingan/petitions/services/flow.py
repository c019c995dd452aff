"""The transitions of a petition, each: one transaction, the petition row locked, the guard
re-checked on the locked row, the change with its deadlines, one event, and the petitioners'
SMS queued in the same transaction.

The work order underneath follows where its own workflow has the same step (routing is a
dispatch, the objection a return, acceptance a sign-for, the reply its answer, the final
decision closes it) through the cases services — never by writing the case row. A step the
case has already moved past through its own pages is not forced again: the petition keeps the
statutory record, the case keeps its own.
"""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.cases import services as case_services
from pingan.cases import workflow as case_workflow
from pingan.cases.workflow import Action as CaseAction
from pingan.cases.workflow import Status as CaseStatus
from pingan.core.errors import DomainError
from pingan.org.models import Department, User
from pingan.petitions import deadlines, notices
from pingan.petitions.models import Petition, RouteKind
from pingan.petitions.services._base import event, lock_for, move, save, text, writing
from pingan.petitions.services.register import check_leader
from pingan.petitions.workflow import Action

NUMBER_ATTEMPTS = 20


def _case_step(case, action: str, service, actor, **kwargs) -> None:
    """Take the work order's own step when its status allows it (see the module docstring)."""
    if case_workflow.status_allows(action, case):
        service(case=case, actor=actor, **kwargs)


def _resolve_unit(unit) -> Department:
    if not isinstance(unit, Department):
        code = unit.strip() if isinstance(unit, str) else ""
        unit = (
            Department.objects.select_related("region").filter(code=code).first() if code else None
        )
        if unit is None:
            raise DomainError("unknown_department", _("请选择责任单位"), status=422)
    if not unit.is_active:
        raise DomainError("unknown_department", _("该单位已停用"), status=422)
    return unit


def petition_route(
    *,
    petition: Petition,
    actor,
    unit: Department | str,
    route_kind: str = RouteKind.ASSIGN,
    note: str = "",
    leader: User | None = None,
    expected_version: int | None = None,
) -> Petition:
    """转送/交办 to the unit with authority over the matter. The unit receives it at once: it
    has 15 days to accept and notify the petitioner, 5 working days to object."""
    note = text(note, required=False)
    if route_kind not in RouteKind.values:
        raise DomainError("invalid_route_kind", _("转送方式只能是转送或交办"), status=422)
    unit = _resolve_unit(unit)
    with writing(actor):
        locked, now = lock_for(Action.ROUTE, petition, actor, expected_version=expected_version)
        region = locked.case.region
        if not region.code.startswith(unit.region.code):
            raise DomainError(
                "department_out_of_area",
                _("「%(unit)s」不负责「%(region)s」的事项") % {"unit": unit, "region": region},
                status=422,
            )
        if leader is not None:
            locked.leader = check_leader(leader, region)
        case = locked.case
        if case.status == CaseStatus.NEW:
            case = case_services.case_accept(case=case, actor=actor, note=note)
        _case_step(
            case,
            CaseAction.DISPATCH,
            case_services.case_dispatch,
            actor,
            department=unit,
            note=note,
        )
        locked.unit = unit
        locked.route_kind = route_kind
        locked.routed_at = now
        locked.objected_at = None
        locked.notice_due = deadlines.days_after(now, deadlines.NOTICE_DAYS)
        locked.objection_due = deadlines.working_days_after(now, deadlines.OBJECTION_WORKING_DAYS)
        move(
            locked,
            Action.ROUTE,
            "unit",
            "route_kind",
            "routed_at",
            "objected_at",
            "notice_due",
            "objection_due",
            "leader",
            actor=actor,
            at=now,
            note=note,
            data={"unit": unit.name, "route_kind": route_kind},
        )
        _align_case_due(locked, locked.notice_due, actor, _("信访事项已转送，受理告知期限"))
    return locked


def petition_object(
    *, petition: Petition, actor, reason: str, expected_version: int | None = None
) -> Petition:
    """The unit says the matter is not its business (within 5 working days of receipt): back
    to the bureau, which routes it again within a fresh 15 days."""
    reason = text(reason, required=True, code="reason_required", message=_("请详细说明异议理由"))
    with writing(actor):
        locked, now = lock_for(Action.OBJECT, petition, actor, expected_version=expected_version)
        _case_step(locked.case, CaseAction.RETURN, case_services.case_return, actor, reason=reason)
        locked.objected_at = now
        locked.route_due = deadlines.days_after(now, deadlines.ROUTE_DAYS)
        move(
            locked,
            Action.OBJECT,
            "objected_at",
            "route_due",
            actor=actor,
            at=now,
            note=reason,
            data={"unit": locked.unit.name},
        )
        _align_case_due(locked, locked.route_due, actor, _("受理单位提出异议，重新转送期限"))
    return locked


def petition_accept(
    *, petition: Petition, actor, note: str = "", expected_version: int | None = None
) -> Petition:
    """The unit accepts and the petitioners are told by SMS; 60 days to reply start now."""
    note = text(note, required=False)
    with writing(actor):
        locked, now = lock_for(Action.ACCEPT, petition, actor, expected_version=expected_version)
        _case_step(locked.case, CaseAction.SIGN, case_services.case_sign, actor, note=note)
        locked.accepted_at = now
        locked.handle_due = deadlines.days_after(now, deadlines.HANDLE_DAYS)
        row = move(
            locked, Action.ACCEPT, "accepted_at", "handle_due", actor=actor, at=now, note=note
        )
        notices.accepted(locked, row)
        _align_case_due(locked, locked.handle_due, actor, _("信访事项已受理，办理期限"))
    return locked


def _align_case_due(petition: Petition, due_at, actor, reason) -> None:
    """The work order under the petition is timed by the petition's statutory limits, not by
    its category's default, so its lights and the overdue queue tell the truth."""
    case_services.case_align_due(case=petition.case, actor=actor, due_at=due_at, reason=reason)


def _days(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainError("invalid_days", _("延期天数须为整数"), status=422)
    if not 1 <= value <= deadlines.EXTENSION_MAX_DAYS:
        raise DomainError(
            "invalid_days",
            _("延期天数须在1至%(max)s日之间") % {"max": deadlines.EXTENSION_MAX_DAYS},
            status=422,
        )
    return value


def petition_extend(
    *, petition: Petition, actor, days: int, reason: str, expected_version: int | None = None
) -> Petition:
    """Extend the handling limit once, by at most 30 days, before it runs out; the reason goes
    to the petitioners by SMS."""
    days = _days(days)
    reason = text(reason, required=True, code="reason_required", message=_("请填写延期理由"))
    with writing(actor):
        locked, now = lock_for(Action.EXTEND, petition, actor, expected_version=expected_version)
        before = locked.handle_due
        locked.handle_due = deadlines.days_after(before, days)
        locked.extension_days = days
        locked.extension_reason = reason
        locked.extended_at = now
        save(locked, "handle_due", "extension_days", "extension_reason", "extended_at")
        row = event(
            locked,
            Action.EXTEND,
            actor=actor,
            at=now,
            note=reason,
            data={"days": days, "due_before": before.isoformat()},
        )
        notices.extended(locked, row)
        _align_case_due(locked, locked.handle_due, actor, _("信访事项延期办理，新的办理期限"))
    return locked


def _number_reply(petition: Petition, now) -> None:
    """The next 答复意见书 number of the year, saved at once; the unique index sends a second
    reply numbered at the same moment on to the next number."""
    year = timezone.localtime(now).year
    for _attempt in range(NUMBER_ATTEMPTS):
        last = Petition.objects.filter(reply_year=year).aggregate(n=Max("reply_seq"))["n"] or 0
        petition.reply_year, petition.reply_seq = year, last + 1
        petition.reply_number = f"信复〔{year}〕{last + 1:04d}号"
        try:
            with transaction.atomic():
                petition.save(update_fields=["reply_year", "reply_seq", "reply_number"])
            return
        except IntegrityError:
            continue
    raise DomainError("busy", _("系统繁忙，请稍后重试"), status=409)


def petition_reply(
    *,
    petition: Petition,
    actor,
    opinion: str,
    facts: str = "",
    expected_version: int | None = None,
) -> Petition:
    """The written reply (答复意见书), numbered; the work order is answered with the opinion,
    and the petitioners learn they may ask for review within 30 days."""
    opinion = text(opinion, required=True, code="opinion_required", message=_("请填写处理意见"))
    facts = text(facts, required=False)
    with writing(actor):
        locked, now = lock_for(Action.REPLY, petition, actor, expected_version=expected_version)
        _case_step(locked.case, CaseAction.ANSWER, case_services.case_answer, actor, answer=opinion)
        _number_reply(locked, now)
        locked.reply_text = opinion
        locked.reply_facts = facts
        locked.replied_at = now
        locked.review_ask_due = deadlines.days_after(now, deadlines.REVIEW_ASK_DAYS)
        row = move(
            locked,
            Action.REPLY,
            "reply_text",
            "reply_facts",
            "replied_at",
            "review_ask_due",
            actor=actor,
            at=now,
            note=opinion,
            data={
                "reply_number": locked.reply_number,
                "late": bool(locked.handle_due and now > locked.handle_due),
            },
        )
        notices.replied(locked, row)
    return locked


def petition_ask_review(
    *, petition: Petition, actor, grounds: str, expected_version: int | None = None
) -> Petition:
    """Record the petitioner's request for 复查 (within 30 days of the reply); the reviewing
    body has 30 days to decide."""
    grounds = text(
        grounds, required=True, code="grounds_required", message=_("请填写复查请求的事项和理由")
    )
    with writing(actor):
        locked, now = lock_for(
            Action.ASK_REVIEW, petition, actor, expected_version=expected_version
        )
        locked.review_asked_at = now
        locked.review_decide_due = deadlines.days_after(now, deadlines.REVIEW_DECIDE_DAYS)
        move(
            locked,
            Action.ASK_REVIEW,
            "review_asked_at",
            "review_decide_due",
            actor=actor,
            at=now,
            note=grounds,
        )
    return locked


def petition_decide_review(
    *, petition: Petition, actor, opinion: str, expected_version: int | None = None
) -> Petition:
    opinion = text(opinion, required=True, code="opinion_required", message=_("请填写复查意见"))
    with writing(actor):
        locked, now = lock_for(
            Action.DECIDE_REVIEW, petition, actor, expected_version=expected_version
        )
        locked.reviewed_at = now
        locked.review_opinion = opinion
        locked.recheck_ask_due = deadlines.days_after(now, deadlines.RECHECK_ASK_DAYS)
        row = move(
            locked,
            Action.DECIDE_REVIEW,
            "reviewed_at",
            "review_opinion",
            "recheck_ask_due",
            actor=actor,
            at=now,
            note=opinion,
            data={"late": now > locked.review_decide_due},
        )
        notices.reviewed(locked, row)
    return locked


def petition_ask_recheck(
    *, petition: Petition, actor, grounds: str, expected_version: int | None = None
) -> Petition:
    """Record the petitioner's request for 复核 (within 30 days of the review decision)."""
    grounds = text(
        grounds, required=True, code="grounds_required", message=_("请填写复核请求的事项和理由")
    )
    with writing(actor):
        locked, now = lock_for(
            Action.ASK_RECHECK, petition, actor, expected_version=expected_version
        )
        locked.recheck_asked_at = now
        locked.recheck_decide_due = deadlines.days_after(now, deadlines.RECHECK_DECIDE_DAYS)
        move(
            locked,
            Action.ASK_RECHECK,
            "recheck_asked_at",
            "recheck_decide_due",
            actor=actor,
            at=now,
            note=grounds,
        )
    return locked


def petition_decide_recheck(
    *, petition: Petition, actor, opinion: str, expected_version: int | None = None
) -> Petition:
    """The re-review decision ends the procedure: the same facts and reasons from the same
    people are refused at registration from now on, and the work order is closed."""
    opinion = text(opinion, required=True, code="opinion_required", message=_("请填写复核意见"))
    with writing(actor):
        locked, now = lock_for(
            Action.DECIDE_RECHECK, petition, actor, expected_version=expected_version
        )
        _case_step(
            locked.case,
            CaseAction.CLOSE,
            case_services.case_close,
            actor,
            note=str(_("信访事项复核终结")),
        )
        locked.rechecked_at = now
        locked.recheck_opinion = opinion
        row = move(
            locked,
            Action.DECIDE_RECHECK,
            "rechecked_at",
            "recheck_opinion",
            actor=actor,
            at=now,
            note=opinion,
            data={"late": now > locked.recheck_decide_due},
        )
        notices.rechecked(locked, row)
    return locked


def petition_assign_leader(
    *,
    petition: Petition,
    actor,
    leader: User,
    note: str = "",
    expected_version: int | None = None,
) -> Petition:
    """Name the responsible leader (包案领导): a leader of the matter's region."""
    note = text(note, required=False)
    if leader is None:
        raise DomainError("invalid_leader", _("请选择包案领导"), status=422)
    with writing(actor):
        locked, now = lock_for(
            Action.ASSIGN_LEADER, petition, actor, expected_version=expected_version
        )
        locked.leader = check_leader(leader, locked.case.region)
        save(locked, "leader")
        event(
            locked,
            Action.ASSIGN_LEADER,
            actor=actor,
            at=now,
            note=note,
            data={"leader": locked.leader.display_name},
        )
    return locked
