"""The time the hazard services read: now, unless the demo is laying down a past history.

The demo shows hazards ordered weeks ago, one of them now overdue; they are made through the
services (so their timelines are real) at past moments. Tests move the clock with time-machine.
"""

import contextlib
import contextvars
from datetime import datetime

from django.utils import timezone

_replay: contextvars.ContextVar[datetime | None] = contextvars.ContextVar(
    "pingan_hazards_replay", default=None
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
