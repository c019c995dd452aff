"""The petition state machine (信访工作条例 2022; DESIGN.md "Workflows / Petition"): statuses,
the one table of allowed transitions, and the guards that services and pages share.

A guard has three parts, checked in this order so that nobody learns more than their role
allows: the role (403), the status (409), then the statutory window or rule of the action
(409: an objection after 5 working days, a second extension, a review asked on day 31).
Whether the user may see the petition at all is asked before any guard: services fetch it
through the scoped selector, so a petition outside the user's jurisdiction is a 404 first.
"""

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError
from pingan.org import scoping
from pingan.org.roles import Role


class Status(models.TextChoices):
    REGISTERED = "registered", _("已登记")  # taken in; to be routed to a unit within 15 days
    ROUTED = "routed", _("已转送交办")  # at the unit: accept in 15 days or object in 5 workdays
    OBJECTED = "objected", _("单位异议")  # the unit says it is not its business; to be routed again
    HANDLING = "handling", _("办理中")  # accepted, petitioner notified; reply within 60 days (+≤30)
    REPLIED = "replied", _("已答复")  # written reply served; 复查 may be asked within 30 days
    REVIEWING = "reviewing", _("复查中")  # review asked; the reviewing body decides within 30 days
    REVIEWED = "reviewed", _("已复查")  # review decided; 复核 may be asked within 30 days
    RECHECKING = "rechecking", _("复核中")  # re-review asked; decided within 30 days
    FINAL = "final", _("已终结")  # re-review decided: the same facts are not accepted again


class Action(models.TextChoices):
    ROUTE = "route", _("转送/交办")
    OBJECT = "object", _("提出异议")
    ACCEPT = "accept", _("受理并告知")
    EXTEND = "extend", _("延长办理期限")
    REPLY = "reply", _("出具答复意见书")
    ASK_REVIEW = "ask_review", _("登记复查申请")
    DECIDE_REVIEW = "decide_review", _("作出复查意见")
    ASK_RECHECK = "ask_recheck", _("登记复核申请")
    DECIDE_RECHECK = "decide_recheck", _("作出复核意见")
    ASSIGN_LEADER = "assign_leader", _("确定包案领导")


class EventKind(models.TextChoices):
    """What a timeline row records: registration, a transition or a side event."""

    REGISTER = "register", _("登记")
    ROUTE = "route", _("转送/交办")
    OBJECT = "object", _("单位异议")
    ACCEPT = "accept", _("受理并告知")
    EXTEND = "extend", _("延长办理期限")
    REPLY = "reply", _("书面答复")
    ASK_REVIEW = "ask_review", _("申请复查")
    DECIDE_REVIEW = "decide_review", _("复查意见")
    ASK_RECHECK = "ask_recheck", _("申请复核")
    DECIDE_RECHECK = "decide_recheck", _("复核意见（终结）")
    ASSIGN_LEADER = "assign_leader", _("确定包案领导")


# A handler posted in the receiving unit (the department the petition was routed to).
UNIT = "unit"
# Staff who take petitions in, and who record a petitioner's request for review.
INTAKE = frozenset({Role.CLERK, Role.HOTLINE, Role.DISPATCHER})
# The petition bureau's staff (信访工作机构): route, and record the reviewing bodies' decisions.
BUREAU = frozenset({Role.DISPATCHER})
LEADING = frozenset({Role.DISPATCHER, Role.LEADER})

S = Status
# Statuses in which some body still owes the petitioner something within a limit.
PENDING = frozenset({S.REGISTERED, S.ROUTED, S.OBJECTED, S.HANDLING, S.REVIEWING, S.RECHECKING})

# THE table: action -> (statuses it may start from, status it leads to, roles that may take it).
# A `None` target is a side event: the status stays.
TRANSITIONS: dict[str, tuple[frozenset, str | None, frozenset]] = {
    Action.ROUTE: (frozenset({S.REGISTERED, S.OBJECTED}), S.ROUTED, BUREAU),
    Action.OBJECT: (frozenset({S.ROUTED}), S.OBJECTED, frozenset({UNIT})),
    Action.ACCEPT: (frozenset({S.ROUTED}), S.HANDLING, frozenset({UNIT})),
    Action.EXTEND: (frozenset({S.HANDLING}), None, frozenset({UNIT})),
    Action.REPLY: (frozenset({S.HANDLING}), S.REPLIED, frozenset({UNIT})),
    Action.ASK_REVIEW: (frozenset({S.REPLIED}), S.REVIEWING, INTAKE),
    Action.DECIDE_REVIEW: (frozenset({S.REVIEWING}), S.REVIEWED, BUREAU),
    Action.ASK_RECHECK: (frozenset({S.REVIEWED}), S.RECHECKING, INTAKE),
    Action.DECIDE_RECHECK: (frozenset({S.RECHECKING}), S.FINAL, BUREAU),
    Action.ASSIGN_LEADER: (frozenset(set(S) - {S.FINAL}), None, LEADING),
}


