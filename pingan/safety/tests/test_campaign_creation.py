"""The worker opens the month's campaign on the Safety Day (the 26th by default), tells every
town by SMS and gives each town its four tasks; a 26th that is not a working day stays or
moves as configured."""

from datetime import date

import pytest

from pingan.org.models import Region
from pingan.safety import schedule
from pingan.safety.models import Campaign, CampaignEvent, CampaignTown, Task
from pingan.safety.services import campaign_sweep
from pingan.safety.tests.factories import at

pytestmark = pytest.mark.usefixtures("demo_city")


def sweep(day: date) -> str:
    with at(day):
        return campaign_sweep()


def test_not_before_the_26th():
    assert sweep(date(2026, 3, 25)) == ""
    assert not Campaign.objects.exists()


def test_opened_on_the_26th_once(outbox):
    assert sweep(date(2026, 3, 26)) == "opened 2026-03"
    assert sweep(date(2026, 3, 26)) == ""
    campaign = Campaign.objects.get()
    assert (campaign.day, campaign.starts_on, campaign.ends_on) == (
        date(2026, 3, 26),
        date(2026, 3, 1),
        date(2026, 3, 31),
    )
    assert campaign.status == "open" and campaign.created_by is None
    assert campaign.title == "2026年3月平安桐乡日"
    towns = Region.objects.filter(level="town").count()
    assert CampaignTown.objects.filter(campaign=campaign).count() == towns == 12
    assert Task.objects.filter(campaign=campaign).count() == towns * 4


def test_each_town_leader_and_officer_is_told(outbox):
    sweep(date(2026, 3, 26))
    messages = outbox("safety_day_town")
    tudian = [m for m in messages if "屠甸镇" in m.body]
    # tudian_inspector, tudian_officer and tudian_leader hold posts at 屠甸镇 itself.
    assert sorted(m.phone for m in tudian) == ["13957300006", "13957305001", "13957305002"]
    assert "3月26日" in tudian[0].body
    notice = CampaignTown.objects.get(region__code="330483103")
    assert notice.sms_count == 3 and notice.read_at is None
    # The grid member of 梧桐 is not one of those told.
    assert not [m for m in messages if m.phone == "13957300015"]


def test_tasks_name_the_leading_department():
    sweep(date(2026, 3, 26))
    tasks = {t.kind: t for t in Task.objects.filter(region__code="330483103")}
    assert tasks["talk"].department.code == "tudian-sfs"
    assert tasks["training"].department.code == "tudian-mtzx"
    assert tasks["patrol"].department.code == "tudian-pcs"
    assert tasks["rectification"].department.code == "tudian-office"
    assert {t.status for t in tasks.values()} == {"pending"}


def test_timeline_records_creation_and_notices():
    sweep(date(2026, 3, 26))
    actions = list(CampaignEvent.objects.values_list("action", flat=True))
    assert actions[0] == "create" and actions.count("notify") == 12


def test_catch_up_after_downtime():
    assert sweep(date(2026, 3, 29)) == "opened 2026-03"
    assert Campaign.objects.get().day == date(2026, 3, 26)


# 26 April 2026 is a Sunday (not a working day); 26 January 2025 is a Sunday made a working
# day (调休) before the Spring Festival.
def test_holiday_kept_when_shift_is_none(settings):
    settings.PINGAN_SAFETY_DAY_HOLIDAY_SHIFT = "none"
    assert sweep(date(2026, 4, 26)) == "opened 2026-04"
    assert Campaign.objects.get().day == date(2026, 4, 26)


def test_holiday_moves_to_next_working_day(settings):
    settings.PINGAN_SAFETY_DAY_HOLIDAY_SHIFT = "next"
    assert sweep(date(2026, 4, 26)) == ""
    assert sweep(date(2026, 4, 27)) == "opened 2026-04"
    assert Campaign.objects.get().day == date(2026, 4, 27)


def test_holiday_moves_to_previous_working_day(settings):
    settings.PINGAN_SAFETY_DAY_HOLIDAY_SHIFT = "previous"
    assert sweep(date(2026, 4, 23)) == ""
    assert sweep(date(2026, 4, 24)) == "opened 2026-04"
    assert Campaign.objects.get().day == date(2026, 4, 24)


def test_adjusted_working_sunday_is_not_moved(settings):
    settings.PINGAN_SAFETY_DAY_HOLIDAY_SHIFT = "next"
    assert schedule.safety_day(date(2025, 1, 1)) == date(2025, 1, 26)


def test_configured_day_and_short_months(settings):
    settings.PINGAN_SAFETY_DAY = 31
    assert schedule.safety_day(date(2026, 2, 1)) == date(2026, 2, 28)
    settings.PINGAN_SAFETY_DAY = 10
    assert sweep(date(2026, 3, 10)) == "opened 2026-03"


def test_bad_settings_fail_loudly(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.PINGAN_SAFETY_DAY_HOLIDAY_SHIFT = "sometimes"
    with pytest.raises(ImproperlyConfigured):
        schedule.safety_day(date(2026, 3, 1))
    settings.PINGAN_SAFETY_DAY_HOLIDAY_SHIFT = "none"
    settings.PINGAN_SAFETY_DAY = 40
    with pytest.raises(ImproperlyConfigured):
        schedule.safety_day(date(2026, 3, 1))


def test_the_job_is_registered():
    from pingan.core import scheduler

    scheduler.autodiscover()
    assert "safety.open_campaign" in {job.name for job in scheduler.registered_jobs()}
