"""Side events of a work order: extensions, 催办, 督办 and the follow-up (回访)."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from pingan.cases import clock, deadlines, selectors
from pingan.cases.models import Case, ExtensionRequest, FollowUp, Satisfaction, SupervisionLevel
from pingan.cases.services._base import event, lock_for, save, text, writing
from pingan.cases.services.flow import REOPEN_FIELDS, reset_for_redo
from pingan.cases.workflow import FOLLOW_UP_OUTCOME, OPEN, Action, EventKind, Status
from pingan.core import workcalendar
from pingan.core.errors import DomainError, NotFound


def _effective_due(case: Case, now):
    """The deadline as it stands now: a paused case's deadline moves on while it waits."""
    if case.due_at is None:
        return None
    if case.status == Status.PAUSED and case.paused_at:
        return case.due_at + max(now - case.paused_at, timedelta(0))
    return case.due_at


def case_request_extension(
    *, case: Case, actor, days: int, reason: str, expected_version: int | None = None
) -> Case:
    """Ask for more working days. Only before the deadline, one request at a time."""
    reason = text(reason, required=True, code="reason_required", message=_("请填写延期理由"))
    if (
        isinstance(days, bool)
        or not isinstance(days, int)
        or not (1 <= days <= ExtensionRequest.MAX_DAYS)
    ):
        raise DomainError(
            "invalid_days",
            _("延期天数应为 1 至 %(n)s 个工作日") % {"n": ExtensionRequest.MAX_DAYS},
            status=422,
        )
    with writing(actor):
        case = lock_for(Action.REQUEST_EXTENSION, case, actor, expected_version=expected_version)
        now = clock.now()
        due = _effective_due(case, now)
        if due is None or now >= due:
            raise DomainError("extension_too_late", _("已超过办理期限，不能再申请延期"), status=409)
        try:
            with transaction.atomic():
                request = ExtensionRequest.objects.create(
                    case=case,
                    requested_by=actor,
                    days=days,
                    reason=reason,
                    due_at_before=case.due_at,
                    created_at=now,
                )
        except IntegrityError as exc:
            raise DomainError(
                "extension_pending", _("该工单已有待审批的延期申请"), status=409
            ) from exc
        event(
            case,
            EventKind.EXTENSION_REQUEST,
            actor=actor,
            note=reason,
            department=case.department,
            data={"request": request.pk, "days": days},
        )
    return case


def case_decide_extension(
    *,
    case: Case,
    actor,
    request: ExtensionRequest | int,
    grant: bool,
    note: str = "",
    expected_version: int | None = None,
) -> Case:
    """Grant (the deadline moves on by the requested working days) or deny a request."""
    note = text(
        note,
        required=not grant,
        code="reason_required",
        message=_("请填写不同意延期的理由"),
    )
    request_id = request.pk if isinstance(request, ExtensionRequest) else request
    with writing(actor):
        case = lock_for(Action.DECIDE_EXTENSION, case, actor, expected_version=expected_version)
        pending = (
            ExtensionRequest.objects.select_for_update().filter(pk=request_id, case=case).first()
        )
        if pending is None:
            raise NotFound(_("延期申请不存在"))
        if pending.status != ExtensionRequest.State.PENDING:
            raise DomainError("extension_decided", _("该延期申请已处理"), status=409)
        now = clock.now()
        pending.status = ExtensionRequest.State.GRANTED if grant else ExtensionRequest.State.DENIED
        pending.decided_by = actor
        pending.decided_at = now
        pending.decision_note = note
        pending.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
        data = {"request": pending.pk, "days": pending.days}
        if grant:
            before = case.due_at
            case.due_at = workcalendar.deadline(case.due_at, pending.days, "working_days")
            case.extension_days_granted += pending.days
            # A new deadline earns its own warnings.
            case.sla_notified = ""
            deadlines.refresh_answer_warning(case)
            save(case, "due_at", "due_warn_at", "extension_days_granted", "sla_notified")
            data |= {"due_at_before": before.isoformat(), "due_at": case.due_at.isoformat()}
        event(
            case,
            EventKind.EXTENSION_GRANT if grant else EventKind.EXTENSION_DENY,
            actor=actor,
            note=note,
            department=case.department,
            data=data,
        )
    return case


