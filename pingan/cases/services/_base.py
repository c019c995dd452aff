"""What every case service does the same way: lock, check, change, append an event."""

import contextlib

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from pingan.cases import clock, selectors, workflow
from pingan.cases.models import Case, CaseEvent
from pingan.core import audit
from pingan.core.errors import DomainError, NotFound

MAX_TEXT = 4000


@contextlib.contextmanager
def writing(actor):
    """One transaction, with the audit log naming the actor even outside a request."""
    with transaction.atomic(), audit.acting_as(actor):
        yield


def lock_for(
    action: str,
    case: Case,
    actor,
    *,
    expected_version: int | None = None,
    query_code: str = "",
) -> Case:
    """The case row locked for `action`: NotFound outside the actor's jurisdiction (or for a
    wrong query code), `stale` when the caller's copy is out of date, then the guard (403 role,
    409 status) re-checked on the locked row, so two people acting at once cannot both pass it.

    A query code stands for the reporter: whoever holds it acts as the case's reporter.
    """
    as_reporter = bool(query_code)
    if as_reporter:
        locked = selectors.lock_case(case.pk)
        if not selectors.query_code_matches(locked, query_code):
            raise NotFound(_("工单号或查询码不正确"))
    else:
        locked = selectors.get_case_for(actor, case.pk, write=True)
    if expected_version is not None and locked.version != expected_version:
        raise DomainError("stale", _("该工单已被他人更新，请刷新后重试"), status=409)
    workflow.check(action, locked, actor, as_reporter=as_reporter)
    return locked


def save(case: Case, *fields: str, bump: bool = True) -> None:
    """Save the named fields; `bump` moves the version on (changes made by people)."""
    names = set(fields) | {"updated_at"}
    if bump:
        case.version += 1
        names.add("version")
    case.save(update_fields=sorted(names))


def event(
    case: Case,
    kind: str,
    *,
    actor,
    from_status: str = "",
    to_status: str = "",
    department=None,
    note: str = "",
    data: dict | None = None,
    at=None,
) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        department=department,
        note=note,
        data=data or {},
        at=at or clock.now(),
    )


def move(case: Case, action: str, *fields: str, actor, note: str = "", department=None, data=None):
    """Set the status the table names for `action`, save, and append the event."""
    old = case.status
    case.status = workflow.target_status(action)
    save(case, "status", *fields)
    return event(
        case,
        action,
        actor=actor,
        from_status=old,
        to_status=case.status,
        department=department,
        note=note,
        data=data,
    )


def text(value, *, required: bool, code: str, message, limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if required and not value:
        raise DomainError(code, message, status=422)
    if len(value) > limit:
        raise DomainError(
            "text_too_long", _("内容过长（最多 %(n)s 字）") % {"n": limit}, status=422
        )
    return value
