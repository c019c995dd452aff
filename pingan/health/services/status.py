"""Changing a colour: the one place that writes HealthStatus and StatusChange.

Every change (rule, lapse, officer, appeal) goes through `_apply` inside the caller's
transaction: lock the status row, append the StatusChange, tell the passes app (which re-issues
codes with the new seq), SMS the holder. The row lock serialises changes of one person, so two
officers acting at once cannot both read seq N and both write N+1.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.core import audit
from pingan.core.errors import DomainError
from pingan.health import notices
from pingan.health.models import Colour, HealthStatus, StatusChange
from pingan.health.reasons import explain
from pingan.health.workflow import LIFETIME
from pingan.org.roles import Role
from pingan.org.scoping import covers, is_superuser

OFFICER_ROLES = (Role.HEALTH_OFFICER, Role.ADMIN)


def lock_status(person) -> HealthStatus | None:
    return HealthStatus.objects.select_for_update().filter(person=person).first()


def check_officer_for(actor, person) -> None:
    """A health officer (or admin) whose jurisdiction holds the person's residence region.
    Anyone else gets the same answer as for a missing record."""
    from pingan.core.errors import NotFound

    if is_superuser(actor):
        return
    if person.region is None or not covers(actor, person.region, roles=OFFICER_ROLES):
        raise NotFound()


def _lapse_time(colour: str, now):
    lifetime = LIFETIME[colour]
    return now + lifetime if lifetime else None


def _apply(
    *,
    person,
    colour: str,
    reason_code: str,
    note: str = "",
    actor=None,
    approved_by=None,
    now=None,
) -> StatusChange:
    """Set `colour` (or renew it when it is already the colour). Caller holds a transaction."""
    now = now or timezone.now()
    status = lock_status(person)
    if status is None:
        status = HealthStatus(person=person, colour=colour, seq=1)
        old = ""
    else:
        old = status.colour
        if colour != old:
            status.seq += 1
    status.colour = colour
    status.reason_code = reason_code
    status.changed_at = now
    status.lapses_at = _lapse_time(colour, now)
    with audit.acting_as(actor):
        status.save()
        change = StatusChange.objects.create(
            person=person,
            old_colour=old,
            new_colour=colour,
            seq=status.seq,
            reason_code=reason_code,
            note=note,
            actor=actor,
            approved_by=approved_by,
            created_at=now,
        )
    from pingan.passes.services import on_health_status_change

    on_health_status_change(person=person, status=status)
    if old and old != colour:
        notices.colour_changed(change, Colour(colour).label, explain(reason_code))
    return change


@transaction.atomic
def status_start(*, person, actor=None, now=None) -> HealthStatus:
    """Give a newly registered person their first status (green) unless they have one."""
    status = lock_status(person)
    if status is not None:
        return status
    _apply(person=person, colour=Colour.GREEN, reason_code="registered", actor=actor, now=now)
    return HealthStatus.objects.get(person=person)


@transaction.atomic
def status_lapse(*, status_id: int, now=None) -> StatusChange | None:
    """Turn one lapsed yellow or red status green; nothing when it was renewed meanwhile."""
    now = now or timezone.now()
    status = HealthStatus.objects.select_for_update().filter(pk=status_id).first()
    if status is None or status.lapses_at is None or status.lapses_at > now:
        return None
    return _apply(person=status.person, colour=Colour.GREEN, reason_code="lapsed", now=now)


def lapse_sweep(*, now=None, batch: int = 500) -> int:
    """Lapse every status past its time, one transaction per person so that one failure does
    not hold back the rest. Returns how many lapsed."""
    now = now or timezone.now()
    due = list(
        HealthStatus.objects.filter(lapses_at__lte=now)
        .exclude(colour=Colour.GREEN)
        .order_by("lapses_at")
        .values_list("pk", flat=True)[:batch]
    )
    return sum(1 for pk in due if status_lapse(status_id=pk, now=now) is not None)


def require_reason(reason_code: str, note: str, choices) -> tuple[str, str]:
    reason_code = (reason_code or "").strip()
    note = (note or "").strip()
    if not reason_code:
        raise DomainError("reason_required", _("请选择原因"))
    if reason_code not in choices:
        raise DomainError("unknown_reason", _("原因代码不正确"))
    if not note:
        raise DomainError("note_required", _("请填写情况说明"))
    if len(note) > 1000:
        raise DomainError("note_too_long", _("情况说明请不超过 1000 字"))
    return reason_code, note
