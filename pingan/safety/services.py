"""Writes of the Safety Day app (rule 1): open a month's campaign (the worker does, on the day),
close it, sign for a town's notice, report an activity. Keyword-only, the actor named, one
transaction each, the campaign row locked while its timeline grows."""

import re
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError, NotFound
from pingan.org import scoping
from pingan.org.models import Department, Region
from pingan.safety import notices, schedule
from pingan.safety.models import (
    Activity,
    ActivityPhoto,
    Campaign,
    CampaignEvent,
    CampaignTown,
    Task,
    WorkKind,
)
from pingan.safety.photos import check_photos, stored_name
from pingan.safety.roles import CITY_ROLES, REPORT_ROLES
from pingan.safety.workflow import CampaignAction, TaskStatus, check

# The town department that leads each kind of work, by department kind: talks on law and
# safety by the justice office, training by the governance (综治) centre, patrols by the
# police station, rectification by the town government.
LEAD_DEPARTMENT_KIND = {
    WorkKind.TALK: Department.Kind.JUSTICE,
    WorkKind.TRAINING: Department.Kind.GOVERNANCE,
    WorkKind.PATROL: Department.Kind.POLICE_STATION,
    WorkKind.RECTIFICATION: Department.Kind.STREET_OFFICE,
}
# Sanity bound on one activity's tallies: beyond this it is a typing error, not outreach.
MAX_TALLY = 10_000_000


def covers_city(user) -> bool:
    """Campaigns are city-wide: opening and closing one takes a city-level post."""
    city = Region.objects.filter(level=Region.Level.CITY).first()
    return city is not None and scoping.covers(user, city, CITY_ROLES)


def _event(campaign, action, old, new, *, actor=None, region=None, note="") -> CampaignEvent:
    return CampaignEvent.objects.create(
        campaign=campaign,
        action=action,
        old_status=old or "",
        new_status=new,
        region=region,
        actor=actor,
        note=note[:200],
        at=timezone.now(),
    )


@transaction.atomic
def campaign_open(*, month: date, actor=None) -> Campaign:
    """Open the campaign of `month`'s month (idempotent: an existing one is returned), tell
    every active town and give each its four tasks. `actor` None: the scheduled worker."""
    if actor is not None and not covers_city(actor):
        raise DomainError("forbidden", _("只有市级领导或管理员可以发起活动"), status=403)
    first = schedule.month_start(month)
    existing = Campaign.objects.select_for_update().filter(month=first).first()
    if existing is not None:
        return existing
    day = schedule.safety_day(first)
    campaign = Campaign.objects.create(
        month=first,
        day=day,
        starts_on=first,
        ends_on=schedule.month_end(first),
        title=str(
            _("%(year)s年%(month)s月平安桐乡日") % {"year": first.year, "month": first.month}
        ),
        created_at=timezone.now(),
        created_by=actor,
    )
    status = check(CampaignAction.CREATE, Campaign(status=None))
    _event(campaign, CampaignAction.CREATE, None, status, actor=actor)
    towns = list(Region.objects.filter(level=Region.Level.TOWN, is_active=True))
    leads = {
        (d.region_id, d.kind): d
        for d in Department.objects.filter(
            region__in=towns, kind__in=LEAD_DEPARTMENT_KIND.values(), is_active=True
        ).order_by("-code")
    }
    tasks = []
    for town in towns:
        sent = notices.tell_town(campaign, town)
        CampaignTown.objects.create(
            campaign=campaign, region=town, notified_at=timezone.now(), sms_count=sent
        )
        _event(
            campaign,
            CampaignAction.NOTIFY,
            status,
            status,
            actor=actor,
            region=town,
            note=str(_("短信 %(n)s 条") % {"n": sent}),
        )
        tasks += [
            Task(
                campaign=campaign,
                region=town,
                kind=kind,
                department=leads.get((town.pk, LEAD_DEPARTMENT_KIND[kind])),
            )
            for kind in WorkKind
        ]
    Task.objects.bulk_create(tasks)
    return campaign


def campaign_sweep(*, today: date | None = None) -> str:
    """The worker's job: on (or, after downtime, any day after) this month's Safety Day, open
    the month's campaign if it is not open yet."""
    today = today or timezone.localdate()
    if today < schedule.safety_day(today):
        return ""
    if Campaign.objects.filter(month=schedule.month_start(today)).exists():
        return ""
    campaign = campaign_open(month=today)
    return f"opened {campaign.month:%Y-%m}"


@transaction.atomic
def campaign_close(*, campaign: Campaign, actor) -> Campaign:
    if not covers_city(actor):
        raise DomainError("forbidden", _("只有市级领导或管理员可以结束本期活动"), status=403)
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    old = campaign.status
    campaign.status = check(CampaignAction.CLOSE, campaign)
    campaign.save(update_fields=["status"])
    _event(campaign, CampaignAction.CLOSE, old, campaign.status, actor=actor)
    return campaign


