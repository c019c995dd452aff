"""The transitions of a work order: intake decisions, dispatch, handling, closing, reopening.

Each one: one transaction, the row locked, the guard re-checked on the locked row, the change,
one event; SMS to the reporter queued in the same transaction where they should hear of it.
"""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from pingan.cases import clock, deadlines, notices, selectors, workflow
from pingan.cases.models import Case, ExtensionRequest
from pingan.cases.services._base import event, lock_for, move, text, writing
from pingan.cases.workflow import MERGE_TARGETS, Action
from pingan.core import workcalendar
from pingan.core.errors import DomainError
from pingan.org import scoping
from pingan.org.models import Department
from pingan.org.roles import Role


def case_accept(*, case: Case, actor, note: str = "", expected_version: int | None = None) -> Case:
    note = text(note, required=False, code="", message="")
    with writing(actor):
        case = lock_for(Action.ACCEPT, case, actor, expected_version=expected_version)
        now = clock.now()
        case.accepted_at = now
        deadlines.start_answer_clock(case, now)
        move(
            case,
            Action.ACCEPT,
            "accepted_at",
            *deadlines.ANSWER_CLOCK_FIELDS,
            actor=actor,
            note=note,
        )
    return case


def case_reject(*, case: Case, actor, reason: str, expected_version: int | None = None) -> Case:
    reason = text(reason, required=True, code="reason_required", message=_("请填写不予受理的理由"))
    with writing(actor):
        case = lock_for(Action.REJECT, case, actor, expected_version=expected_version)
        case.closed_at = clock.now()
        row = move(case, Action.REJECT, "closed_at", actor=actor, note=reason)
        notices.rejected(case, reason, row)
    return case


def case_resolve_on_spot(
    *, case: Case, actor, answer: str, expected_version: int | None = None
) -> Case:
    answer = text(answer, required=True, code="answer_required", message=_("请填写答复内容"))
    with writing(actor):
        case = lock_for(Action.RESOLVE_ON_SPOT, case, actor, expected_version=expected_version)
        now = clock.now()
        case.answer = answer
        case.accepted_at = case.accepted_at or now
        case.answered_at = now
        case.closed_at = now
        move(
            case,
            Action.RESOLVE_ON_SPOT,
            "answer",
            "accepted_at",
            "answered_at",
            "closed_at",
            actor=actor,
            note=answer,
        )
    return case


def _resolve_department(department) -> Department:
    if not isinstance(department, Department):
        code = (department or "").strip()
        department = Department.objects.select_related("region").filter(code=code).first()
        if department is None:
            raise DomainError(
                "unknown_department", _("未知的部门：%(code)s") % {"code": code}, status=422
            )
    if not department.is_active:
        raise DomainError("unknown_department", _("该部门已停用"), status=422)
    return department


def _check_handler(handler, department: Department, case: Case) -> None:
    if handler is None:
        return
    serves = any(
        post.department_id == department.pk and case.region.code.startswith(post.region.code)
        for post in scoping.posts_of(handler, [Role.HANDLER])
    )
    if not serves:
        raise DomainError("invalid_handler", _("指定的承办人不在该部门承办岗位上"), status=422)


def case_dispatch(
    *,
    case: Case,
    actor,
    department: Department | str,
    note: str = "",
    handler=None,
    expected_version: int | None = None,
) -> Case:
    """Send the case to a department (optionally to one of its handlers); the department then
    has the category's sign limit to sign for it."""
    note = text(note, required=False, code="", message="")
    department = _resolve_department(department)
    with writing(actor):
        case = lock_for(Action.DISPATCH, case, actor, expected_version=expected_version)
        # A department serves its own region and everything below it.
        if not case.region.code.startswith(department.region.code):
            raise DomainError(
                "department_out_of_area",
                _("「%(dept)s」不负责「%(region)s」") % {"dept": department, "region": case.region},
                status=422,
            )
        _check_handler(handler, department, case)
        now = clock.now()
        case.department = department
        case.handler = handler
        case.dispatched_at = now
        case.signed_at = None
        deadlines.start_sign_clock(case, now)
        move(
            case,
            Action.DISPATCH,
            "department",
            "handler",
            "dispatched_at",
            "signed_at",
            *deadlines.SIGN_CLOCK_FIELDS,
            actor=actor,
            note=note,
            department=department,
            data={"handler": handler.pk} if handler else None,
        )
    return case


