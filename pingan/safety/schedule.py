"""When a month's Safety Day falls.

Two settings, read here with defaults (the embedded demo needs neither):
- PINGAN_SAFETY_DAY (default 26): the day of the month, since June 2019 the 26th. A month
  shorter than that uses its last day.
- PINGAN_SAFETY_DAY_HOLIDAY_SHIFT (default "none"): what happens when that day is not a working
  day (a weekend or public holiday, by pingan.core.workcalendar, which knows 调休 workdays):
  "none" keeps the date (the campaign is a fixed public date, and most activities happen in
  villages on any day), "next" moves it to the next working day, "previous" to the one before.
"""

import calendar
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from pingan.core import workcalendar

SHIFTS = ("none", "next", "previous")


def configured_day() -> int:
    day = getattr(settings, "PINGAN_SAFETY_DAY", 26)
    try:
        day = int(day)
    except (TypeError, ValueError):
        raise ImproperlyConfigured("PINGAN_SAFETY_DAY must be a day of the month (1-31)") from None
    if not 1 <= day <= 31:
        raise ImproperlyConfigured("PINGAN_SAFETY_DAY must be a day of the month (1-31)")
    return day


def configured_shift() -> str:
    shift = str(getattr(settings, "PINGAN_SAFETY_DAY_HOLIDAY_SHIFT", "none")).strip().lower()
    if shift not in SHIFTS:
        raise ImproperlyConfigured(
            f"PINGAN_SAFETY_DAY_HOLIDAY_SHIFT must be one of {', '.join(SHIFTS)}"
        )
    return shift


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def safety_day(month: date) -> date:
    """The Safety Day of the month containing `month`, after the holiday shift."""
    last = calendar.monthrange(month.year, month.month)[1]
    day = month.replace(day=min(configured_day(), last))
    shift = configured_shift()
    if shift == "none":
        return day
    step = timedelta(days=1 if shift == "next" else -1)
    # Bounded: no stretch of non-working days in China lasts anywhere near 40 days.
    for _ in range(40):
        if workcalendar.is_workday(day):
            return day
        day += step
    return day
