"""The mediation state machines (DESIGN.md "People's mediation"): the dispute's statuses, its
one table of transitions and side actions, the judicial confirmation's own small table, and
the guards that services and pages share.

`can(action, dispute, user)` answers yes or no for a button; `check(...)` raises the refusal.
Whether the user may see the dispute at all is not asked here: services fetch it through the
scoped selector first, so a dispute outside the user's jurisdiction is a 404 before any guard.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError
from pingan.org import scoping
from pingan.org.models import Department
from pingan.org.roles import Role


class Status(models.TextChoices):
    # Registered (applied, referred by a court, turned over from a case); not accepted yet.
    APPLIED = "applied", _("待受理")
    # Accepted by the committee; the mediation clock runs.
    ACCEPTED = "accepted", _("已受理")
    # A party refused mediation (recorded); nothing more happens.
    REFUSED = "refused", _("不予受理")
    # Sessions are being held.
    MEDIATING = "mediating", _("调解中")
    # The agreement is signed and in force; its performance is supervised.
    AGREED = "agreed", _("已达成协议")
    # No agreement; the parties were told their other routes.
    TERMINATED = "terminated", _("调解终止")
    # The applicant withdrew.
    WITHDRAWN = "withdrawn", _("已撤回")
    # Pre-litigation mediation failed; the case is back on the court's docket.
    RETURNED = "returned_to_court", _("退回法院")
    # Every agreed term was performed; the follow-up is due.
    PERFORMED = "performed", _("已履行")
    # The parties were asked how it went.
    FOLLOWED_UP = "followed_up", _("已回访")
    # Filed; nothing more happens.
    CLOSED = "closed", _("已结案")


class Action(models.TextChoices):
    ACCEPT = "accept", _("受理")
    REFUSE = "refuse", _("不予受理")
    START = "start", _("开始调解")
    AGREE = "agree", _("签订协议")
    TERMINATE = "terminate", _("终止调解")
    WITHDRAW = "withdraw", _("撤回申请")
    RETURN_TO_COURT = "return_to_court", _("退回法院")
    COMPLETE_PERFORMANCE = "complete_performance", _("履行完毕")
    FOLLOW_UP = "follow_up", _("回访")
    CLOSE = "close", _("结案")
    ESCALATE = "escalate", _("提级调解")
    EXTEND = "extend", _("延长调解期限")
    EDIT = "edit", _("修改当事人与调解员")
    SCHEDULE_SESSION = "schedule_session", _("安排调解")
    RECORD_SESSION = "record_session", _("记录调解笔录")
    DRAFT_AGREEMENT = "draft_agreement", _("起草调解协议书")
    RECORD_PERFORMANCE = "record_performance", _("登记履行情况")
    APPLY_CONFIRMATION = "apply_confirmation", _("登记司法确认申请")
    DECIDE_CONFIRMATION = "decide_confirmation", _("司法确认裁定")


class EventKind(models.TextChoices):
    """What a timeline row records: a transition, a side event, or a note by the system."""

    CREATE = "create", _("登记")
    REFER = "refer", _("法院委派")
    ACCEPT = "accept", _("受理")
    REFUSE = "refuse", _("不予受理")
    START = "start", _("开始调解")
    AGREE = "agree", _("签订协议")
    TERMINATE = "terminate", _("终止调解")
    WITHDRAW = "withdraw", _("撤回申请")
    RETURN_TO_COURT = "return_to_court", _("退回法院")
    COMPLETE_PERFORMANCE = "complete_performance", _("履行完毕")
    FOLLOW_UP = "follow_up", _("回访")
    CLOSE = "close", _("结案")
    ESCALATE = "escalate", _("提级调解")
    EXTEND = "extend", _("延长调解期限")
    PARTY_ADD = "party_add", _("增加当事人")
    PARTY_REMOVE = "party_remove", _("移除当事人")
    MEDIATOR_ASSIGN = "mediator_assign", _("指派调解员")
    MEDIATOR_RELEASE = "mediator_release", _("调解员退出")
    LINK_CASE = "link_case", _("关联工单")
    DETAILS = "details", _("修改案件信息")
    SESSION_SCHEDULE = "session_schedule", _("安排调解")
    SESSION_RECORD = "session_record", _("调解笔录")
    AGREEMENT_SAVE = "agreement_save", _("保存协议书草稿")
    PERFORMANCE = "performance", _("登记履行")
    CONFIRMATION_APPLY = "confirmation_apply", _("申请司法确认")
    CONFIRMATION_ACCEPT = "confirmation_accept", _("法院受理司法确认")
    CONFIRMATION_DECLINE = "confirmation_decline", _("法院不予受理司法确认")
    CONFIRMATION_CONFIRM = "confirmation_confirm", _("裁定确认协议有效")
    CONFIRMATION_REJECT = "confirmation_reject", _("裁定驳回申请")


# Role tokens beyond the org roles: mediators assigned to this dispute, and judges (legal_duty
# posted in a court) over its region.
ASSIGNED = "assigned"
COURT = "court"

MEDIATING_ROLES = frozenset({Role.MEDIATOR, ASSIGNED})
S = Status
OPEN = frozenset({S.APPLIED, S.ACCEPTED, S.MEDIATING})
# Statuses after which the dispute needs nothing more from anyone.
FINISHED = frozenset({S.REFUSED, S.CLOSED})
# Outcomes: how a dispute that reached the end of mediation ended.
WITH_AGREEMENT = frozenset({S.AGREED, S.PERFORMED, S.FOLLOWED_UP})

# THE table: action -> (statuses it may start from, status it leads to, roles that may take it).
# A `None` target is a side action: the status stays.
TRANSITIONS: dict[str, tuple[frozenset, str | None, frozenset]] = {
    Action.ACCEPT: (frozenset({S.APPLIED}), S.ACCEPTED, MEDIATING_ROLES),
    Action.REFUSE: (frozenset({S.APPLIED, S.ACCEPTED}), S.REFUSED, MEDIATING_ROLES),
    Action.START: (frozenset({S.ACCEPTED}), S.MEDIATING, MEDIATING_ROLES),
    Action.AGREE: (frozenset({S.MEDIATING}), S.AGREED, MEDIATING_ROLES),
    Action.TERMINATE: (frozenset({S.ACCEPTED, S.MEDIATING}), S.TERMINATED, MEDIATING_ROLES),
    Action.WITHDRAW: (OPEN, S.WITHDRAWN, MEDIATING_ROLES),
    Action.RETURN_TO_COURT: (OPEN, S.RETURNED, MEDIATING_ROLES | {COURT}),
    Action.COMPLETE_PERFORMANCE: (frozenset({S.AGREED}), S.PERFORMED, MEDIATING_ROLES),
    Action.FOLLOW_UP: (frozenset({S.PERFORMED}), S.FOLLOWED_UP, MEDIATING_ROLES),
    Action.CLOSE: (
        frozenset({S.FOLLOWED_UP, S.TERMINATED, S.WITHDRAWN, S.RETURNED}),
        S.CLOSED,
        MEDIATING_ROLES,
    ),
    Action.ESCALATE: (OPEN, None, MEDIATING_ROLES | {Role.LEADER}),
    Action.EXTEND: (OPEN, None, MEDIATING_ROLES),
    Action.EDIT: (OPEN, None, MEDIATING_ROLES | {Role.CLERK, Role.DISPATCHER}),
    Action.SCHEDULE_SESSION: (frozenset({S.ACCEPTED, S.MEDIATING}), None, MEDIATING_ROLES),
    Action.RECORD_SESSION: (frozenset({S.MEDIATING}), None, MEDIATING_ROLES),
    Action.DRAFT_AGREEMENT: (frozenset({S.MEDIATING}), None, MEDIATING_ROLES),
    Action.RECORD_PERFORMANCE: (frozenset({S.AGREED}), None, MEDIATING_ROLES),
    Action.APPLY_CONFIRMATION: (WITH_AGREEMENT | {S.CLOSED}, None, MEDIATING_ROLES | {COURT}),
    Action.DECIDE_CONFIRMATION: (WITH_AGREEMENT | {S.CLOSED}, None, frozenset({COURT})),
}

# Who may register disputes (directly, or from a work order or petition).
INTAKE_ROLES = frozenset({Role.MEDIATOR, Role.CLERK, Role.DISPATCHER, Role.ADMIN})


class ConfirmationStatus(models.TextChoices):
    APPLIED = "applied", _("已申请")  # both parties applied; the court decides on acceptance
    ACCEPTED = "accepted", _("法院已受理")  # accepted; the ruling is due
    NOT_ACCEPTED = "not_accepted", _("法院不予受理")  # the court declined to accept
    CONFIRMED = "confirmed", _("裁定有效")  # the agreement is confirmed and enforceable
    REJECTED = "rejected", _("裁定驳回")  # confirmation refused; parties may amend or sue


class ConfirmationDecision(models.TextChoices):
    ACCEPT = "accept", _("受理")
    DECLINE = "decline", _("不予受理")
    CONFIRM = "confirm", _("确认有效")
    REJECT = "reject", _("驳回申请")


CS = ConfirmationStatus
# The confirmation's own table: decision -> (status it may start from, status it leads to).
CONFIRMATION_TRANSITIONS: dict[str, tuple[str, str]] = {
    ConfirmationDecision.ACCEPT: (CS.APPLIED, CS.ACCEPTED),
    ConfirmationDecision.DECLINE: (CS.APPLIED, CS.NOT_ACCEPTED),
    ConfirmationDecision.CONFIRM: (CS.ACCEPTED, CS.CONFIRMED),
    ConfirmationDecision.REJECT: (CS.ACCEPTED, CS.REJECTED),
}
CONFIRMATION_EVENT = {
    ConfirmationDecision.ACCEPT: EventKind.CONFIRMATION_ACCEPT,
    ConfirmationDecision.DECLINE: EventKind.CONFIRMATION_DECLINE,
    ConfirmationDecision.CONFIRM: EventKind.CONFIRMATION_CONFIRM,
    ConfirmationDecision.REJECT: EventKind.CONFIRMATION_REJECT,
}


def is_judge(user, region) -> bool:
    """A legal_duty post in a court whose region covers `region` (or an admin over it)."""
    if scoping.can_act(user, Role.ADMIN, region):
        return True
    return any(
        post.department is not None
        and post.department.kind == Department.Kind.COURT
        and region.code.startswith(post.region.code)
        for post in scoping.posts_of(user, [Role.LEGAL_DUTY])
    )


def is_assigned(user, dispute) -> bool:
    return any(m.user_id == user.pk and m.is_active for m in dispute.active_mediators())


def _holds(user, role: str, dispute) -> bool:
    if role == ASSIGNED:
        return is_assigned(user, dispute)
    if role == COURT:
        return is_judge(user, dispute.region)
    return scoping.can_act(user, role, dispute.region)


def may_act(action: str, dispute, user) -> bool:
    """Whether the user's roles allow `action` on this dispute, whatever its status."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return any(_holds(user, role, dispute) for role in TRANSITIONS[action][2])


