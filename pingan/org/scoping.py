"""Jurisdiction: what a user may see and act on, derived from their posts.

Every app reads scoped records through these helpers (rule 2 of the house): a post over a
region covers that region and everything below it, so scoping is a prefix match on region codes.
A record outside one's scope is treated as missing (404), not forbidden.
"""

from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet

from pingan.core.errors import NotFound
from pingan.org.models import Department, Post, Region
from pingan.org.roles import Role


def _active_posts(user) -> list[Post]:
    """The user's active posts, loaded once per request object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_pingan_posts", None)
    if cached is None:
        cached = list(
            Post.objects.filter(user=user, is_active=True, region__is_active=True).select_related(
                "region", "department"
            )
        )
        user._pingan_posts = cached
    return cached


def posts_of(user, roles: Iterable[str] | None = None) -> list[Post]:
    roles = set(roles) if roles is not None else None
    return [p for p in _active_posts(user) if roles is None or p.role in roles]


def is_superuser(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser)


def has_role(user, *roles: str) -> bool:
    return is_superuser(user) or bool(posts_of(user, roles))


def is_staff_member(user) -> bool:
    return is_superuser(user) or bool(_active_posts(user))


def jurisdiction_codes(user, roles: Iterable[str] | None = None) -> list[str] | None:
    """Region code prefixes the user covers (in the given roles); None means everything."""
    if is_superuser(user):
        return None
    codes = sorted({p.region.code for p in posts_of(user, roles)})
    # Drop codes already covered by a shorter one, so the query stays small.
    minimal: list[str] = []
    for code in codes:
        if not any(code.startswith(kept) for kept in minimal):
            minimal.append(code)
    return minimal


def region_q(user, field: str = "region", roles: Iterable[str] | None = None) -> Q:
    """A filter on `field` (a FK to Region) matching the user's jurisdiction."""
    codes = jurisdiction_codes(user, roles)
    if codes is None:
        # Every row, as a condition that stays one when OR-ed with another: an empty Q() is
        # dropped from `Q() | Q(x)`, which would leave only x (a superuser then saw only the
        # windows they sit at).
        return Q(pk__isnull=False)
    if not codes:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{field}__code__startswith": code}) for code in codes))


def scope(queryset: QuerySet, user, field: str = "region", roles=None) -> QuerySet:
    return queryset.filter(region_q(user, field, roles))


def covers(user, region: Region, roles: Iterable[str] | None = None) -> bool:
    codes = jurisdiction_codes(user, roles)
    return codes is None or any(region.code.startswith(code) for code in codes)


def can_act(user, role: str, region: Region) -> bool:
    """Whether the user holds `role` over `region` (or is a superuser)."""
    return covers(user, region, roles=[role, Role.ADMIN])


def regions_visible_to(user) -> QuerySet:
    """Regions in the user's jurisdiction. Reference data (names and codes) is public through
    the API; this is for staff pages that work inside a jurisdiction."""
    if is_superuser(user):
        return Region.objects.all()
    codes = jurisdiction_codes(user)
    if not codes:
        return Region.objects.none()
    return Region.objects.filter(reduce(or_, (Q(code__startswith=c) for c in codes)))


def get_region_for(user, code: str) -> Region:
    region = regions_visible_to(user).filter(code=code).first()
    if region is None:
        raise NotFound()
    return region


def departments_visible_to(user) -> QuerySet:
    return scope(Department.objects.select_related("region"), user)


def get_object_for(queryset: QuerySet, **lookup):
    """One record of an already scoped queryset, or NotFound (rendered as 404)."""
    obj = queryset.filter(**lookup).first()
    if obj is None:
        raise NotFound()
    return obj


def top_regions(user) -> list[Region]:
    """The regions at the top of the user's jurisdiction, for the home page."""
    if is_superuser(user):
        return list(Region.objects.filter(level=Region.Level.CITY))
    codes = jurisdiction_codes(user) or []
    return list(Region.objects.filter(code__in=codes))
