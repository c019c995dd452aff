"""The work-order state machine (DESIGN.md "Workflows / Work order"): statuses, the one table of
allowed transitions and side events, and the guards that services and pages both use.

`can(action, case, user)` answers yes or no for showing a button; `check(action, case, user)`
raises the error a refused request gets. Whether the user may see the case at all is not asked
here: services fetch the case through the scoped selector first, so a case outside the user's
jurisdiction is already a 404 before any guard runs.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError
from pingan.org import scoping
from pingan.org.roles import Role


class Status(models.TextChoices):
    NEW = "new", _("待受理")  # reported online, not yet looked at by intake staff
    ACCEPTED = "accepted", _("已受理")  # taken in, waiting for a dispatcher to route it
    DISPATCHED = "dispatched", _("已派单")  # sent to a department, waiting to be signed for
    SIGNED = "signed", _("已签收")  # the department has it and is working on it
    ANSWERED = "answered", _("已答复")  # the department has answered; waiting for the follow-up
    CLOSED = "closed", _("已办结")  # finished: follow-up satisfied, or closed by a dispatcher
    RESOLVED_ON_SPOT = "resolved_on_spot", _("即时办结")  # answered at intake, never dispatched
    REJECTED = "rejected", _("不予受理")  # refused at intake, with the reason told to the reporter
    RETURNED = "returned", _("已退单")  # handed back by the department, back in the dispatch queue
    PAUSED = "paused", _("挂起")  # waiting on the citizen; the answer clock stands still
    MERGED = "merged", _("已合并")  # a duplicate report, now following its main case
    REOPENED = "reopened", _("重办")  # answer found wanting; back in the dispatch queue


class Action(models.TextChoices):
    ACCEPT = "accept", _("受理")
    REJECT = "reject", _("不予受理")
    RESOLVE_ON_SPOT = "resolve_on_spot", _("即时办结")
    DISPATCH = "dispatch", _("派单")
    SIGN = "sign", _("签收")
    RETURN = "return", _("退单")
    ANSWER = "answer", _("答复")
    PAUSE = "pause", _("挂起")
    RESUME = "resume", _("恢复办理")
    MERGE = "merge", _("合并")
    CLOSE = "close", _("办结")
    REOPEN = "reopen", _("重办")
    REQUEST_EXTENSION = "request_extension", _("申请延期")
    DECIDE_EXTENSION = "decide_extension", _("审批延期")
    REMIND = "remind", _("催办")
    SUPERVISE = "supervise", _("督办")
    FOLLOW_UP = "follow_up", _("回访")


class EventKind(models.TextChoices):
    """What a timeline row records: a transition, a side event, or a note by the system."""

    CREATE = "create", _("登记")
    ACCEPT = "accept", _("受理")
    REJECT = "reject", _("不予受理")
    RESOLVE_ON_SPOT = "resolve_on_spot", _("即时办结")
    DISPATCH = "dispatch", _("派单")
    SIGN = "sign", _("签收")
    RETURN = "return", _("退单")
    ANSWER = "answer", _("答复")
    PAUSE = "pause", _("挂起")
    RESUME = "resume", _("恢复办理")
    MERGE = "merge", _("合并")
    CLOSE = "close", _("办结")
    REOPEN = "reopen", _("重办")
    EXTENSION_REQUEST = "extension_request", _("申请延期")
    EXTENSION_GRANT = "extension_grant", _("同意延期")
    EXTENSION_DENY = "extension_deny", _("不同意延期")
    REMIND = "remind", _("催办")
    SUPERVISE = "supervise", _("督办")
    FOLLOW_UP = "follow_up", _("回访")
    PHOTO = "photo", _("上传照片")
    NOTE = "note", _("备注")
    SLA_WARNING = "sla_warning", _("即将逾期（黄灯）")
    SLA_OVERDUE = "sla_overdue", _("已逾期（红灯）")


# The citizen who reported the case: logged in as its reporter, or holding its query code.
REPORTER = "reporter"

INTAKE = frozenset({Role.HOTLINE, Role.CLERK, Role.DISPATCHER})
DISPATCHING = frozenset({Role.DISPATCHER})
# A handler acts on cases of the department of one of their posts (or assigned to them).
HANDLING = frozenset({Role.HANDLER})
REMINDING = frozenset({Role.DISPATCHER, Role.LEADER})
SUPERVISING = frozenset({Role.LEADER})
FOLLOWING_UP = frozenset({Role.HOTLINE, Role.DISPATCHER, REPORTER})

S = Status
# Statuses in which the case is still being worked on.
OPEN = frozenset({S.NEW, S.ACCEPTED, S.DISPATCHED, S.SIGNED, S.PAUSED, S.RETURNED, S.REOPENED})
# Statuses in which nothing more happens to the case itself.
FINISHED = frozenset({S.CLOSED, S.RESOLVED_ON_SPOT, S.REJECTED, S.MERGED})
# A merge needs a main case that will still be answered.
MERGE_TARGETS = OPEN

# THE table: action -> (statuses it may start from, status it leads to, roles that may take it).
# A `None` target is a side event: the status stays. A follow-up's target depends on the answer
# it records (FOLLOW_UP_OUTCOME).
TRANSITIONS: dict[str, tuple[frozenset, str | None, frozenset]] = {
    Action.ACCEPT: (frozenset({S.NEW}), S.ACCEPTED, INTAKE),
    Action.REJECT: (frozenset({S.NEW, S.ACCEPTED}), S.REJECTED, INTAKE),
    Action.RESOLVE_ON_SPOT: (frozenset({S.NEW, S.ACCEPTED}), S.RESOLVED_ON_SPOT, INTAKE),
    Action.DISPATCH: (frozenset({S.ACCEPTED, S.RETURNED, S.REOPENED}), S.DISPATCHED, DISPATCHING),
    Action.SIGN: (frozenset({S.DISPATCHED}), S.SIGNED, HANDLING),
    Action.RETURN: (frozenset({S.DISPATCHED, S.SIGNED}), S.RETURNED, HANDLING),
    Action.ANSWER: (frozenset({S.SIGNED}), S.ANSWERED, HANDLING),
    Action.PAUSE: (frozenset({S.SIGNED}), S.PAUSED, HANDLING),
    Action.RESUME: (frozenset({S.PAUSED}), S.SIGNED, HANDLING),
    Action.MERGE: (
        frozenset({S.NEW, S.ACCEPTED, S.DISPATCHED, S.RETURNED}),
        S.MERGED,
        DISPATCHING,
    ),
    Action.CLOSE: (frozenset({S.ANSWERED}), S.CLOSED, DISPATCHING),
    Action.REOPEN: (frozenset({S.ANSWERED, S.CLOSED}), S.REOPENED, DISPATCHING),
    Action.REQUEST_EXTENSION: (frozenset({S.SIGNED, S.PAUSED}), None, HANDLING),
    Action.DECIDE_EXTENSION: (frozenset({S.SIGNED, S.PAUSED}), None, DISPATCHING),
    Action.REMIND: (OPEN, None, REMINDING),
    Action.SUPERVISE: (OPEN, None, SUPERVISING),
    Action.FOLLOW_UP: (frozenset({S.ANSWERED}), None, FOLLOWING_UP),
}

# Satisfied and basically satisfied close the case; unsatisfied sends it back to be redone.
FOLLOW_UP_OUTCOME = {"satisfied": S.CLOSED, "basic": S.CLOSED, "unsatisfied": S.REOPENED}


def _is_case_handler(user, case) -> bool:
    if case.handler_id is not None and case.handler_id == user.pk:
        return True
    if case.department_id is None:
        return False
    return any(
        post.department_id == case.department_id and case.region.code.startswith(post.region.code)
        for post in scoping.posts_of(user, [Role.HANDLER])
    )


def _holds(user, role: str, case, *, as_reporter: bool) -> bool:
    if role == REPORTER:
        if as_reporter:
            return True
        return case.reporter_id is not None and case.reporter_id == user.pk
    if role == Role.HANDLER:
        return _is_case_handler(user, case) or scoping.can_act(user, Role.ADMIN, case.region)
    return scoping.can_act(user, role, case.region)


def may_act(action: str, case, user, *, as_reporter: bool = False) -> bool:
    """Whether the user's roles allow `action` on this case, whatever its status."""
    _from, _to, roles = TRANSITIONS[action]
    if as_reporter:
        return REPORTER in roles
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return any(_holds(user, role, case, as_reporter=False) for role in roles)


