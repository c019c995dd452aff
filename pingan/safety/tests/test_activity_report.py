"""Reporting an activity: it marks the town's task of its kind done and appears on the
timeline; bad input (negative tallies, a date outside the campaign, bad files, another town,
a closed campaign) is refused with a Chinese message and nothing is written."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pingan.core.errors import DomainError, NotFound
from pingan.safety import services
from pingan.safety.models import Activity, ActivityPhoto, CampaignEvent, Task
from pingan.safety.tests.factories import march_campaign, png, report, user

pytestmark = pytest.mark.usefixtures("demo_city")


@pytest.fixture
def campaign():
    return march_campaign()


def test_report_marks_task_done_and_keeps_photos(campaign, settings):
    activity = report(campaign, photos=[png("a.png"), png("b.png")])
    assert activity.town.code == "330483103" and activity.questionnaires == 8626
    assert {d.code for d in activity.departments.all()} == {"tudian-pcs", "xiaofang"}
    task = Task.objects.get(campaign=campaign, region__code="330483103", kind="talk")
    assert task.status == "done" and task.done_at is not None
    photos = list(activity.photos.all())
    assert [p.content_type for p in photos] == ["image/png", "image/png"]
    assert all(p.file.name.startswith("safety/2026-03/") for p in photos)
    event = CampaignEvent.objects.filter(action="report").get()
    assert event.region.code == "330483103" and "宣讲" in event.note


def test_village_activity_counts_for_its_town(campaign):
    activity = report(campaign, code="330483103001", place="屠甸村")
    assert activity.town.code == "330483103" and activity.region.code == "330483103001"


def refused(campaign, error, **kw):
    before = (
        Activity.objects.count(),
        ActivityPhoto.objects.count(),
        CampaignEvent.objects.count(),
    )
    with pytest.raises(DomainError) as info:
        report(campaign, **kw)
    assert info.value.code == error
    after = (Activity.objects.count(), ActivityPhoto.objects.count(), CampaignEvent.objects.count())
    assert before == after
    assert Task.objects.filter(campaign=campaign, status="done").count() == 0
    return str(info.value.message)


@pytest.mark.parametrize("field", ["questionnaires", "banners", "screens", "sms_sent"])
def test_negative_tally(campaign, field):
    message = refused(campaign, "negative_tally", tallies={field: -1})
    assert "不能为负数" in message


def test_non_integer_tally(campaign):
    assert "整数" in refused(campaign, "invalid_tally", tallies={"banners": "十"})
    refused(campaign, "tally_too_large", tallies={"sms_sent": 10_000_001})


def test_date_outside_campaign(campaign):
    message = refused(campaign, "date_outside_campaign", when=date(2026, 4, 1))
    assert "2026-03-01" in message and "2026-03-31" in message
    refused(campaign, "date_outside_campaign", when=date(2026, 2, 28))


def test_date_in_future(campaign):
    from pingan.safety.tests.factories import at, region

    with at(date(2026, 3, 20)), pytest.raises(DomainError) as info:
        services.activity_report(
            campaign=campaign,
            actor=user("tudian_officer"),
            region=region("330483103"),
            kind="talk",
            held_on=date(2026, 3, 26),
            place="x",
        )
    assert info.value.code == "date_in_future"


def test_bad_files(campaign):
    fake = SimpleUploadedFile("x.png", b"GIF89a....", content_type="image/png")
    assert "不是 JPEG、PNG 或 WebP" in refused(campaign, "invalid_photo_type", photos=[png(), fake])
    refused(
        campaign,
        "invalid_photo_type",
        photos=[SimpleUploadedFile("e.png", b"", content_type="image/png")],
    )
    big = SimpleUploadedFile("big.png", b"\x89PNG\r\n\x1a\n" + b"0" * (5 * 1024 * 1024))
    assert "超过 5 MB" in refused(campaign, "photo_too_large", photos=[big])
    refused(campaign, "too_many_photos", photos=[png() for _ in range(7)])


def test_missing_place_and_kind(campaign):
    refused(campaign, "place_required", place="  ")
    refused(campaign, "invalid_kind", kind="party")


def test_department_of_another_town(campaign):
    from pingan.org.models import Department

    refused(
        campaign,
        "invalid_department",
        departments=Department.objects.filter(code="gaoqiao-pcs"),
    )


def test_other_town_is_not_found(campaign):
    with pytest.raises(NotFound):
        report(campaign, code="330483004")
    with pytest.raises(NotFound):
        report(campaign, actor="wutong_grid", code="330483001002")
    # A clerk holds no post that reports Safety Day work.
    with pytest.raises(NotFound):
        report(campaign, actor="wutong_clerk", code="330483001")
    assert not Activity.objects.exists()


def test_city_level_is_not_a_town(campaign):
    refused(campaign, "town_required", actor="city_leader", code="330483")


def test_closed_campaign_refuses(campaign):
    services.campaign_close(campaign=campaign, actor=user("city_leader"))
    assert "已结束" in refused(campaign, "campaign_closed")