def is_unit_handler(user, petition) -> bool:
    if petition.unit_id is None:
        return False
    region_code = petition.case.region.code
    return any(
        post.department_id == petition.unit_id and region_code.startswith(post.region.code)
        for post in scoping.posts_of(user, [Role.HANDLER])
    )


def _holds(user, role: str, petition) -> bool:
    region = petition.case.region
    if role == UNIT:
        return is_unit_handler(user, petition) or scoping.can_act(user, Role.ADMIN, region)
    return scoping.can_act(user, role, region)


def may_act(action: str, petition, user) -> bool:
    """Whether the user's roles allow `action` on this petition, whatever its status."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    roles = TRANSITIONS[action][2]
    return any(_holds(user, role, petition) for role in roles)


def status_allows(action: str, petition) -> bool:
    return petition.status in TRANSITIONS[action][0]


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def _end_of_day(moment) -> str:
    """A deadline is 00:00 of the next local date; people read it as 24:00 of its last day."""
    return (timezone.localtime(moment) - timedelta(seconds=1)).strftime("%Y年%m月%d日24时")


def window_refusal(action: str, petition, now) -> DomainError | None:
    """The statutory rule `action` breaks at `now`, if any (status and role aside)."""
    if action == Action.OBJECT and petition.objection_due and now > petition.objection_due:
        return DomainError(
            "time_limit_passed",
            _(
                "已超过提出异议的期限：应自收到转送交办之日起5个工作日内提出"
                "（截至%(due)s），现在只能受理并告知信访人"
            )
            % {"due": _end_of_day(petition.objection_due)},
            status=409,
        )
    if action == Action.EXTEND:
        if petition.extension_days:
            return DomainError(
                "extension_used",
                _("办理期限只能延长一次，本件已于%(at)s延长%(days)s日")
                % {"at": _local(petition.extended_at), "days": petition.extension_days},
                status=409,
            )
        if petition.handle_due and now > petition.handle_due:
            return DomainError(
                "time_limit_passed",
                _("办理期限已于%(due)s届满，不能再延期")
                % {"due": _end_of_day(petition.handle_due)},
                status=409,
            )
    windows = {
        Action.ASK_REVIEW: (
            petition.review_ask_due,
            _(
                "复查申请已超过期限：应自收到书面答复之日起30日内提出（截至%(due)s），"
                "本申请提出于%(now)s，不予登记"
            ),
        ),
        Action.ASK_RECHECK: (
            petition.recheck_ask_due,
            _(
                "复核申请已超过期限：应自收到复查意见之日起30日内提出（截至%(due)s），"
                "本申请提出于%(now)s，不予登记"
            ),
        ),
    }
    if action in windows:
        due, message = windows[action]
        if due and now > due:
            return DomainError(
                "time_limit_passed",
                message % {"due": _end_of_day(due), "now": _local(now)},
                status=409,
            )
    return None


def can(action: str, petition, user, now) -> bool:
    """The guard: the status allows `action`, the user holds a role that may take it, and no
    statutory window or rule stands in the way at `now`."""
    return (
        status_allows(action, petition)
        and may_act(action, petition, user)
        and window_refusal(action, petition, now) is None
    )


def check(action: str, petition, user, now) -> None:
    """Raise the refusal for `action`: role (403), then status (409), then the time rule."""
    if not may_act(action, petition, user):
        raise DomainError(
            "forbidden",
            _("您没有权限对该信访件执行「%(action)s」") % {"action": Action(action).label},
            status=403,
        )
    if not status_allows(action, petition):
        raise DomainError(
            "invalid_transition",
            _("当前状态（%(status)s）不能执行「%(action)s」")
            % {"status": Status(petition.status).label, "action": Action(action).label},
            status=409,
        )
    refusal = window_refusal(action, petition, now)
    if refusal is not None:
        raise refusal


def target_status(action: str) -> str | None:
    return TRANSITIONS[action][1]


def available_actions(petition, user, now) -> list[str]:
    """The actions the user may take on the petition now, in table order (for buttons)."""
    return [action for action in TRANSITIONS if can(action, petition, user, now)]


# Named guards, for templates and readers who look for can_<verb>.
def can_route(petition, user, now) -> bool:
    return can(Action.ROUTE, petition, user, now)


def can_object(petition, user, now) -> bool:
    return can(Action.OBJECT, petition, user, now)


def can_accept(petition, user, now) -> bool:
    return can(Action.ACCEPT, petition, user, now)


def can_extend(petition, user, now) -> bool:
    return can(Action.EXTEND, petition, user, now)


def can_reply(petition, user, now) -> bool:
    return can(Action.REPLY, petition, user, now)


def can_ask_review(petition, user, now) -> bool:
    return can(Action.ASK_REVIEW, petition, user, now)


def can_decide_review(petition, user, now) -> bool:
    return can(Action.DECIDE_REVIEW, petition, user, now)


def can_ask_recheck(petition, user, now) -> bool:
    return can(Action.ASK_RECHECK, petition, user, now)


def can_decide_recheck(petition, user, now) -> bool:
    return can(Action.DECIDE_RECHECK, petition, user, now)


def can_assign_leader(petition, user, now) -> bool:
    return can(Action.ASSIGN_LEADER, petition, user, now)
