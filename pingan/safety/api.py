"""The Safety Day API (/api/v1/safety/...): campaigns with their roll-up, activities. Parse,
call one service, answer; errors are {"code","message"}."""

from django.utils.translation import gettext as _
from ninja import Router, Status

from pingan.core.api_support import ERRORS
from pingan.core.errors import DomainError, NotFound
from pingan.org import scoping
from pingan.org.models import Region
from pingan.safety import selectors, services
from pingan.safety.schemas import ActivityIn, ActivityOut, CampaignDetailOut, CampaignOut

router = Router(tags=["safety"])


def _row(row) -> dict:
    return {
        "region": row.region.code if row.region else None,
        "region_name": row.region.name if row.region else None,
        "activities": row.activities,
        "by_kind": row.kinds,
        "tasks_done": row.tasks_done,
        "tasks_total": row.tasks_total,
        **{name: getattr(row, name) for name in selectors.TALLIES},
    }


@router.get("/campaigns", response={200: list[CampaignOut], **ERRORS}, summary="Campaigns")
def list_campaigns(request):
    return list(selectors.campaigns_visible_to(request.user))


@router.get(
    "/campaigns/{campaign_id}",
    response={200: CampaignDetailOut, **ERRORS},
    summary="A campaign with its roll-up per town (the viewer's towns) and in total",
)
def campaign_detail(request, campaign_id: int):
    campaign = selectors.get_campaign_for(request.user, campaign_id)
    rollup = selectors.rollup(campaign, request.user)
    campaign.towns_rollup = [_row(row) for row in rollup.towns]
    campaign.total_rollup = _row(rollup.total)
    return campaign


@router.get(
    "/campaigns/{campaign_id}/activities",
    response={200: list[ActivityOut], **ERRORS},
    summary="The campaign's activities the viewer may see",
)
def list_activities(request, campaign_id: int):
    campaign = selectors.get_campaign_for(request.user, campaign_id)
    return list(
        selectors.activities_visible_to(request.user, campaign).prefetch_related("departments")
    )


@router.post(
    "/campaigns/{campaign_id}/activities",
    response={201: ActivityOut, **ERRORS},
    summary="Report an activity with its outreach tallies",
)
def create_activity(request, campaign_id: int, payload: ActivityIn):
    campaign = selectors.get_campaign_for(request.user, campaign_id)
    region = Region.objects.filter(code=payload.region).first()
    if region is None or not scoping.covers(request.user, region):
        raise NotFound()
    codes = list(dict.fromkeys(payload.departments))
    departments = list(selectors.participating_departments(request.user).filter(code__in=codes))
    if len(departments) != len(codes):
        known = {d.code for d in departments}
        missing = [c for c in codes if c not in known]
        raise DomainError(
            "invalid_department",
            _("参与部门不存在或不可选：%(codes)s") % {"codes": "、".join(missing)},
            status=422,
        )
    activity = services.activity_report(
        campaign=campaign,
        actor=request.user,
        region=region,
        kind=payload.kind,
        held_on=payload.held_on,
        place=payload.place,
        departments=departments,
        other_units=payload.other_units,
        summary=payload.summary,
        tallies={name: getattr(payload, name) for name in selectors.TALLIES},
    )
    return Status(201, activity)
