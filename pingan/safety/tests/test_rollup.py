"""The roll-up: per town and for the city, sums of the activities' tallies; 屠甸镇's 26 March
figures come out exactly; a town sees only itself; the print page and the Excel file carry the
same numbers."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from pingan.safety import selectors
from pingan.safety.tests.factories import march_campaign, report, user

pytestmark = pytest.mark.usefixtures("demo_city")


@pytest.fixture
def campaign():
    return march_campaign()


def test_tudian_figures_of_26_march(campaign):
    report(campaign)
    rollup = selectors.rollup(campaign, user("city_leader"))
    tudian = next(r for r in rollup.towns if r.region.code == "330483103")
    assert (tudian.questionnaires, tudian.banners, tudian.screens, tudian.sms_sent) == (
        8626,
        185,
        33,
        23705,
    )
    assert tudian.activities == 1 and tudian.kinds["talk"] == 1
    assert (tudian.tasks_done, tudian.tasks_total) == (1, 4)
    assert rollup.total.questionnaires == 8626 and rollup.total.sms_sent == 23705


def test_sums_over_activities_and_towns(campaign):
    report(campaign)
    report(
        campaign,
        code="330483103002",
        kind="patrol",
        place="荣星村",
        tallies={"people_reached": 40, "questionnaires": 14, "banners": 5, "screens": 1},
    )
    report(
        campaign,
        actor="wutong_grid",
        code="330483001001",
        kind="patrol",
        place="桃园村",
        departments=[],
        tallies={"people_reached": 300, "questionnaires": 100, "sms_sent": 295},
    )
    rollup = selectors.rollup(campaign, user("admin"))
    rows = {r.region.code: r for r in rollup.towns}
    tudian, wutong = rows["330483103"], rows["330483001"]
    assert (tudian.activities, tudian.questionnaires, tudian.banners, tudian.screens) == (
        2,
        8640,
        190,
        34,
    )
    assert tudian.kinds == {"talk": 1, "training": 0, "patrol": 1, "rectification": 0}
    assert (tudian.tasks_done, tudian.people_reached) == (2, 40)
    assert (wutong.questionnaires, wutong.sms_sent, wutong.people_reached) == (100, 295, 300)
    total = rollup.total
    assert (total.activities, total.questionnaires, total.sms_sent) == (3, 8740, 24000)
    assert total.tasks_done == 3 and total.tasks_total == 48
    # Every town is listed for the city, with zeros where nothing was reported.
    assert len(rollup.towns) == 12 and rows["330483004"].activities == 0
    for name in selectors.TALLIES:
        assert getattr(total, name) == sum(getattr(r, name) for r in rollup.towns)


def test_town_sees_only_itself(campaign):
    report(campaign)
    report(campaign, actor="wutong_grid", code="330483001001", place="桃园村", departments=[])
    rollup = selectors.rollup(campaign, user("tudian_officer"))
    assert [r.region.code for r in rollup.towns] == ["330483103"]
    assert rollup.total.questionnaires == 8626
    other = selectors.rollup(campaign, user("gaoqiao_clerk"))
    assert other.towns == [] and other.total.activities == 0


def test_empty_campaign_rolls_up_to_zero(campaign):
    rollup = selectors.rollup(campaign, user("city_leader"))
    assert rollup.total.activities == 0 and rollup.total.questionnaires == 0


def test_excel_export(campaign, client):
    report(campaign)
    client.force_login(user("city_leader"))
    response = client.get(f"/safety/campaigns/{campaign.pk}/export.xlsx")
    assert response.status_code == 200
    assert "2026-03" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[2]
    tudian = next(r for r in rows if r[0] == "屠甸镇")
    total = rows[-1]
    col = {name: header.index(name) for name in ("发放问卷", "悬挂横幅", "电子屏", "发送短信")}
    assert [tudian[col[n]] for n in col] == [8626, 185, 33, 23705]
    assert total[0] == "合计" and total[col["发送短信"]] == 23705


def test_print_page(campaign, client):
    report(campaign)
    client.force_login(user("tudian_officer"))
    response = client.get(f"/safety/campaigns/{campaign.pk}/print/")
    html = response.content.decode()
    assert response.status_code == 200 and "@page" not in html  # CSS lives in a static file
    assert 'data-town="330483103"' in html and "8626" in html and "23705" in html
    assert "safety/print.css" in html


def test_activities_held_on_other_days_of_the_month_count(campaign):
    report(campaign, when=date(2026, 3, 3), place="三月初宣讲")
    assert selectors.rollup(campaign, user("admin")).total.activities == 1
