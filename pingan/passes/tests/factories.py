"""Code holders for tests: a registered person with a health status, a residence and an
employer, as the health app's registration would leave them."""

import itertools

from django.utils import timezone

from pingan.core.pii import normalize_id_number
from pingan.passes.services import employment_set, on_health_status_change, residence_set
from pingan.people.services import person_register

_serial = itertools.count(1)

# Valid GB 11643 numbers (check digit computed below) born 1990-03-07 in 桐乡.
_BASE = "33048319900307"


def id_number(serial: int) -> str:
    body = f"{_BASE}{serial % 1000:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
    return normalize_id_number(body + check)


def holder(
    *,
    name="李明华",
    colour="green",
    residence=None,
    room="3-1-502",
    employer=None,
    user=None,
    address="梧桐街道庆丰南路99号3幢1单元502室",
):
    """A person with a health status (seq 1) and, if given, a residence and an employer."""
    from pingan.health.models import HealthStatus

    serial = next(_serial)
    person = person_register(
        name=name,
        phone=f"1395730{8600 + serial:04d}",
        id_number=id_number(serial),
        address=address,
        user=user,
    )
    HealthStatus.objects.create(
        person=person,
        colour=colour,
        seq=1,
        reason_code="test",
        changed_at=timezone.now(),
    )
    if residence is not None:
        residence_set(person=person, place=residence, room=room)
    if employer is not None:
        employment_set(person=person, place=employer)
    return person


def change_colour(person, colour: str):
    """What a health service does on a colour change: seq + 1, then tell passes."""
    from pingan.health.models import HealthStatus

    status = HealthStatus.objects.select_for_update().get(person=person)
    status.colour = colour
    status.seq += 1
    status.changed_at = timezone.now()
    status.save()
    on_health_status_change(person=person, status=status)
    return status