def status_allows(action: str, dispute) -> bool:
    return dispute.status in TRANSITIONS[action][0]


def can(action: str, dispute, user) -> bool:
    """The guard: the status allows `action` and the user holds a role that may take it."""
    return status_allows(action, dispute) and may_act(action, dispute, user)


def check(action: str, dispute, user) -> None:
    """Raise the refusal: 403 for a role that may not act, 409 for a status that does not
    allow it (role first, so nobody learns more than their role could act on)."""
    if not may_act(action, dispute, user):
        raise DomainError(
            "forbidden",
            _("您没有权限对该调解案件执行「%(action)s」") % {"action": Action(action).label},
            status=403,
        )
    if not status_allows(action, dispute):
        raise DomainError(
            "invalid_transition",
            _("当前状态（%(status)s）不能执行「%(action)s」")
            % {"status": Status(dispute.status).label, "action": Action(action).label},
            status=409,
        )


def target_status(action: str) -> str | None:
    return TRANSITIONS[action][1]


def available_actions(dispute, user) -> list[str]:
    return [action for action in TRANSITIONS if can(action, dispute, user)]


def check_confirmation(decision: str, confirmation) -> str:
    """The status `decision` leads to; 409 when the confirmation is not where it may start."""
    start, target = CONFIRMATION_TRANSITIONS[decision]
    if confirmation.status != start:
        raise DomainError(
            "invalid_transition",
            _("司法确认当前为「%(status)s」，不能「%(decision)s」")
            % {
                "status": ConfirmationStatus(confirmation.status).label,
                "decision": ConfirmationDecision(decision).label,
            },
            status=409,
        )
    return target


