"""The time the case services read: now, unless the demo is laying down a past history.

The demo city shows cases that were reported days ago, went overdue, were closed within 24
hours. Those must be made through the services (so their timelines are real) but at past
moments; `replaying_at` lets the demo say when, without adding a time parameter to every
service or shipping a test library in production.
"""

import contextlib
import contextvars
from datetime import datetime

from django.utils import timezone

_replay: contextvars.ContextVar[datetime | None] = contextvars.ContextVar(
    "pingan_cases_replay", default=None
)


def now() -> datetime:
    return _replay.get() or timezone.now()


@contextlib.contextmanager
def replaying_at(moment: datetime):
    if timezone.is_naive(moment):
        raise ValueError("replaying_at needs an aware datetime")
    token = _replay.set(moment)
    try:
        yield
    finally:
        _replay.reset(token)
