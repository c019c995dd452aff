"""What every hall service shares: the transaction naming the actor, text checks, numbering."""

import contextlib

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from pingan.core import audit
from pingan.core.errors import DomainError

MAX_TEXT = 2000
NUMBER_ATTEMPTS = 20


@contextlib.contextmanager
def writing(actor):
    """One transaction, with the audit log naming the actor even outside a request."""
    signed_in = bool(getattr(actor, "is_authenticated", False))
    with transaction.atomic(), audit.acting_as(actor if signed_in else None):
        yield


def text(value, *, required: bool, code: str = "", message="", limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if required and not value:
        raise DomainError(code, message, status=422)
    if len(value) > limit:
        raise DomainError(
            "text_too_long", _("内容过长（最多 %(n)s 字）") % {"n": limit}, status=422
        )
    return value


def actor_or_none(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def save_numbered(obj, assign) -> None:
    """Save `obj` under the next free number: `assign(obj)` reads the last number in use and
    sets the next one. Two saves at once may read the same last number; the unique index then
    refuses the second, which reads again. A savepoint keeps the caller's transaction usable."""
    for _attempt in range(NUMBER_ATTEMPTS):
        assign(obj)
        try:
            with transaction.atomic():
                obj.save()
            return
        except IntegrityError:
            obj.pk = None
            obj._state.adding = True
    raise DomainError("busy", _("系统繁忙，请稍后重试"), status=409)