def status_allows(action: str, case) -> bool:
    return case.status in TRANSITIONS[action][0]


def can(action: str, case, user, *, as_reporter: bool = False) -> bool:
    """The guard: the case's status allows `action` and the user holds a role that may take it."""
    return status_allows(action, case) and may_act(action, case, user, as_reporter=as_reporter)


def check(action: str, case, user, *, as_reporter: bool = False) -> None:
    """Raise the refusal for `action`: 403 for a role that may not take it, 409 for a status
    that does not allow it (role first, so that nobody learns more about a case than their
    role could act on)."""
    if not may_act(action, case, user, as_reporter=as_reporter):
        raise DomainError(
            "forbidden",
            _("您没有权限对该工单执行「%(action)s」") % {"action": Action(action).label},
            status=403,
        )
    if not status_allows(action, case):
        raise DomainError(
            "invalid_transition",
            _("当前状态（%(status)s）不能执行「%(action)s」")
            % {"status": Status(case.status).label, "action": Action(action).label},
            status=409,
        )


def target_status(action: str) -> str | None:
    return TRANSITIONS[action][1]


def available_actions(case, user) -> list[str]:
    """The actions the user may take on the case now, in table order (for buttons)."""
    return [action for action in TRANSITIONS if can(action, case, user)]


# Named guards, for templates and readers who look for can_<verb>.
def can_accept(case, user) -> bool:
    return can(Action.ACCEPT, case, user)


def can_reject(case, user) -> bool:
    return can(Action.REJECT, case, user)


def can_resolve_on_spot(case, user) -> bool:
    return can(Action.RESOLVE_ON_SPOT, case, user)


def can_dispatch(case, user) -> bool:
    return can(Action.DISPATCH, case, user)


def can_sign(case, user) -> bool:
    return can(Action.SIGN, case, user)


def can_return(case, user) -> bool:
    return can(Action.RETURN, case, user)


def can_answer(case, user) -> bool:
    return can(Action.ANSWER, case, user)


def can_pause(case, user) -> bool:
    return can(Action.PAUSE, case, user)


def can_resume(case, user) -> bool:
    return can(Action.RESUME, case, user)


def can_merge(case, user) -> bool:
    return can(Action.MERGE, case, user)


def can_close(case, user) -> bool:
    return can(Action.CLOSE, case, user)


def can_reopen(case, user) -> bool:
    return can(Action.REOPEN, case, user)


def can_request_extension(case, user) -> bool:
    return can(Action.REQUEST_EXTENSION, case, user)


def can_decide_extension(case, user) -> bool:
    return can(Action.DECIDE_EXTENSION, case, user)


def can_remind(case, user) -> bool:
    return can(Action.REMIND, case, user)


def can_supervise(case, user) -> bool:
    return can(Action.SUPERVISE, case, user)


def can_follow_up(case, user) -> bool:
    return can(Action.FOLLOW_UP, case, user)
