"""Rectification deadlines: a due date is a local (Asia/Shanghai) calendar date, and the
rectification must be done by 24:00 of that day. Rectification periods are set by the
inspector case by case (not by a statutory count of working days), so the end of a chosen day
is all the calendar needed here; the warning comes when 80% of the time is used, as for cases."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.core import workcalendar
from pingan.core.errors import DomainError

LOCAL_TZ = ZoneInfo("Asia/Shanghai")
MAX_DAYS = 365
WARN_AT = 0.8
# However long the period, the contact is warned at least this long before the deadline.
WARN_AHEAD = timedelta(hours=24)


def end_of_day(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=LOCAL_TZ).astimezone(UTC)


def local_today(now: datetime) -> date:
    return timezone.localtime(now, LOCAL_TZ).date()


def due_from(due_on, now: datetime) -> datetime:
    """The deadline for a due date; a date in the past (or absurdly far off) is refused."""
    if isinstance(due_on, str):
        try:
            due_on = date.fromisoformat(due_on.strip())
        except ValueError:
            due_on = None
    if isinstance(due_on, datetime) or not isinstance(due_on, date):
        raise DomainError("due_required", _("请填写整改期限（日期）"), status=422)
    today = local_today(now)
    if due_on < today:
        raise DomainError(
            "due_in_past",
            _("整改期限 %(d)s 已经过去，请选择今天或以后的日期") % {"d": due_on.isoformat()},
            status=422,
        )
    if due_on > today + timedelta(days=MAX_DAYS):
        raise DomainError(
            "due_too_far", _("整改期限不能超过 %(n)s 天") % {"n": MAX_DAYS}, status=422
        )
    return end_of_day(due_on)


def should_warn(start: datetime, due: datetime, now: datetime) -> bool:
    if now >= due:
        return False
    return workcalendar.fraction_used(start, due, now) >= WARN_AT or due - now <= WARN_AHEAD
