"""Residence and employment of code holders, written by the health app's registration pages
(and by clerks) through these two functions."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError
from pingan.passes.issuing import rid_for
from pingan.passes.models import Employment, Residence
from pingan.places.models import Place

RESIDENCE_KINDS = (Place.Kind.COMPOUND, Place.Kind.RENTAL)


@transaction.atomic
def residence_set(*, person, place, room: str = "", actor=None) -> Residence:
    """Where the person lives now (a compound or a rental house); replaces the previous one."""
    if place is None or place.kind not in RESIDENCE_KINDS or not place.is_active:
        raise DomainError("bad_residence", _("居住场所须为在册的居民小区或出租房"))
    room = (room or "").strip()
    if len(room) > 40:
        raise DomainError("bad_room", _("房号过长"))
    residence, _created = Residence.objects.select_for_update().update_or_create(
        person=person,
        defaults={"place": place, "room": room, "set_by": actor, "rid": rid_for(person).hex()},
    )
    return residence


@transaction.atomic
def employment_set(*, person, place, actor=None) -> Employment:
    """The enterprise the person works at now; replaces the previous one. None clears it."""
    if place is None:
        Employment.objects.filter(person=person).delete()
        return None
    if place.kind != Place.Kind.ENTERPRISE or not place.is_active:
        raise DomainError("bad_employer", _("就业单位须为在册企业"))
    employment, _created = Employment.objects.select_for_update().update_or_create(
        person=person, defaults={"place": place, "set_by": actor, "rid": rid_for(person).hex()}
    )
    return employment