@transaction.atomic
def town_notice_read(*, notice: CampaignTown, actor) -> CampaignTown:
    if not scoping.covers(actor, notice.region, REPORT_ROLES):
        raise NotFound()
    notice = CampaignTown.objects.select_for_update().get(pk=notice.pk)
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.read_by = actor
        notice.save(update_fields=["read_at", "read_by"])
    return notice


def _as_int(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if re.fullmatch(r"-?\d{1,12}", text):
        return int(text)
    return None


def _clean_tallies(tallies: dict) -> dict[str, int]:
    clean = {}
    for field in Activity.TALLIES:
        label = Activity._meta.get_field(field).verbose_name
        value = tallies.get(field)
        number = 0 if value in (None, "") else _as_int(value)
        if number is None:
            raise DomainError(
                "invalid_tally", _("「%(label)s」须为整数") % {"label": label}, status=422
            )
        if number < 0:
            raise DomainError(
                "negative_tally", _("「%(label)s」不能为负数") % {"label": label}, status=422
            )
        if number > MAX_TALLY:
            raise DomainError(
                "tally_too_large",
                _("「%(label)s」超过 %(max)s，请核对") % {"label": label, "max": MAX_TALLY},
                status=422,
            )
        clean[field] = number
    return clean


def _town_of(region: Region) -> Region:
    if region.level == Region.Level.CITY:
        raise DomainError("town_required", _("请选择镇街或村社区：活动计入所在镇街"), status=422)
    town = Region.objects.filter(code=region.code[:9], level=Region.Level.TOWN).first()
    if town is None:
        raise DomainError("town_required", _("请选择镇街或村社区：活动计入所在镇街"), status=422)
    return town


@transaction.atomic
def activity_report(
    *,
    campaign: Campaign,
    actor,
    region: Region,
    kind: str,
    held_on: date,
    place: str,
    departments=(),
    other_units: str = "",
    summary: str = "",
    tallies: dict | None = None,
    photos=(),
) -> Activity:
    """Record one activity with its tallies and photos, and mark the town's task of its kind
    done. Everything is checked before anything is written; a refusal writes nothing."""
    if not scoping.covers(actor, region, REPORT_ROLES):
        raise NotFound()
    town = _town_of(region)
    if kind not in WorkKind.values:
        raise DomainError("invalid_kind", _("请选择活动类别"), status=422)
    place = (place or "").strip()
    if not place:
        raise DomainError("place_required", _("请填写活动地点"), status=422)
    if len(place) > 120:
        raise DomainError("place_too_long", _("活动地点不能超过 120 个字"), status=422)
    if len(summary or "") > 2000 or len(other_units or "") > 200:
        raise DomainError("text_too_long", _("活动情况或参与单位的文字过长"), status=422)
    counts = _clean_tallies(tallies or {})
    departments = list(departments)
    for department in departments:
        # The town's own departments and the city's (police, fire brigade...) may take part.
        if not department.is_active or not (
            town.code.startswith(department.region.code)
            or department.region.code.startswith(town.code)
        ):
            raise DomainError(
                "invalid_department",
                _("「%(name)s」不是本镇街或市级部门") % {"name": department.name},
                status=422,
            )
    checked = check_photos(photos)
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    check(CampaignAction.REPORT, campaign)
    if not campaign.starts_on <= held_on <= campaign.ends_on:
        raise DomainError(
            "date_outside_campaign",
            _("活动日期须在本期活动期间（%(start)s 至 %(end)s）")
            % {"start": campaign.starts_on, "end": campaign.ends_on},
            status=422,
        )
    if held_on > timezone.localdate():
        raise DomainError("date_in_future", _("活动日期不能晚于今天"), status=422)
    now = timezone.now()
    activity = Activity.objects.create(
        campaign=campaign,
        town=town,
        region=region,
        kind=kind,
        held_on=held_on,
        place=place,
        other_units=(other_units or "").strip(),
        summary=(summary or "").strip(),
        reported_by=actor,
        reported_at=now,
        **counts,
    )
    activity.departments.set(departments)
    for photo in checked:
        record = ActivityPhoto(
            activity=activity,
            stored_name=stored_name(photo),
            content_type=photo.content_type,
            size=photo.size,
        )
        record.file.save(record.stored_name, photo.upload, save=False)
        record.save()
    Task.objects.filter(
        campaign=campaign, region=town, kind=kind, status=TaskStatus.PENDING
    ).update(status=TaskStatus.DONE, done_at=now)
    _event(
        campaign,
        CampaignAction.REPORT,
        campaign.status,
        campaign.status,
        actor=actor,
        region=town,
        note=f"{WorkKind(kind).label} · {place}",
    )
    return activity
