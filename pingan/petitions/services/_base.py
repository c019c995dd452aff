"""What every petition service does the same way: lock, check, change, append an event."""

import contextlib

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from pingan.cases import clock
from pingan.core import audit
from pingan.core.errors import DomainError
from pingan.petitions import selectors, workflow
from pingan.petitions.models import Petition, PetitionEvent

MAX_TEXT = 4000


@contextlib.contextmanager
def writing(actor):
    """One transaction, with the audit log naming the actor even outside a request."""
    with transaction.atomic(), audit.acting_as(actor):
        yield


def lock_for(action: str, petition: Petition, actor, *, expected_version: int | None = None):
    """The petition row locked for `action`, and the time the action happens: NotFound outside
    the actor's jurisdiction, `stale` for an outdated copy, then the guard re-checked on the
    locked row, so two people acting at once cannot both pass it."""
    locked = selectors.get_petition_for(actor, petition.pk, write=True)
    if expected_version is not None and locked.version != expected_version:
        raise DomainError("stale", _("该信访件已被他人更新，请刷新后重试"), status=409)
    now = clock.now()
    workflow.check(action, locked, actor, now)
    return locked, now


def save(petition: Petition, *fields: str) -> None:
    petition.version += 1
    petition.save(update_fields=sorted({*fields, "version", "updated_at"}))


def event(
    petition: Petition, kind: str, *, actor, at, from_status="", to_status="", note="", data=None
) -> PetitionEvent:
    return PetitionEvent.objects.create(
        petition=petition,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
        data=data or {},
        at=at,
    )


def move(petition: Petition, action: str, *fields: str, actor, at, note="", data=None):
    """Set the status the table names for `action`, save, and append the event."""
    old = petition.status
    petition.status = workflow.target_status(action)
    save(petition, "status", *fields)
    return event(
        petition,
        action,
        actor=actor,
        at=at,
        from_status=old,
        to_status=petition.status,
        note=note,
        data=data,
    )


def text(value, *, required: bool, code: str = "", message="", limit: int = MAX_TEXT) -> str:
    value = (value or "").strip() if isinstance(value, str) or value is None else None
    if value is None:
        raise DomainError("invalid_text", _("内容格式不正确"), status=422)
    if required and not value:
        raise DomainError(code, message, status=422)
    if len(value) > limit:
        raise DomainError(
            "text_too_long", _("内容过长（最多 %(n)s 字）") % {"n": limit}, status=422
        )
    return value
