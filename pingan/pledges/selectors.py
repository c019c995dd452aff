"""Reads of the pledges app, scoped to the reader's jurisdiction (out of scope = not found)."""

from dataclasses import dataclass

from django.db.models import Count, Sum
from django.db.models.functions import Substr

from pingan.core.errors import NotFound
from pingan.org import scoping
from pingan.org.models import Region
from pingan.pledges.access import VIEW_ROLES
from pingan.pledges.models import Pledge, Signature
from pingan.pledges.workflow import PledgeStatus

VILLAGE_CODE_LENGTH = Region.CODE_LENGTHS[Region.Level.VILLAGE]


def pledges_visible_to(user):
    return scoping.scope(
        Pledge.objects.select_related("region"), user, field="region", roles=VIEW_ROLES
    )


def get_pledge_for(user, pk) -> Pledge:
    return scoping.get_object_for(pledges_visible_to(user), pk=pk)


def public_pledge(token: str) -> Pledge:
    """A published or withdrawn pledge by its link; drafts are not public."""
    pledge = (
        Pledge.objects.select_related("region")
        .filter(token=token)
        .exclude(status=PledgeStatus.DRAFT)
        .first()
    )
    if pledge is None:
        raise NotFound()
    return pledge


def villages_of(pledge: Pledge) -> list[Region]:
    """The villages (communities) a household may belong to under this pledge."""
    if pledge.region.level in (Region.Level.VILLAGE, Region.Level.GRID):
        return [pledge.region]
    return list(
        Region.objects.filter(
            code__startswith=pledge.region.code, level=Region.Level.VILLAGE, is_active=True
        ).order_by("code")
    )


@dataclass
class CoverageRow:
    region: Region
    households: int
    signed: int

    @property
    def rate(self) -> float | None:
        """Signing households ÷ households (None when the region's households are unknown)."""
        return self.signed / self.households if self.households else None

    @property
    def percent(self) -> str:
        rate = self.rate
        return "—" if rate is None else f"{rate * 100:.1f}%"


@dataclass
class Coverage:
    total: CoverageRow
    villages: list[CoverageRow]
    signatures: int


def coverage(pledge: Pledge) -> Coverage:
    """Coverage = distinct signing households ÷ households in the region.

    Households are Region.households: the pledge's region's own figure, or when it has none
    (towns usually do not) the sum over its villages. A household is counted once however
    many of its members sign: signatures are grouped by (village, household_key).
    """
    signed_by_village = dict(
        Signature.objects.filter(pledge=pledge)
        .annotate(village=Substr("region__code", 1, VILLAGE_CODE_LENGTH))
        .values("village")
        .annotate(n=Count("household_key", distinct=True))
        .values_list("village", "n")
    )
    signatures = Signature.objects.filter(pledge=pledge).count()
    region = pledge.region
    villages = villages_of(pledge)
    rows = [
        CoverageRow(v, v.households, signed_by_village.get(v.code[:VILLAGE_CODE_LENGTH], 0))
        for v in villages
        if v.level == Region.Level.VILLAGE
    ]
    households = region.households or (
        Region.objects.filter(code__startswith=region.code, level=Region.Level.VILLAGE).aggregate(
            n=Sum("households")
        )["n"]
        or 0
    )
    total = CoverageRow(region, households, sum(signed_by_village.values()))
    return Coverage(total=total, villages=rows, signatures=signatures)


def signatures_of(pledge: Pledge, limit: int = 200):
    return list(
        Signature.objects.filter(pledge=pledge)
        .select_related("person", "region", "entered_by")
        .order_by("-signed_at", "-id")[:limit]
    )


def signed_counts(pledges) -> dict[int, int]:
    """Distinct signing households per pledge, for lists (one query)."""
    rows = (
        Signature.objects.filter(pledge__in=pledges)
        .values("pledge")
        .annotate(n=Count("household_key", distinct=True))
    )
    return {row["pledge"]: row["n"] for row in rows}


def signers(pledge_id: int, *, after: int = 0, limit: int = 1000):
    """Signers with a phone, in signature order after `after` (for a bulk SMS to them):
    (position, phone, phone_index, name)."""
    rows = (
        Signature.objects.filter(pledge_id=pledge_id, pk__gt=after)
        .exclude(person__phone_index="")
        .order_by("pk")
        .values_list("pk", "person__phone", "person__phone_index", "person__name")[:limit]
    )
    return list(rows)


def signer_count(pledge_id: int) -> int:
    return Signature.objects.filter(pledge_id=pledge_id).exclude(person__phone_index="").count()