# Named guards, for templates and readers who look for can_<verb>.
def can_accept(dispute, user) -> bool:
    return can(Action.ACCEPT, dispute, user)


def can_refuse(dispute, user) -> bool:
    return can(Action.REFUSE, dispute, user)


def can_start(dispute, user) -> bool:
    return can(Action.START, dispute, user)


def can_agree(dispute, user) -> bool:
    return can(Action.AGREE, dispute, user)


def can_terminate(dispute, user) -> bool:
    return can(Action.TERMINATE, dispute, user)


def can_withdraw(dispute, user) -> bool:
    return can(Action.WITHDRAW, dispute, user)


def can_return_to_court(dispute, user) -> bool:
    return can(Action.RETURN_TO_COURT, dispute, user) and dispute.is_prelitigation


def can_follow_up(dispute, user) -> bool:
    return can(Action.FOLLOW_UP, dispute, user)


def can_close(dispute, user) -> bool:
    return can(Action.CLOSE, dispute, user)


def can_escalate(dispute, user) -> bool:
    return can(Action.ESCALATE, dispute, user)


def can_extend(dispute, user) -> bool:
    return can(Action.EXTEND, dispute, user) and dispute.is_prelitigation


def can_edit(dispute, user) -> bool:
    return can(Action.EDIT, dispute, user)


def can_decide_confirmation(dispute, user) -> bool:
    return can(Action.DECIDE_CONFIRMATION, dispute, user)
