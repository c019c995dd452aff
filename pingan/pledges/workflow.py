"""The pledge's state machine: statuses, the one table of transitions and the guards.

Services lock the pledge, check the guard and append a PledgeEvent in one transaction.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError


class PledgeStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")  # being written; not shown to the public
    PUBLISHED = "published", _("已发布")  # public; residents sign it while it is valid
    WITHDRAWN = "withdrawn", _("已撤回")  # no longer signed; signatures are kept


class PledgeAction(models.TextChoices):
    CREATE = "create", _("起草")
    PUBLISH = "publish", _("发布")
    WITHDRAW = "withdraw", _("撤回")


S = PledgeStatus
# action -> (statuses it may start from, status it leads to)
TRANSITIONS: dict[str, tuple[frozenset, str]] = {
    PledgeAction.PUBLISH: (frozenset({S.DRAFT}), S.PUBLISHED),
    PledgeAction.WITHDRAW: (frozenset({S.PUBLISHED}), S.WITHDRAWN),
}


def can(action: str, pledge) -> bool:
    return pledge.status in TRANSITIONS[action][0]


def can_publish(pledge) -> bool:
    return can(PledgeAction.PUBLISH, pledge)


def can_withdraw(pledge) -> bool:
    return can(PledgeAction.WITHDRAW, pledge)


def check(action: str, pledge) -> str:
    """The status `action` leads to; DomainError (409) from a status it cannot start from."""
    allowed, target = TRANSITIONS[action]
    if pledge.status not in allowed:
        raise DomainError(
            "invalid_transition",
            _("当前状态（%(status)s）不能执行「%(action)s」")
            % {"status": PledgeStatus(pledge.status).label, "action": PledgeAction(action).label},
            status=409,
        )
    return target
