"""The time the mediation services read: now, unless the demo is laying down a past history.

The demo shows a wage dispute settled in two weeks and a court referral half-way through its
30 days. Those are made through the services (so their timelines are real) at past moments;
`replaying_at` says when without adding a time parameter to every service. Tests move the
clock with time-machine instead.
"""

import contextlib
import contextvars
from datetime import datetime

from django.utils import timezone

_replay: contextvars.ContextVar[datetime | None] = contextvars.ContextVar(
    "pingan_mediation_replay", default=None
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
