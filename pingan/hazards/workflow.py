"""The hazard state machine (DESIGN.md "Hazard 隐患排查整改"): statuses, the one table of
transitions, and the guards that services, pages and the API share.

found → 立行立改 (一般 only) → closed; or found → rectification ordered (一般 or 重大, with a
deadline) → rectifying → re-inspection requested → re-inspected: passed → 销号 (closed), failed →
back to rectifying. A 重大 hazard is put under 挂牌督办 by a leader, and only a leader closes it.
Whether the user may see the hazard at all is not asked here: services fetch it through the
scoped selector first, so a hazard outside the user's jurisdiction is a 404 before any guard.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError
from pingan.org import scoping
from pingan.org.roles import Role


class Status(models.TextChoices):
    # Recorded during an inspection or patrol, or reported as a work order; not dealt with yet.
    FOUND = "found", _("待处置")
    # A rectification order with a deadline is running.
    RECTIFYING = "rectifying", _("整改中")
    # The place says it has rectified; an inspector must come back and check.
    REVIEW_REQUESTED = "review_requested", _("待复查")
    # The re-inspection found it rectified; waiting for 销号.
    REINSPECTED = "reinspected", _("复查合格")
    # 销号: closed for good (after a passed re-inspection, or fixed on the spot).
    CLOSED = "closed", _("已销号")
    # Looked into and found not to be a hazard (e.g. a report that did not hold up).
    DISMISSED = "dismissed", _("不予认定")


class Grade(models.TextChoices):
    GENERAL = "general", _("一般隐患")
    MAJOR = "major", _("重大隐患")


class Action(models.TextChoices):
    FIX_ON_SPOT = "fix_on_spot", _("立行立改")
    ORDER = "order", _("下达整改")
    REQUEST_REVIEW = "request_review", _("申请复查")
    PASS = "pass", _("复查合格")
    FAIL = "fail", _("复查不合格")
    CLOSE = "close", _("销号")
    DISMISS = "dismiss", _("不予认定")
    SUPERVISE = "supervise", _("挂牌督办")


class EventKind(models.TextChoices):
    """What a timeline row records: a transition, a side event, or a note by the system."""

    CREATE = "create", _("发现登记")
    FIX_ON_SPOT = "fix_on_spot", _("立行立改")
    ORDER = "order", _("下达整改")
    REQUEST_REVIEW = "request_review", _("申请复查")
    PASS = "pass", _("复查合格")
    FAIL = "fail", _("复查不合格")
    CLOSE = "close", _("销号")
    DISMISS = "dismiss", _("不予认定")
    SUPERVISE = "supervise", _("挂牌督办")
    WARN = "warn", _("整改临期提醒")
    ESCALATE = "escalate", _("逾期升级")


S = Status
# Not closed or dismissed: someone still has to act.
OPEN = frozenset({S.FOUND, S.RECTIFYING, S.REVIEW_REQUESTED, S.REINSPECTED})
FINISHED = frozenset({S.CLOSED, S.DISMISSED})
# The deadline binds the place only while it is rectifying; once it asks for re-inspection the
# ball is in the inspector's court.
ON_THE_CLOCK = frozenset({S.RECTIFYING})

INSPECTING = frozenset({Role.INSPECTOR})
# THE table: action -> (statuses it may start from, status it leads to, roles that may take it).
# A `None` target is a side action: the status stays. ADMIN over the region may do anything.
TRANSITIONS: dict[str, tuple[frozenset, str | None, frozenset]] = {
    Action.FIX_ON_SPOT: (frozenset({S.FOUND}), S.CLOSED, INSPECTING),
    Action.ORDER: (frozenset({S.FOUND}), S.RECTIFYING, INSPECTING),
    Action.REQUEST_REVIEW: (
        frozenset({S.RECTIFYING}),
        S.REVIEW_REQUESTED,
        INSPECTING | {Role.GRID},
    ),
    Action.PASS: (frozenset({S.REVIEW_REQUESTED}), S.REINSPECTED, INSPECTING),
    Action.FAIL: (frozenset({S.REVIEW_REQUESTED}), S.RECTIFYING, INSPECTING),
    Action.CLOSE: (frozenset({S.REINSPECTED}), S.CLOSED, INSPECTING | {Role.LEADER}),
    Action.DISMISS: (frozenset({S.FOUND}), S.DISMISSED, INSPECTING),
    Action.SUPERVISE: (OPEN, None, frozenset({Role.LEADER})),
}
# A 重大 hazard is closed (销号) only by the leader supervising it, not by the inspector.
MAJOR_ROLES: dict[str, frozenset] = {Action.CLOSE: frozenset({Role.LEADER})}

# Who records hazards (during an inspection or a patrol) and keeps the place register.
RECORD_ROLES = frozenset({Role.INSPECTOR, Role.GRID})
# Who sees the hazard lists at all (each within their jurisdiction).
VIEW_ROLES = frozenset({Role.INSPECTOR, Role.GRID, Role.LEADER, Role.ADMIN})


def roles_for(action: str, hazard) -> frozenset:
    if hazard.grade == Grade.MAJOR and action in MAJOR_ROLES:
        return MAJOR_ROLES[action]
    return TRANSITIONS[action][2]


def may_act(action: str, hazard, user) -> bool:
    """Whether the user's roles over the hazard's region allow `action`, whatever its status."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return any(scoping.can_act(user, role, hazard.region) for role in roles_for(action, hazard))


def status_allows(action: str, hazard) -> bool:
    if hazard.status not in TRANSITIONS[action][0]:
        return False
    if action == Action.SUPERVISE:
        return hazard.grade == Grade.MAJOR and hazard.supervised_at is None
    if action == Action.FIX_ON_SPOT:
        return hazard.grade != Grade.MAJOR
    return True


def can(action: str, hazard, user) -> bool:
    return status_allows(action, hazard) and may_act(action, hazard, user)


def check(action: str, hazard, user) -> None:
    """Raise the refusal: 403 for a role that may not act, 409 for a status that does not allow
    it (role first, so nobody learns more than their role could act on)."""
    if not may_act(action, hazard, user):
        raise DomainError(
            "forbidden",
            _("您没有权限对该隐患执行「%(action)s」") % {"action": Action(action).label},
            status=403,
        )
    if not status_allows(action, hazard):
        raise DomainError(
            "invalid_transition",
            _("当前状态（%(status)s · %(grade)s）不能执行「%(action)s」")
            % {
                "status": Status(hazard.status).label,
                "grade": Grade(hazard.grade).label if hazard.grade else _("未定级"),
                "action": Action(action).label,
            },
            status=409,
        )


def target_status(action: str) -> str | None:
    return TRANSITIONS[action][1]


def available_actions(hazard, user) -> list[str]:
    return [action for action in TRANSITIONS if can(action, hazard, user)]


# Named guards, for templates and readers who look for can_<verb>.
def can_fix_on_spot(hazard, user) -> bool:
    return can(Action.FIX_ON_SPOT, hazard, user)


def can_order(hazard, user) -> bool:
    return can(Action.ORDER, hazard, user)


def can_request_review(hazard, user) -> bool:
    return can(Action.REQUEST_REVIEW, hazard, user)


def can_pass(hazard, user) -> bool:
    return can(Action.PASS, hazard, user)


def can_fail(hazard, user) -> bool:
    return can(Action.FAIL, hazard, user)


def can_close(hazard, user) -> bool:
    return can(Action.CLOSE, hazard, user)


def can_dismiss(hazard, user) -> bool:
    return can(Action.DISMISS, hazard, user)


def can_supervise(hazard, user) -> bool:
    return can(Action.SUPERVISE, hazard, user)
