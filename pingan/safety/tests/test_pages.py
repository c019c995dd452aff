"""The Safety Day pages: the list with the town's unread notice, the campaign page with its
roll-up (bounded queries), the report form (bad input keeps what was typed), scoping."""

from datetime import date

import pytest

from pingan.safety.models import Activity
from pingan.safety.tests.factories import at, march_campaign, png, report, user

pytestmark = pytest.mark.usefixtures("demo_city")


@pytest.fixture
def campaign():
    return march_campaign()


@pytest.fixture
def browse(client):
    def _as(username):
        client.force_login(user(username))
        return client

    return _as


def test_home_tile_for_town_staff_not_clerks(browse):
    assert 'data-entry="safety.campaigns"' in browse("tudian_officer").get("/").content.decode()
    assert 'data-entry="safety.campaigns"' not in browse("wutong_clerk").get("/").content.decode()


def test_list_shows_unread_notice(browse, campaign):
    html = browse("tudian_leader").get("/safety/").content.decode()
    assert 'data-testid="unread-notices"' in html and "2026年3月平安桐乡日" in html


def test_campaign_page_queries_are_bounded(browse, campaign, django_assert_max_num_queries):
    for n in range(5):
        report(campaign, place=f"地点{n}", code="330483103001")
    client = browse("city_leader")
    with django_assert_max_num_queries(25):
        response = client.get(f"/safety/campaigns/{campaign.pk}/")
    assert response.status_code == 200
    assert response.content.decode().count('data-town="330483103"') == 1


def test_clerk_gets_404(browse, campaign):
    assert browse("wutong_clerk").get(f"/safety/campaigns/{campaign.pk}/").status_code == 404


def test_other_towns_activity_is_404(browse, campaign):
    activity = report(campaign)
    assert browse("wutong_grid").get(f"/safety/activities/{activity.pk}/").status_code == 404
    assert browse("tudian_leader").get(f"/safety/activities/{activity.pk}/").status_code == 200


def form(**change):
    data = {
        "region": "",
        "kind": "talk",
        "held_on": "2026-03-26",
        "place": "屠甸镇文化广场",
        "people_reached": "120",
        "questionnaires": "8626",
        "banners": "185",
        "screens": "33",
        "sms_sent": "23705",
    }
    data.update(change)
    return data


def submit(client, campaign, data):
    with at(date(2026, 3, 27)):
        return client.post(f"/safety/campaigns/{campaign.pk}/report/", data)


def test_report_through_the_form(browse, campaign):
    from pingan.org.models import Region

    client = browse("tudian_officer")
    region = Region.objects.get(code="330483103").pk
    data = form(region=region, photos=[png()])
    response = submit(client, campaign, data)
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert (activity.questionnaires, activity.photos.count()) == (8626, 1)
    with at(date(2026, 3, 27)):  # the session was saved on that day
        page = client.get(response["Location"]).content.decode()
    assert "问卷 8626 份" in page and "短信 23705 条" in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"banners": "-1"}, "不能为负数"),
        ({"held_on": "2026-04-03"}, "活动日期须在本期活动期间"),
        ({"place": ""}, "请填写活动地点"),
    ],
)
def test_form_bad_input_changes_nothing(browse, campaign, change, message):
    from pingan.org.models import Region

    client = browse("tudian_officer")
    data = form(region=Region.objects.get(code="330483103").pk, **change)
    response = submit(client, campaign, data)
    assert response.status_code == 422
    html = response.content.decode()
    assert message in html and 'value="8626"' in html
    assert not Activity.objects.exists()


def test_form_bad_file(browse, campaign):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pingan.org.models import Region

    client = browse("tudian_officer")
    fake = SimpleUploadedFile("virus.png", b"MZ\x90\x00", content_type="image/png")
    data = form(region=Region.objects.get(code="330483103").pk, photos=[fake])
    response = submit(client, campaign, data)
    assert response.status_code == 422
    assert "不是 JPEG、PNG 或 WebP 图片" in response.content.decode()
    assert not Activity.objects.exists()


def test_form_offers_only_own_regions(browse, campaign):
    html = browse("tudian_officer").get(f"/safety/campaigns/{campaign.pk}/report/").content
    html = html.decode()
    assert "屠甸镇（330483103）" in html and "梧桐街道" not in html
