"""The Safety Day API: campaigns with their roll-up, activities; errors as {code, message}
and nothing written."""

import pytest

from pingan.safety.models import Activity
from pingan.safety.tests.factories import at, march_campaign, report, user

pytestmark = pytest.mark.usefixtures("demo_city")

BODY = {
    "region": "330483103",
    "kind": "talk",
    "held_on": "2026-03-26",
    "place": "屠甸镇文化广场",
    "departments": ["tudian-mtzx", "tudian-pcs", "xiaofang", "tudian-sfs"],
    "other_units": "各村（社区）",
    "questionnaires": 8626,
    "banners": 185,
    "screens": 33,
    "sms_sent": 23705,
}


@pytest.fixture
def campaign():
    return march_campaign()


@pytest.fixture
def api(client):
    def _as(username):
        client.force_login(user(username))
        return client

    return _as


def post(client, campaign, body):
    from datetime import date

    with at(date(2026, 3, 27)):
        return client.post(
            f"/api/v1/safety/campaigns/{campaign.pk}/activities",
            body,
            content_type="application/json",
        )


def test_list_and_detail_with_rollup(api, campaign):
    report(campaign)
    client = api("city_leader")
    [row] = client.get("/api/v1/safety/campaigns").json()
    assert row["month"] == "2026-03" and row["day"] == "2026-03-26"
    detail = client.get(f"/api/v1/safety/campaigns/{campaign.pk}").json()
    tudian = next(t for t in detail["towns"] if t["region"] == "330483103")
    assert tudian["questionnaires"] == 8626 and tudian["by_kind"]["talk"] == 1
    assert detail["total"]["sms_sent"] == 23705 and detail["total"]["region"] is None


def test_town_detail_is_its_own(api, campaign):
    report(campaign)
    detail = api("wutong_grid").get(f"/api/v1/safety/campaigns/{campaign.pk}").json()
    assert detail["total"]["questionnaires"] == 0


def test_create_activity(api, campaign):
    response = post(api("tudian_officer"), campaign, BODY)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["town"] == "330483103" and body["sms_sent"] == 23705
    assert sorted(body["departments"]) == sorted(BODY["departments"])
    listed = api("tudian_officer").get(f"/api/v1/safety/campaigns/{campaign.pk}/activities")
    assert [a["id"] for a in listed.json()] == [body["id"]]


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"banners": -5}, 422, "negative_tally"),
        ({"held_on": "2026-04-02"}, 422, "date_outside_campaign"),
        ({"held_on": "26/03/2026"}, 422, "invalid_request"),
        ({"questionnaires": "many"}, 422, "invalid_request"),
        ({"departments": ["nope"]}, 422, "invalid_department"),
        ({"departments": ["gaoqiao-pcs"]}, 422, "invalid_department"),
        ({"region": "330483004"}, 404, "not_found"),
        ({"region": "999"}, 404, "not_found"),
        ({"kind": "party"}, 422, "invalid_kind"),
    ],
)
def test_bad_input(api, campaign, change, status, code):
    response = post(api("tudian_officer"), campaign, {**BODY, **change})
    assert response.status_code == status
    body = response.json()
    assert body["code"] == code and body["message"]
    assert not Activity.objects.exists()


def test_unknown_campaign_and_no_role(api, campaign):
    assert api("tudian_officer").get("/api/v1/safety/campaigns/999999").status_code == 404
    response = api("wutong_clerk").get(f"/api/v1/safety/campaigns/{campaign.pk}")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
