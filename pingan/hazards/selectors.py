"""Reading hazards and inspections within the actor's jurisdiction (rule 2): a record outside it
is a 404. Lists select what their rows show, so a page costs a fixed number of queries."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from pingan.core.errors import NotFound
from pingan.hazards.models import Hazard, HazardEvent, Inspection
from pingan.hazards.workflow import ON_THE_CLOCK, OPEN, VIEW_ROLES, Grade, Status
from pingan.org import scoping
from pingan.org.models import Post, Region
from pingan.org.roles import Role


def may_view(user) -> bool:
    return scoping.has_role(user, *VIEW_ROLES)


def hazards_visible_to(user) -> QuerySet[Hazard]:
    if not may_view(user):
        return Hazard.objects.none()
    return scoping.scope(Hazard.objects.all(), user, roles=VIEW_ROLES)


def get_hazard_for(user, pk, *, write: bool = False) -> Hazard:
    """One hazard or NotFound; `write` locks its row for a transition (select_for_update)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFound() from None
    rows = hazards_visible_to(user).select_related("region", "place")
    if write:
        rows = rows.select_for_update(of=("self",))
    return scoping.get_object_for(rows, pk=pk)


def hazard_detail_for(user, pk) -> Hazard:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFound() from None
    rows = hazards_visible_to(user).select_related(
        "region",
        "place",
        "place__region",
        "case",
        "inspection",
        "checklist_result",
        "found_by",
        "inspector",
        "closed_by",
        "supervised_by",
    )
    return scoping.get_object_for(rows, pk=pk)


def timeline(hazard: Hazard) -> list[HazardEvent]:
    return list(hazard.events.select_related("actor"))


def overdue_q(now) -> Q:
    return Q(status__in=ON_THE_CLOCK, due_at__lt=now)


def town_code(region: Region) -> str:
    return region.code[:9]


def with_list_columns(rows: QuerySet[Hazard]) -> QuerySet[Hazard]:
    return rows.select_related("region", "place", "supervised_by")


def filter_hazards(
    rows: QuerySet[Hazard],
    *,
    status: str = "",
    grade: str = "",
    overdue: bool = False,
    town: str = "",
    supervised: bool | None = None,
    q: str = "",
    place: int | None = None,
    now=None,
) -> QuerySet[Hazard]:
    """The list filters shared by the page and the API; values are checked by the caller."""
    if status == "open":
        rows = rows.filter(status__in=OPEN)
    elif status:
        rows = rows.filter(status=status)
    if grade == "ungraded":
        rows = rows.filter(grade="")
    elif grade:
        rows = rows.filter(grade=grade)
    if overdue:
        rows = rows.filter(overdue_q(now or timezone.now()))
    if town:
        rows = rows.filter(region__code__startswith=town)
    if supervised is not None:
        rows = rows.filter(supervised_at__isnull=not supervised)
    if place:
        rows = rows.filter(place_id=place)
    if q:
        rows = rows.filter(
            Q(number__icontains=q)
            | Q(title__icontains=q)
            | Q(description__icontains=q)
            | Q(place__name__icontains=q)
        )
    return rows


def towns_for(user) -> list[Region]:
    """Towns the user may filter by: those inside their jurisdiction, or the one above it."""
    codes = scoping.jurisdiction_codes(user, VIEW_ROLES)
    towns = Region.objects.filter(level=Region.Level.TOWN, is_active=True)
    if codes is None:
        return list(towns.order_by("code"))
    return [
        t
        for t in towns.order_by("code")
        if any(t.code.startswith(c) or c.startswith(t.code) for c in codes)
    ]


def supervision_board(user, now=None) -> dict[str, list[Hazard]]:
    """The leader's 挂牌督办 list: 重大 hazards waiting for a leader, those under supervision,
    and hazards past their deadline (escalated by the sweep)."""
    now = now or timezone.now()
    rows = with_list_columns(hazards_visible_to(user).filter(status__in=OPEN)).order_by(
        "due_at", "found_at"
    )
    return {
        "unlisted": list(rows.filter(grade=Grade.MAJOR, supervised_at__isnull=True)),
        "listed": list(rows.filter(supervised_at__isnull=False)),
        "overdue": list(rows.filter(overdue_q(now))),
    }


def counts_for(user, now=None) -> dict[str, int]:
    now = now or timezone.now()
    rows = hazards_visible_to(user)
    return {
        "open": rows.filter(status__in=OPEN).count(),
        "overdue": rows.filter(overdue_q(now)).count(),
        "review": rows.filter(status=Status.REVIEW_REQUESTED).count(),
        "major": rows.filter(status__in=OPEN, grade=Grade.MAJOR).count(),
    }


def inspections_visible_to(user) -> QuerySet[Inspection]:
    return scoping.scope(Inspection.objects.all(), user, roles=VIEW_ROLES)


def get_inspection_for(user, pk) -> Inspection:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFound() from None
    rows = inspections_visible_to(user).select_related("place", "region", "inspector")
    return scoping.get_object_for(rows, pk=pk)


def town_leaders(region: Region):
    """Active users holding a leader post over the hazard's town itself (not the whole city):
    the people an overdue hazard escalates to."""
    posts = Post.objects.filter(
        role=Role.LEADER, is_active=True, region__code=town_code(region), user__is_active=True
    ).select_related("user")
    return list({p.user_id: p.user for p in posts}.values())
