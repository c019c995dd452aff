"""Reading places within the actor's jurisdiction (rule 2)."""

from django.db.models import QuerySet

from pingan.org import scoping
from pingan.places.models import Place


def places_visible_to(user) -> QuerySet[Place]:
    return scoping.scope(Place.objects.select_related("region"), user)


def get_place_for(user, pk) -> Place:
    return scoping.get_object_for(places_visible_to(user), pk=pk)
