"""Reads of petitions, always through the actor's jurisdiction (rule 2 of the house).

- staff in the petition roles (hotline, clerk, dispatcher, leader, admin) see the petitions on
  matters in their region's subtree;
- a handler sees the petitions routed to their post's department within that post's region;
- whoever registered a petition, and its responsible leader, see it;
- anything else does not exist for them (NotFound → 404).
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import reduce
from operator import or_

from django.db.models import Prefetch, Q, QuerySet

from pingan.cases import clock
from pingan.core.errors import NotFound
from pingan.core.workcalendar import local_day_start
from pingan.org import scoping
from pingan.org.models import Region
from pingan.org.roles import Role
from pingan.petitions import deadlines
from pingan.petitions.models import Petition, Petitioner, PetitionEvent
from pingan.petitions.similarity import REPEAT_THRESHOLD, similarity
from pingan.petitions.workflow import Status

REGION_ROLES = frozenset({Role.HOTLINE, Role.CLERK, Role.DISPATCHER, Role.LEADER, Role.ADMIN})
# Who may take petitions in (register them) on the pages and the API.
INTAKE_ROLES = frozenset({Role.HOTLINE, Role.CLERK, Role.DISPATCHER, Role.ADMIN})
# Who works with petitions at all (the list, the detail).
PETITION_ROLES = REGION_ROLES | {Role.HANDLER}
TOWN_CODE_LENGTH = Region.CODE_LENGTHS[Region.Level.TOWN]
# How many earlier petitions of a category in one town the over-level check compares texts
# with: the newest, which is where an earlier petition on the same matter would be.
OVER_LEVEL_SCAN = 500


def _visibility_q(user) -> Q | None:
    """The filter for the user's petitions; None means every petition (superuser)."""
    if scoping.is_superuser(user):
        return None
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    parts = [Q(registered_by=user), Q(leader=user)]
    codes = scoping.jurisdiction_codes(user, REGION_ROLES) or []
    parts += [Q(case__region__code__startswith=code) for code in codes]
    for post in scoping.posts_of(user, [Role.HANDLER]):
        if post.department_id is not None:
            parts.append(
                Q(unit_id=post.department_id, case__region__code__startswith=post.region.code)
            )
    return reduce(or_, parts)


def petitions_visible_to(user) -> QuerySet:
    q = _visibility_q(user)
    petitions = Petition.objects.all()
    return petitions if q is None else petitions.filter(q)


