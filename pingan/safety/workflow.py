"""The Safety Day campaign's state machine and the task's, with their transition tables.

A campaign is opened by the worker on the month's Safety Day and closed by the city once the
month's reports are in; a town's task is done when the town reports an activity of its kind.
Services lock the row, check the guard and append an event row in one transaction.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError


class CampaignStatus(models.TextChoices):
    OPEN = "open", _("进行中")  # created on the Safety Day; towns report activities
    CLOSED = "closed", _("已结束")  # the city closed the month; no more reports


class CampaignAction(models.TextChoices):
    CREATE = "create", _("发起")
    NOTIFY = "notify", _("通知镇街")
    REPORT = "report", _("上报活动")
    CLOSE = "close", _("结束")


# action -> (statuses it may start from, status it leads to); None as a start: a new campaign.
# Notifying and reporting keep the status (they are recorded on the timeline only).
CAMPAIGN_TRANSITIONS: dict[str, tuple[frozenset, str | None]] = {
    CampaignAction.CREATE: (frozenset({None}), CampaignStatus.OPEN),
    CampaignAction.NOTIFY: (frozenset({CampaignStatus.OPEN}), None),
    CampaignAction.REPORT: (frozenset({CampaignStatus.OPEN}), None),
    CampaignAction.CLOSE: (frozenset({CampaignStatus.OPEN}), CampaignStatus.CLOSED),
}


class TaskStatus(models.TextChoices):
    PENDING = "pending", _("待开展")  # assigned to the town; no activity of its kind reported
    DONE = "done", _("已开展")  # at least one activity of its kind reported


def allowed(action: str, status: str | None) -> bool:
    starts, _target = CAMPAIGN_TRANSITIONS[action]
    return status in starts


def can_report(campaign) -> bool:
    return allowed(CampaignAction.REPORT, campaign.status)


def can_close(campaign) -> bool:
    return allowed(CampaignAction.CLOSE, campaign.status)


def check(action: str, campaign) -> str:
    """The status the action leads to (the current one when it keeps it), or DomainError."""
    if not allowed(action, campaign.status):
        raise DomainError(
            "campaign_closed" if campaign.status == CampaignStatus.CLOSED else "wrong_status",
            _("本期平安桐乡日已结束，不能再%(action)s") % {"action": CampaignAction(action).label},
            status=409,
        )
    target = CAMPAIGN_TRANSITIONS[action][1]
    return target or campaign.status
