"""What every hazard service does the same way: one transaction, lock, check, change, append."""

import contextlib

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.core import audit
from pingan.core.errors import DomainError
from pingan.hazards import clock, selectors, workflow
from pingan.hazards.models import Hazard, HazardEvent

MAX_TEXT = 4000
NUMBER_ATTEMPTS = 20


@contextlib.contextmanager
def writing(actor):
    """One transaction, with the audit log naming the actor even outside a request."""
    with transaction.atomic(), audit.acting_as(actor):
        yield


def lock_for(action: str, hazard: Hazard, actor) -> Hazard:
    """The hazard row locked for `action`: NotFound outside the actor's jurisdiction, then the
    guard re-checked on the locked row, so two people acting at once cannot both pass it."""
    locked = selectors.get_hazard_for(actor, hazard.pk, write=True)
    workflow.check(action, locked, actor)
    return locked


def event(
    hazard: Hazard, kind: str, *, actor, from_status="", to_status="", note="", data=None, at=None
):
    return HazardEvent.objects.create(
        hazard=hazard,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
        data=data or {},
        at=at or clock.now(),
    )


def move(hazard: Hazard, action: str, *fields: str, actor, note: str = "", data=None):
    """Set the status the table names for `action`, save, and append the event."""
    old = hazard.status
    hazard.status = workflow.target_status(action)
    hazard.save(update_fields=sorted({"status", "updated_at", *fields}))
    row = event(
        hazard, action, actor=actor, from_status=old, to_status=hazard.status, note=note, data=data
    )
    if hazard.case_id and hazard.status in workflow.FINISHED:
        _tell_case(hazard, actor=actor, note=note)
    return row


def _tell_case(hazard: Hazard, *, actor, note: str) -> None:
    """A hazard reported as a work order has been closed or dismissed: the work order's
    timeline says so, for the handler who answers the reporter."""
    from pingan.cases.services.links import case_note_linked_outcome

    text = _("关联隐患 %(number)s：%(status)s") % {
        "number": hazard.number,
        "status": hazard.get_status_display(),
    }
    if note:
        text = f"{text}。{note}"
    case_note_linked_outcome(
        case_id=hazard.case_id,
        note=str(text),
        data={"hazard": hazard.pk, "number": hazard.number, "status": hazard.status},
        actor=actor,
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


def save_numbered(hazard: Hazard) -> None:
    """Give the hazard the next number of the year (YH202600001) and save it.

    Two saves at once may read the same last number; the unique index then refuses the second,
    which tries the next one.
    """
    prefix = "YH" + timezone.localtime(hazard.found_at).strftime("%Y")
    for _attempt in range(NUMBER_ATTEMPTS):
        last = (
            Hazard.objects.filter(number__startswith=prefix)
            .order_by("-number")
            .values_list("number", flat=True)
            .first()
        )
        hazard.number = f"{prefix}{int(last[len(prefix) :]) + 1 if last else 1:05d}"
        try:
            with transaction.atomic():
                hazard.save()
            return
        except IntegrityError:
            hazard.pk = None
            continue
    raise DomainError("busy", _("系统繁忙，请稍后重试"), status=409)


def grade_of(value, *, required: bool) -> str:
    value = (value or "").strip()
    if not value and not required:
        return ""
    if value not in workflow.Grade.values:
        raise DomainError("invalid_grade", _("请选择隐患等级（一般隐患或重大隐患）"), status=422)
    return value
