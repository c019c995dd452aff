"""Reads of the Safety Day app, scoped to the viewer (rule 2), and the campaign roll-up.

The roll-up is one aggregate query over Activity grouped by town (tallies are integer columns),
so a town's figures and the city's are sums of the same rows and always agree.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from pingan.org import scoping
from pingan.org.models import Department, Region
from pingan.safety.models import Activity, Campaign, CampaignTown, Task, WorkKind
from pingan.safety.roles import REPORT_ROLES, VIEW_ROLES

TALLIES = Activity.TALLIES


def campaigns_visible_to(user):
    """Campaigns are city-wide; anyone working on them sees the list (their towns' parts)."""
    if not scoping.has_role(user, *VIEW_ROLES):
        return Campaign.objects.none()
    return Campaign.objects.all()


def get_campaign_for(user, pk) -> Campaign:
    return scoping.get_object_for(campaigns_visible_to(user), pk=pk)


def activities_visible_to(user, campaign: Campaign | None = None):
    qs = Activity.objects.select_related("town", "region", "reported_by")
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    return scoping.scope(qs, user, field="region", roles=VIEW_ROLES)


def get_activity_for(user, pk) -> Activity:
    qs = (
        activities_visible_to(user)
        .select_related("campaign")
        .prefetch_related("departments", "photos")
    )
    return scoping.get_object_for(qs, pk=pk)


def notices_for(user, campaign: Campaign):
    """The towns' notices the viewer answers for (their own town; the city: all)."""
    return scoping.scope(
        CampaignTown.objects.filter(campaign=campaign).select_related("region", "read_by"),
        user,
        roles=VIEW_ROLES,
    )


def unread_notices(user):
    """Open campaigns' notices to the viewer's towns not yet signed for."""
    return scoping.scope(
        CampaignTown.objects.filter(campaign__status="open", read_at__isnull=True).select_related(
            "campaign", "region"
        ),
        user,
        roles=VIEW_ROLES,
    )


def get_notice_for(user, pk) -> CampaignTown:
    qs = scoping.scope(CampaignTown.objects.select_related("campaign", "region"), user)
    return scoping.get_object_for(qs, pk=pk)


def tasks_for(user, campaign: Campaign):
    return scoping.scope(
        Task.objects.filter(campaign=campaign).select_related("region", "department"),
        user,
        roles=VIEW_ROLES,
    )


def report_regions(user):
    """Regions the viewer may report an activity for: towns and villages in their scope."""
    codes = scoping.jurisdiction_codes(user, REPORT_ROLES)
    qs = Region.objects.filter(is_active=True, level__in=[Region.Level.TOWN, Region.Level.VILLAGE])
    if codes is None:
        return qs
    q = Q(pk__in=[])
    for code in codes:
        q |= Q(code__startswith=code)
    return qs.filter(q)


def participating_departments(user):
    """Departments that may be named as taking part: the city's and those of the viewer's
    towns (a town's police station, fire brigade, 司法所, 综治办...)."""
    codes = scoping.jurisdiction_codes(user, REPORT_ROLES)
    qs = Department.objects.filter(is_active=True).select_related("region")
    if codes is None:
        return qs
    q = Q(region__level=Region.Level.CITY)
    for code in codes:
        q |= Q(region__code__startswith=code[:9])
    return qs.filter(q)


def _sums():
    sums = {name: Coalesce(Sum(name), 0) for name in TALLIES}
    kinds = {f"kind_{kind}": Count("id", filter=Q(kind=kind)) for kind in WorkKind.values}
    return {"activities": Count("id"), **kinds, **sums}


@dataclass
class RollupRow:
    region: Region | None
    activities: int = 0
    kinds: dict = field(default_factory=dict)
    people_reached: int = 0
    questionnaires: int = 0
    banners: int = 0
    screens: int = 0
    sms_sent: int = 0
    tasks_done: int = 0
    tasks_total: int = 0
    notice: CampaignTown | None = None

    @classmethod
    def of(cls, region, figures: dict) -> "RollupRow":
        return cls(
            region=region,
            activities=figures["activities"],
            kinds={kind: figures[f"kind_{kind}"] for kind in WorkKind.values},
            **{name: figures[name] for name in TALLIES},
        )


@dataclass
class Rollup:
    campaign: Campaign
    towns: list[RollupRow]
    total: RollupRow


def rollup(campaign: Campaign, user) -> Rollup:
    """Per town and in total, over the activities the viewer may see: the number of
    activities, by kind, and the sums of every tally; with the towns' task progress."""
    activities = activities_visible_to(user, campaign).order_by()
    by_town = {row.pop("town"): row for row in activities.values("town").annotate(**_sums())}
    total_figures = activities.aggregate(**_sums())
    notices = {n.region_id: n for n in notices_for(user, campaign)}
    town_ids = set(by_town) | set(notices)
    towns = Region.objects.in_bulk(town_ids)
    empty = {"activities": 0, **{f"kind_{k}": 0 for k in WorkKind.values}}
    empty.update({name: 0 for name in TALLIES})
    rows = {pk: RollupRow.of(towns[pk], by_town.get(pk, empty)) for pk in town_ids}
    progress = (
        tasks_for(user, campaign)
        .order_by()
        .values("region")
        .annotate(total=Count("id"), done=Count("id", filter=Q(status="done")))
    )
    for row in progress:
        if row["region"] in rows:
            rows[row["region"]].tasks_total = row["total"]
            rows[row["region"]].tasks_done = row["done"]
    for pk, notice in notices.items():
        rows[pk].notice = notice
    ordered = sorted(rows.values(), key=lambda r: r.region.code)
    total = RollupRow.of(None, total_figures)
    total.tasks_total = sum(r.tasks_total for r in ordered)
    total.tasks_done = sum(r.tasks_done for r in ordered)
    return Rollup(campaign=campaign, towns=ordered, total=total)


def timeline_for(user, campaign: Campaign, limit: int = 50):
    """The campaign's events the viewer should see: city-wide ones and their towns' own."""
    events = campaign.events.select_related("actor", "region")
    if scoping.jurisdiction_codes(user, VIEW_ROLES) is not None:
        events = events.filter(Q(region__isnull=True) | scoping.region_q(user, roles=VIEW_ROLES))
    return events.order_by("-at", "-id")[:limit]
