"""Deadlines in Chinese working days: the one module that knows holidays and 调休 workdays.

Whether a date is a working day is decided, first match wins, by:
1. the admin-edited override table (`CalendarDay`): next year's arrangement before the package
   knows it, or a local change to the official one;
2. the `chinese_calendar` package (the State Council's arrangements, 2004–2026 in 1.11.0);
3. Monday to Friday, for years the package does not know, so a later deadline never crashes.

A working-day deadline ends at 24:00 Asia/Shanghai of its last day, which is 00:00 of the next
date; results are aware UTC datetimes (rule 7: store UTC, show Asia/Shanghai).

Queries: override rows are read one calendar year at a time (one range query on the unique
`date` index) and kept for the length of one call, so a deadline costs one query, two when it
crosses New Year, however many days it spans; `is_workday` of one date is one point lookup.
Bulk work (a sweep over many cases, an import, a benchmark) wraps its loop in `with batch():`,
which shares the years read among every call inside it: 100,000 deadlines then cost a query
or two in all. Edits to the table made inside a batch are not seen by that batch.
"""

import contextlib
import contextvars
import functools
import math
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import chinese_calendar
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError
from pingan.core.models import CalendarDay

LOCAL_TZ = ZoneInfo("Asia/Shanghai")
UNITS = ("hours", "working_days")
ONE_DAY = timedelta(days=1)


class _Overrides:
    """Override rows by date, read a whole year on first use of that year."""

    def __init__(self):
        self._years: dict[int, dict[date, bool]] = {}

    def get(self, day: date) -> bool | None:
        rows = self._years.get(day.year)
        if rows is None:
            rows = dict(
                CalendarDay.objects.filter(date__year=day.year).values_list("date", "is_workday")
            )
            self._years[day.year] = rows
        return rows.get(day)


# A context variable rather than a module global: a batch belongs to one thread or task, and
# outside any batch every call reads the table afresh, so an admin's edit counts at once.
_shared: contextvars.ContextVar[_Overrides | None] = contextvars.ContextVar(
    "pingan_workcalendar_overrides", default=None
)


@contextlib.contextmanager
def batch():
    """Share override rows among all calendar calls inside the block (nested blocks reuse the
    outer one). Usable as a decorator too."""
    if _shared.get() is not None:
        yield
        return
    token = _shared.set(_Overrides())
    try:
        yield
    finally:
        _shared.reset(token)


def _overrides() -> _Overrides:
    return _shared.get() or _Overrides()


# Cached because the package checks every call by scanning all its dates (about 45 µs each),
# which would dominate bulk deadline work; its tables never change while the process runs.
@functools.lru_cache(maxsize=8192)
def default_is_workday(day: date) -> bool:
    """The official arrangement for `day`, ignoring the override table."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        # A year the package does not know: weekends off and no holidays until an admin
        # enters them in the override table.
        return day.weekday() < 5


def _is_workday(day: date, overrides: _Overrides) -> bool:
    override = overrides.get(day)
    return default_is_workday(day) if override is None else override


def is_workday(d: date) -> bool:
    """Is `d` a working day? An aware datetime is read as its Asia/Shanghai date."""
    if isinstance(d, datetime):
        d = _as_local(d).date()
    shared = _shared.get()
    if shared is not None:
        return _is_workday(d, shared)
    override = CalendarDay.objects.filter(date=d).values_list("is_workday", flat=True).first()
    return default_is_workday(d) if override is None else override


def _as_local(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        # Reading a naive value as server time would silently shift deadlines by hours.
        raise ValueError("workcalendar needs an aware datetime, got a naive one")
    return moment.astimezone(LOCAL_TZ)


def _local_day(moment: datetime) -> date:
    local = _as_local(moment)
    # Deadlines end at 24:00, written as 00:00 of the next date; reading that instant as the end
    # of the previous day makes deadlines compose: extending a due date by n working days counts
    # from the day it ended, not from the day after.
    if local.time() == time(0):
        return local.date() - ONE_DAY
    return local.date()


def _end_of(day: date) -> datetime:
    return datetime.combine(day + ONE_DAY, time(0), tzinfo=LOCAL_TZ).astimezone(UTC)


def _check_amount(amount) -> None:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise DomainError("bad_deadline_amount", _("时限必须是整数"))
    if amount < 0:
        raise DomainError("bad_deadline_amount", _("时限不能为负数"))


def add_working_days(start: datetime, days: int) -> datetime:
    """24:00 Asia/Shanghai at the end of the `days`-th working day after the start's local date,
    as aware UTC. Zero days is the end of the start's own local day."""
    _check_amount(days)
    day = _local_day(start)
    overrides = _overrides()
    left = days
    while left:
        day += ONE_DAY
        if _is_workday(day, overrides):
            left -= 1
    return _end_of(day)


def add_hours(start: datetime, hours: int) -> datetime:
    """`hours` clock hours after `start` (holidays do not stop the clock), as aware UTC."""
    _check_amount(hours)
    return (_as_local(start) + timedelta(hours=hours)).astimezone(UTC)


def add_calendar_days(start: datetime, days: int) -> datetime:
    """24:00 Asia/Shanghai at the end of the `days`-th natural day after the start's local date,
    as aware UTC: the limits in days of the 信访工作条例 (15, 60, 30 days), where holidays count.
    Like add_working_days, a start at 24:00 counts from the day that ended, so limits compose
    (an extension of a due date by n days ends n days after that due date)."""
    _check_amount(days)
    return _end_of(_local_day(start) + timedelta(days=days))


def deadline(start: datetime, amount: int, unit: str) -> datetime:
    """The due time `amount` `unit`s ("hours" or "working_days") after `start`, as aware UTC."""
    if unit == "hours":
        return add_hours(start, amount)
    if unit == "working_days":
        return add_working_days(start, amount)
    raise DomainError("bad_deadline_unit", _("时限单位只能是“小时”或“工作日”"))


def working_days_between(a: date, b: date) -> int:
    """Working days after `a` up to and including `b`; negative when `b` is before `a`. It is the
    count add_working_days steps over, e.g. how many working days a case is overdue."""
    if b < a:
        return -working_days_between(b, a)
    overrides = _overrides()
    return sum(_is_workday(a + timedelta(days=n), overrides) for n in range(1, (b - a).days + 1))


def fraction_used(
    start: datetime, due: datetime, now: datetime, paused_seconds: float = 0
) -> float:
    """Share of the time limit used at `now`: 0.0 at the start, 1.0 at the deadline, above 1.0
    when overdue; the yellow light comes on at 0.8.

    `due` is the deadline as set when the clock started; `paused_seconds` is how long the clock
    has stood still since (挂起, waiting on the citizen), including a pause still running. A
    limit of no length is used up at once (1.0) and overdue (infinite) after its start.
    """
    total = (due - start).total_seconds()
    used = max((now - start).total_seconds() - paused_seconds, 0.0)
    if total <= 0:
        return 1.0 if used == 0 else math.inf
    return used / total


def local_day_start(day: date, days_after: int = 0) -> datetime:
    """Midnight in Shanghai at the start of `day` (+ `days_after` days): the bound of a filter
    "registered between these days", which people mean in local time."""
    return datetime.combine(day + timedelta(days=days_after), time(), tzinfo=LOCAL_TZ)
