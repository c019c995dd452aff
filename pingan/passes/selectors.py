"""Reads of the passes app, scoped to who asks (rule 2 of the house)."""

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from pingan.core import audit
from pingan.org.roles import Role
from pingan.org.scoping import has_role, is_superuser, scope
from pingan.passes import issuing
from pingan.passes.models import (
    Checkpoint,
    Employment,
    Invitation,
    Residence,
    ScanLog,
    TravelPass,
    TravelStatus,
)


def person_of(user):
    """The Person behind a citizen's login, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    from pingan.people.models import Person

    return Person.objects.filter(user=user).first()


def residence_of(person) -> Residence | None:
    return Residence.objects.filter(person=person).select_related("place__region").first()


def employment_of(person) -> Employment | None:
    return Employment.objects.filter(person=person).select_related("place__region").first()


def current_travel_pass(person, now=None) -> TravelPass | None:
    now = now or timezone.now()
    return (
        TravelPass.objects.filter(person=person, status=TravelStatus.ACTIVE, valid_until__gt=now)
        .order_by("-seq")
        .first()
    )


def current_codes(person) -> list[dict]:
    """The holder's codes, freshly signed: the 桐健码 once they have a health status, the 桐行码
    while they hold an active travel pass. Each: type, status, seq, payload, not_before,
    expires_at, masked_name, place."""
    from pingan.health.selectors import health_status_of

    if person is None:
        return []
    status = health_status_of(person)
    if status is None:
        return []
    residence = residence_of(person)
    place = residence.place if residence is not None else None
    codes = [issuing.health_code(person, status, place=place)]
    travel = current_travel_pass(person)
    if travel is not None:
        codes.append(issuing.travel_code(person, travel, colour=status.colour, place=place))
    return codes


def checkpoints_of(user):
    """Checkpoints a user may scan at: those they guard; every one for a superuser."""
    if is_superuser(user):
        return Checkpoint.objects.filter(is_active=True).select_related("place")
    return Checkpoint.objects.filter(is_active=True, guards=user).select_related("place")


def get_checkpoint_for(user, pk) -> Checkpoint:
    checkpoint = checkpoints_of(user).filter(pk=pk).first()
    if checkpoint is None:
        raise Http404
    return checkpoint


def can_read_scans(user) -> bool:
    return has_role(user, Role.HEALTH_OFFICER)


def scans_for_officer(user, *, checkpoint=None, limit: int = 200):
    """Scan logs in the officer's jurisdiction. Every read is audited (DESIGN.md)."""
    if not can_read_scans(user):
        raise Http404
    rows = scope(
        ScanLog.objects.select_related("checkpoint"),
        user,
        field="checkpoint__region",
        roles=[Role.HEALTH_OFFICER],
    )
    if checkpoint is not None:
        rows = rows.filter(checkpoint=checkpoint)
    audit.record(
        "read",
        checkpoint,
        actor=user,
        reason="scan_logs",
        changes={"what": "passes.ScanLog", "checkpoint": checkpoint.pk if checkpoint else None},
    )
    return list(rows[:limit])


def my_scans(person, limit: int = 50):
    """A holder's own scans, found through the hash of their pseudonym."""
    digest = issuing.rid_hash(issuing.rid_for(person))
    return list(ScanLog.objects.filter(rid_hash=digest).select_related("checkpoint")[:limit])


def invitations_of(person):
    today = timezone.localdate()
    return list(
        Invitation.objects.filter(Q(host=person) | Q(visitor=person), day__gte=today)
        .select_related("place", "visitor", "host")
        .order_by("day", "id")[:20]
    )