def _pk(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise NotFound() from None


def get_petition_for(user, pk, *, write: bool = False) -> Petition:
    """One petition the user may see, or NotFound. With write=True the row is locked until the
    end of the caller's transaction."""
    petitions = petitions_visible_to(user).select_related(
        "case__region", "case__category", "unit", "leader", "intake_region"
    )
    if write:
        petitions = petitions.select_for_update(of=("self",))
    return scoping.get_object_for(petitions, pk=_pk(pk))


def with_details(petitions: QuerySet) -> QuerySet:
    return petitions.select_related(
        "case__region",
        "case__category",
        "unit",
        "leader",
        "intake_region",
        "registered_by",
        "repeat_of__case",
        "repeat_person",
    ).prefetch_related(
        Prefetch("events", queryset=PetitionEvent.objects.select_related("actor")),
        Prefetch("petitioner_rows", queryset=Petitioner.objects.select_related("person")),
        Prefetch("repeats", queryset=Petition.objects.order_by("registered_at", "id")),
    )


def petition_detail_for(user, pk) -> Petition:
    """A visible petition with everything its page shows, in a fixed number of queries."""
    return scoping.get_object_for(with_details(petitions_visible_to(user)), pk=_pk(pk))


def petition_detail_after_action(petition: Petition) -> Petition:
    """The petition as it stands after the caller's own successful action. Not scoped: an
    objection takes the petition out of the unit's work, and they still see what they did."""
    return with_details(Petition.objects.all()).get(pk=petition.pk)


# --- same matter: repeats, final decisions, over-level -----------------------------------------


@dataclass(frozen=True)
class Match:
    """An earlier petition judged to be on the same matter, and why: the person it shares,
    the same category, and how similar the two descriptions are."""

    petition: Petition
    person: object
    score: float

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def same_matter(persons, category, description: str, *, exclude_pk=None) -> list[Match]:
    """Earlier petitions by any of `persons` in `category` whose description is at least
    REPEAT_THRESHOLD similar to `description`: newest first, one Match per petition."""
    saved = [p for p in persons if getattr(p, "pk", None)]
    if not saved or category is None:
        return []
    rows = (
        Petitioner.objects.filter(person__in=saved, petition__case__category=category)
        .select_related("petition__case", "petition__unit", "person")
        .order_by("-petition__registered_at", "-petition_id")
    )
    if exclude_pk is not None:
        rows = rows.exclude(petition_id=exclude_pk)
    found: dict[int, Match] = {}
    for row in rows:
        if row.petition_id in found:
            continue
        score = similarity(description, row.petition.case.description)
        if score >= REPEAT_THRESHOLD:
            found[row.petition_id] = Match(row.petition, row.person, score)
    return list(found.values())


def town_code_of(region: Region) -> str | None:
    return region.code[:TOWN_CODE_LENGTH] if len(region.code) >= TOWN_CODE_LENGTH else None


def town_has_the_matter(region: Region, category, description: str) -> bool:
    """Whether the matter's town took in a petition on the same matter (same category, similar
    description, by anyone: forty workers are one matter however many of them went)."""
    town = town_code_of(region)
    if town is None or category is None:
        return False
    earlier = (
        Petition.objects.filter(
            case__category=category,
            case__region__code__startswith=town,
            intake_region__code__startswith=town,
        )
        .select_related("case")
        .order_by("-registered_at")[:OVER_LEVEL_SCAN]
    )
    return any(similarity(description, p.case.description) >= REPEAT_THRESHOLD for p in earlier)


def suggests_over_level(intake_region: Region, region: Region, category, description) -> bool:
    """越级: brought to the city about a matter of a town that has no petition on it."""
    if intake_region.level != Region.Level.CITY or town_code_of(region) is None:
        return False
    return not town_has_the_matter(region, category, description)


@dataclass
class PreCheck:
    """What registration would find, shown on the intake form before saving."""

    final: Match | None = None
    repeat: Match | None = None
    repeat_after_reply: bool = False
    over_level: bool = False
    matches: list[Match] = field(default_factory=list)


def precheck(*, persons, category, region, intake_region, description, exclude_pk=None):
    matches = same_matter(persons, category, description, exclude_pk=exclude_pk)
    final = next((m for m in matches if m.petition.status == Status.FINAL), None)
    return PreCheck(
        final=final,
        repeat=matches[0] if matches else None,
        repeat_after_reply=any(m.petition.replied_at is not None for m in matches),
        over_level=suggests_over_level(intake_region, region, category, description)
        if intake_region is not None and region is not None
        else False,
        matches=matches,
    )


def default_intake_region(actor, region: Region) -> Region:
    """Where a petition was brought when the caller does not say: the highest region among
    the actor's intake posts that covers the matter (the city bureau, a town's centre), else
    the matter's town (an online petition goes to the town first)."""
    covering = [
        post.region
        for post in scoping.posts_of(actor, INTAKE_ROLES)
        if region.code.startswith(post.region.code)
    ]
    if covering:
        return min(covering, key=lambda r: len(r.code))
    town = town_code_of(region)
    if town is None or town == region.code:
        return region
    return Region.objects.get(code=town)


# --- lists ---------------------------------------------------------------------------------------


@dataclass
class Filters:
    status: str = ""
    town: str = ""
    collective: bool = False
    repeat: bool = False
    over_level: bool = False
    overdue: bool = False
    backlog: bool = False
    q: str = ""
    since: date | None = None  # registered on or after this day
    until: date | None = None  # registered on or before this day


def petition_list(user, filters: Filters, *, now: datetime | None = None) -> QuerySet:
    now = now or clock.now()
    petitions = petitions_visible_to(user)
    if filters.status:
        petitions = petitions.filter(status=filters.status)
    if filters.town:
        petitions = petitions.filter(case__region__code__startswith=filters.town)
    if filters.collective:
        petitions = petitions.filter(is_collective=True)
    if filters.repeat:
        petitions = petitions.filter(repeat_of__isnull=False)
    if filters.over_level:
        petitions = petitions.filter(Q(over_level=True) | Q(over_level_suggested=True))
    if filters.overdue:
        petitions = petitions.filter(deadlines.overdue_q(now))
    if filters.backlog:
        petitions = petitions.filter(deadlines.backlog_q(now))
    if filters.since:
        petitions = petitions.filter(registered_at__gte=local_day_start(filters.since))
    if filters.until:
        petitions = petitions.filter(registered_at__lt=local_day_start(filters.until, 1))
    if filters.q:
        text = filters.q.strip()
        petitions = petitions.filter(
            Q(number__startswith=text.upper())
            | Q(case__number__startswith=text.upper())
            | Q(case__title__contains=text)
        )
    return petitions.select_related("case__region", "case__category", "unit", "leader").order_by(
        "-registered_at", "-id"
    )


def towns_visible_to(user) -> list[Region]:
    """The towns whose petitions the user oversees: every town of their city, or their own."""
    towns = Region.objects.filter(level=Region.Level.TOWN, is_active=True).order_by("code")
    if scoping.is_superuser(user):
        return list(towns)
    codes = scoping.jurisdiction_codes(user, REGION_ROLES) or []
    if not codes:
        return []
    return list(towns.filter(reduce(or_, (Q(code__startswith=code) for code in codes))))


# --- the backlog board (积案) --------------------------------------------------------------------


@dataclass
class BacklogItem:
    petition: Petition
    reasons: list[str]


@dataclass
class TownBacklog:
    """One row of the board; `town` is None for matters of the city itself (市本级)."""

    town: Region | None
    items: list[BacklogItem] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def code(self) -> str:
        return self.town.code if self.town else ""

    @property
    def leaders(self) -> list:
        """The responsible leaders of the town's backlog, each once, in order of appearance."""
        seen = {}
        for item in self.items:
            leader = item.petition.leader
            if leader is not None:
                seen.setdefault(leader.pk, leader)
        return list(seen.values())


def backlog_by_town(user, as_of: datetime | None = None) -> list[TownBacklog]:
    """Every town the user oversees with its backlog at `as_of` (a town with none has an empty
    row: 无信访积案), then the city's own matters when there are any. Two queries."""
    as_of = as_of or clock.now()
    towns = towns_visible_to(user)
    rows = {town.code: TownBacklog(town) for town in towns}
    city_row = TownBacklog(None)
    petitions = (
        petitions_visible_to(user)
        .filter(deadlines.backlog_q(as_of))
        .select_related("case__region", "case__category", "leader", "unit", "repeat_of")
        .order_by("registered_at", "id")
    )
    for petition in petitions:
        item = BacklogItem(petition, deadlines.overdue_reasons(petition, as_of))
        town = town_code_of(petition.case.region)
        if town is None:
            city_row.items.append(item)
        elif town in rows:
            rows[town].items.append(item)
    result = list(rows.values())
    if city_row.items:
        result.append(city_row)
    return result
