"""What every mediation service does the same way: lock, check, change, append an event."""

import contextlib

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.core import audit
from pingan.core.errors import DomainError
from pingan.mediation import clock, selectors, workflow
from pingan.mediation.models import Dispute, DisputeEvent

MAX_TEXT = 4000
NUMBER_ATTEMPTS = 20


@contextlib.contextmanager
def writing(actor):
    """One transaction, with the audit log naming the actor even outside a request."""
    with transaction.atomic(), audit.acting_as(actor):
        yield


def lock_for(action: str, dispute: Dispute, actor) -> Dispute:
    """The dispute row locked for `action`: NotFound outside the actor's jurisdiction, then the
    guard (403 role, 409 status) re-checked on the locked row, so two people acting at once
    cannot both pass it."""
    locked = selectors.get_dispute_for(actor, dispute.pk, write=True)
    workflow.check(action, locked, actor)
    return locked


def event(dispute: Dispute, kind: str, *, actor, from_status="", to_status="", note="", data=None):
    return DisputeEvent.objects.create(
        dispute=dispute,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
        data=data or {},
        at=clock.now(),
    )


def move(dispute: Dispute, action: str, *fields: str, actor, note: str = "", data=None):
    """Set the status the table names for `action`, save, and append the event."""
    old = dispute.status
    dispute.status = workflow.target_status(action)
    dispute.save(update_fields=sorted({"status", "updated_at", *fields}))
    return event(
        dispute,
        action,
        actor=actor,
        from_status=old,
        to_status=dispute.status,
        note=note,
        data=data,
    )


def text(value, *, required: bool, code: str = "", message="", limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if required and not value:
        raise DomainError(code, message, status=422)
    if len(value) > limit:
        raise DomainError(
            "text_too_long", _("内容过长（最多 %(n)s 字）") % {"n": limit}, status=422
        )
    return value


def save_numbered(obj, prefix_letters: str, model) -> None:
    """Give `obj` the next number of the year (e.g. TJ202600001) and save it.

    The next number is read from the last one of the year; two saves at once may read the same
    one, and the unique index then refuses the second, which tries the next number.
    """
    prefix = prefix_letters + timezone.localtime(clock.now()).strftime("%Y")
    for _attempt in range(NUMBER_ATTEMPTS):
        last = (
            model.objects.filter(number__startswith=prefix)
            .order_by("-number")
            .values_list("number", flat=True)
            .first()
        )
        obj.number = f"{prefix}{int(last[len(prefix) :]) + 1 if last else 1:05d}"
        try:
            with transaction.atomic():
                obj.save()
            return
        except IntegrityError:
            obj.pk = None
            continue
    raise DomainError("busy", _("系统繁忙，请稍后重试"), status=409)


def conclude(dispute: Dispute, outcome: str, now) -> list[str]:
    """Record how mediation ended and how long it took; returns the fields set."""
    dispute.outcome = outcome
    dispute.concluded_at = now
    start = dispute.accepted_at or dispute.referred_at or dispute.created_at
    dispute.duration_seconds = max(0, int((now - start).total_seconds()))
    return ["outcome", "concluded_at", "duration_seconds"]


def choice(value, choices, code: str, label) -> str:
    value = (value or "").strip()
    if value not in choices.values:
        raise DomainError(
            code, _("未知的%(label)s：%(v)s") % {"label": label, "v": value}, status=422
        )
    return value