def case_remind(*, case: Case, actor, note: str = "", expected_version: int | None = None) -> Case:
    """催办: press whoever holds the case now. Changes nothing but the timeline."""
    note = text(note, required=False, code="", message="")
    with writing(actor):
        case = lock_for(Action.REMIND, case, actor, expected_version=expected_version)
        event(case, EventKind.REMIND, actor=actor, note=note, department=case.department)
    return case


SUPERVISION_RANK = {SupervisionLevel.NONE: 0, SupervisionLevel.YELLOW: 1, SupervisionLevel.RED: 2}


def case_supervise(
    *, case: Case, actor, level: str, note: str = "", expected_version: int | None = None
) -> Case:
    """督办 by a leader with a yellow or red card. A card is never lowered while the case is
    open; a second card of the same colour is recorded as another supervision."""
    if level not in (SupervisionLevel.YELLOW, SupervisionLevel.RED):
        raise DomainError("invalid_level", _("督办级别只能是黄牌或红牌"), status=422)
    note = text(note, required=False, code="", message="")
    with writing(actor):
        case = lock_for(Action.SUPERVISE, case, actor, expected_version=expected_version)
        if SUPERVISION_RANK[level] > SUPERVISION_RANK[case.supervision_level]:
            case.supervision_level = level
            save(case, "supervision_level")
        event(
            case,
            EventKind.SUPERVISE,
            actor=actor,
            note=note,
            department=case.department,
            data={"level": level},
        )
    return case


def case_follow_up(
    *,
    case: Case,
    actor,
    satisfaction: str,
    comment: str = "",
    query_code: str = "",
    expected_version: int | None = None,
) -> Case:
    """回访: satisfied or basically satisfied closes the case; unsatisfied sends it back to be
    redone. Hotline or dispatch staff record a call; the reporter rates their own case when
    signed in or with the case's query code (actor may then be anonymous)."""
    if satisfaction not in Satisfaction.values:
        raise DomainError("invalid_satisfaction", _("请选择满意、基本满意或不满意"), status=422)
    comment = text(comment, required=False, code="", message="", limit=1000)
    as_reporter = bool(query_code)
    signed_in = bool(getattr(actor, "is_authenticated", False))
    with writing(actor if signed_in else None):
        case = lock_for(
            Action.FOLLOW_UP,
            case,
            actor,
            expected_version=expected_version,
            query_code=query_code,
        )
        now = clock.now()
        by_reporter = as_reporter or (signed_in and case.reporter_id == actor.pk)
        FollowUp.objects.create(
            case=case,
            actor=actor if signed_in else None,
            by_reporter=by_reporter,
            satisfaction=satisfaction,
            comment=comment,
            at=now,
        )
        old = case.status
        outcome = FOLLOW_UP_OUTCOME[satisfaction]
        previous = case.department
        if outcome == Status.CLOSED:
            case.satisfaction = satisfaction
            case.closed_at = now
            fields = ("satisfaction", "closed_at")
        else:
            reset_for_redo(case, now)
            case.satisfaction = satisfaction
            fields = REOPEN_FIELDS
        case.status = outcome
        save(case, "status", *fields)
        event(
            case,
            EventKind.FOLLOW_UP,
            actor=actor if signed_in else None,
            from_status=old,
            to_status=outcome,
            note=comment,
            department=previous,
            data={"satisfaction": satisfaction, "by_reporter": by_reporter},
        )
    return case


def case_align_due(*, case: Case, actor, due_at, reason: str) -> Case:
    """Set the answer deadline from a statutory timeline another app keeps for this case: a
    petition's limits under the 信访工作条例 (15 days to route, 15 to accept, 60 to reply, one
    extension) replace the category's default, so the case's lights and queues follow the law.
    Called by that app's services, inside their own permission checks; it is no user action."""
    reason = text(reason, required=True, code="reason_required", message=_("请说明调整期限的依据"))
    with writing(actor):
        locked = selectors.lock_case(case.pk)
        if locked.status not in OPEN:
            return locked
        if locked.clock_started_at is None:
            locked.clock_started_at = clock.now()
        locked.due_at = due_at
        locked.sla_notified = ""
        deadlines.refresh_answer_warning(locked)
        save(locked, *deadlines.ANSWER_CLOCK_FIELDS, bump=False)
        event(locked, EventKind.NOTE, actor=actor, note=reason, data={"due_at": due_at.isoformat()})
    return locked