def case_sign(*, case: Case, actor, note: str = "", expected_version: int | None = None) -> Case:
    note = text(note, required=False, code="", message="")
    with writing(actor):
        case = lock_for(Action.SIGN, case, actor, expected_version=expected_version)
        case.signed_at = clock.now()
        case.handler = case.handler or actor
        move(
            case,
            Action.SIGN,
            "signed_at",
            "handler",
            actor=actor,
            note=note,
            department=case.department,
        )
    return case


def _withdraw_pending_extensions(case: Case, now) -> None:
    for request in ExtensionRequest.objects.filter(
        case=case, status=ExtensionRequest.State.PENDING
    ):
        request.status = ExtensionRequest.State.WITHDRAWN
        request.decided_at = now
        request.save(update_fields=["status", "decided_at"])


def case_return(*, case: Case, actor, reason: str, expected_version: int | None = None) -> Case:
    """The department hands the case back to dispatch (not its business, wrong region...)."""
    reason = text(reason, required=True, code="reason_required", message=_("请填写退单理由"))
    with writing(actor):
        case = lock_for(Action.RETURN, case, actor, expected_version=expected_version)
        department = case.department
        _withdraw_pending_extensions(case, clock.now())
        case.department = None
        case.handler = None
        case.signed_at = None
        move(
            case,
            Action.RETURN,
            "department",
            "handler",
            "signed_at",
            actor=actor,
            note=reason,
            department=department,
        )
    return case


def case_answer(*, case: Case, actor, answer: str, expected_version: int | None = None) -> Case:
    """Record the department's answer; every reporter (this case's and each merged report's)
    is told by SMS."""
    answer = text(answer, required=True, code="answer_required", message=_("请填写答复内容"))
    with writing(actor):
        case = lock_for(Action.ANSWER, case, actor, expected_version=expected_version)
        now = clock.now()
        _withdraw_pending_extensions(case, now)
        case.answer = answer
        case.answered_at = now
        case.follow_up_due_at = workcalendar.deadline(now, 1, "working_days")
        reports = list(selectors.linked_reports(case))
        row = move(
            case,
            Action.ANSWER,
            "answer",
            "answered_at",
            "follow_up_due_at",
            actor=actor,
            note=answer,
            department=case.department,
            data={"late": bool(case.due_at and now > case.due_at)},
        )
        notices.answered(case, reports, row)
    return case


def case_pause(*, case: Case, actor, reason: str, expected_version: int | None = None) -> Case:
    """Wait on the citizen (more information, a site visit they must allow): the answer clock
    stops, and the reporter is told what is needed."""
    reason = text(reason, required=True, code="reason_required", message=_("请填写挂起原因"))
    with writing(actor):
        case = lock_for(Action.PAUSE, case, actor, expected_version=expected_version)
        case.paused_at = clock.now()
        row = move(
            case, Action.PAUSE, "paused_at", actor=actor, note=reason, department=case.department
        )
        notices.returned_to_reporter(case, reason, row)
    return case


def case_resume(*, case: Case, actor, note: str = "", expected_version: int | None = None) -> Case:
    """Restart the clock: the deadline moves on by the time the case stood paused."""
    note = text(note, required=False, code="", message="")
    with writing(actor):
        case = lock_for(Action.RESUME, case, actor, expected_version=expected_version)
        now = clock.now()
        paused = max(now - case.paused_at, timedelta(0)) if case.paused_at else timedelta(0)
        seconds = int(paused.total_seconds())
        if case.due_at is not None:
            case.due_at += paused
        case.paused_seconds += seconds
        case.paused_at = None
        deadlines.refresh_answer_warning(case)
        move(
            case,
            Action.RESUME,
            "due_at",
            "due_warn_at",
            "paused_seconds",
            "paused_at",
            actor=actor,
            note=note,
            department=case.department,
            data={"paused_seconds": seconds},
        )
    return case


