"""When a bulk message may go out: inside the batch's daily window (local time), at most
`rate_per_minute` messages a minute, not before `send_after`.

The n-th message of a batch (0-based, in the order it was written) gets its own minute, as a
pure function of n, so the worker that writes the messages in chunks, or resumes after a
restart, gives every message the same time it would have had in one go. The delivery worker
only takes messages whose `next_attempt_at` has come, which is what keeps the window and rate.
"""

import datetime

from django.utils import timezone


def _minutes(t: datetime.time) -> int:
    return t.hour * 60 + t.minute


def first_slot(send_after: datetime.datetime, start: datetime.time, end: datetime.time):
    """The first whole minute at or after `send_after` inside the window, as local time."""
    local = timezone.localtime(send_after)
    if local.second or local.microsecond:
        local = local.replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)
    minute = local.hour * 60 + local.minute
    day = local.date()
    if minute >= _minutes(end):
        day += datetime.timedelta(days=1)
        minute = _minutes(start)
    minute = max(minute, _minutes(start))
    return day, minute


def slot_time(n: int, *, send_after, start: datetime.time, end: datetime.time, rate: int):
    """The time at which the n-th message of the batch becomes due (aware, UTC-comparable)."""
    width = _minutes(end) - _minutes(start)
    day, minute = first_slot(send_after, start, end)
    # Count minutes of sending time from the opening of the first day's window.
    offset = minute - _minutes(start) + n // rate
    day += datetime.timedelta(days=offset // width)
    minute = _minutes(start) + offset % width
    naive = datetime.datetime.combine(day, datetime.time(minute // 60, minute % 60))
    return timezone.make_aware(naive, timezone.get_current_timezone())


def within_window(when: datetime.datetime, *, start: datetime.time, end: datetime.time):
    """`when`, or the next opening of the window when `when` falls outside it (for retries)."""
    local = timezone.localtime(when)
    if start <= local.time() < end:
        return when
    day = local.date()
    if local.time() >= end:
        day += datetime.timedelta(days=1)
    naive = datetime.datetime.combine(day, start)
    return timezone.make_aware(naive, timezone.get_current_timezone())