def _lock_pair(actor, first_pk: int, second_pk: int) -> dict[int, Case]:
    # Always lock in id order, so two merges of the same pair cannot deadlock.
    return {
        pk: selectors.get_case_for(actor, pk, write=True) for pk in sorted({first_pk, second_pk})
    }


def case_merge(
    *, case: Case, into: Case, actor, note: str = "", expected_version: int | None = None
) -> Case:
    """Fold a duplicate report into its main case. The report's reporter then follows the main
    case and hears its answer; reports already merged into this one move along with it."""
    note = text(note, required=False, code="", message="")
    if into is None or into.pk == case.pk:
        raise DomainError("merge_into_self", _("不能把工单合并到它自己"), status=422)
    with writing(actor):
        rows = _lock_pair(actor, case.pk, into.pk)
        case, main = rows[case.pk], rows[into.pk]
        if expected_version is not None and case.version != expected_version:
            raise DomainError("stale", _("该工单已被他人更新，请刷新后重试"), status=409)
        workflow.check(Action.MERGE, case, actor)
        if main.status not in MERGE_TARGETS:
            raise DomainError(
                "merge_target_closed",
                _("只能合并到尚在办理中的工单（%(number)s 当前为「%(status)s」）")
                % {"number": main.number, "status": main.status_label},
                status=409,
            )
        carried = list(Case.objects.filter(merged_into=case))
        for report in carried:
            report.merged_into = main
            report.save(update_fields=["merged_into", "updated_at"])
        case.merged_into = main
        case.closed_at = clock.now()
        move(
            case,
            Action.MERGE,
            "merged_into",
            "closed_at",
            actor=actor,
            note=note,
            data={"into": main.number, "carried": [r.number for r in carried]},
        )
        event(
            main,
            Action.MERGE,
            actor=actor,
            note=note,
            data={"merged": [case.number, *(r.number for r in carried)]},
        )
    return case


def case_close(*, case: Case, actor, note: str = "", expected_version: int | None = None) -> Case:
    """Close an answered case without the reporter's rating (no answer to the follow-up call)."""
    note = text(note, required=False, code="", message="")
    with writing(actor):
        case = lock_for(Action.CLOSE, case, actor, expected_version=expected_version)
        case.closed_at = clock.now()
        move(case, Action.CLOSE, "closed_at", actor=actor, note=note)
    return case


REOPEN_FIELDS = (
    "reopen_count",
    "department",
    "handler",
    "dispatched_at",
    "signed_at",
    "answered_at",
    "closed_at",
    "answer",
    "satisfaction",
    "follow_up_due_at",
    *deadlines.ANSWER_CLOCK_FIELDS,
    *deadlines.SIGN_CLOCK_FIELDS,
)


def reset_for_redo(case: Case, now) -> None:
    """Back to the dispatch queue with a fresh answer clock; the earlier rounds stay in the
    timeline."""
    case.reopen_count += 1
    case.department = None
    case.handler = None
    case.dispatched_at = case.signed_at = case.answered_at = case.closed_at = None
    case.answer = ""
    case.satisfaction = None
    case.follow_up_due_at = None
    case.sign_due_at = case.sign_warn_at = None
    case.sign_sla_notified = ""
    deadlines.start_answer_clock(case, now)


def case_reopen(*, case: Case, actor, reason: str, expected_version: int | None = None) -> Case:
    reason = text(reason, required=True, code="reason_required", message=_("请填写重办理由"))
    with writing(actor):
        case = lock_for(Action.REOPEN, case, actor, expected_version=expected_version)
        previous = case.department
        reset_for_redo(case, clock.now())
        move(case, Action.REOPEN, *REOPEN_FIELDS, actor=actor, note=reason, department=previous)
    return case
