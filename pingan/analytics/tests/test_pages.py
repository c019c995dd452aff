"""The analytics pages and API: who may open them, what each shows, the exports, bad input."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from pingan.analytics.rollup import rollup_recent
from pingan.analytics.tests.workbooks import xlsx
from pingan.cases.tests.factories import new_case


@pytest.fixture
def figures(city):
    for region in ("330483001011", "330483001011", "330483103001"):
        new_case(region=region)
    rollup_recent()


def _login(client, user, username):
    client.force_login(user(username))
    return client


def test_dashboard_of_the_city(client, user, figures, django_assert_max_num_queries):
    _login(client, user, "city_leader")
    with django_assert_max_num_queries(25):
        page = client.get("/analytics/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "桐乡市" in html and "按时签收率" in html and "统计期内签收的工单中" in html
    assert 'data-region="330483001"' in html and 'data-region="330483103"' in html
    assert 'id="analytics-charts"' in html


def test_town_leader_sees_only_their_town(client, user, figures):
    _login(client, user, "wutong_leader")
    page = client.get("/analytics/")
    html = page.content.decode()
    assert page.status_code == 200 and "梧桐街道" in html
    assert 'data-region="330483103' not in html  # no 屠甸镇 rows
    assert client.get("/analytics/?region=330483103").status_code == 404
    assert client.get("/analytics/?region=330483").status_code == 404
    assert client.get("/analytics/screen/data/?region=330483103").status_code == 404
    data = client.get("/analytics/screen/data/").json()
    received = next(k for k in data["kpis"] if k["key"] == "cases.received")
    assert data["region"] == "梧桐街道" and received["value"] == 2


@pytest.mark.parametrize("username", ["hotline", "wutong_clerk", "tudian_inspector"])
def test_staff_without_a_leader_post_cannot_open_it(client, user, username):
    _login(client, user, username)
    assert client.get("/analytics/").status_code == 404
    assert client.get("/analytics/imports/").status_code == 404


def test_anonymous_is_sent_to_login(client, city):
    assert client.get("/analytics/").status_code == 302


@pytest.mark.parametrize(
    "table", ["indicators", "regions", "channels", "kinds", "categories", "trend"]
)
def test_every_table_exports_to_excel(client, user, figures, table):
    _login(client, user, "city_leader")
    response = client.get(f"/analytics/export/{table}.xlsx?region=330483")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert "桐乡市" in sheet["A1"].value
    assert sheet.max_row >= 3


def test_exported_indicators_match_the_page(client, user, figures):
    _login(client, user, "city_leader")
    response = client.get("/analytics/export/indicators.xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    received = next(row for row in rows if row[1] == "受理工单")
    assert received[2] == 3


def test_bad_period_is_a_clear_message(client, user, city):
    _login(client, user, "city_leader")
    page = client.get("/analytics/?period=2026-13")
    assert page.status_code == 400
    assert "统计期间格式不正确" in page.content.decode()
    assert client.get("/analytics/export/nothing.xlsx").status_code == 404
    assert client.get("/analytics/annual/?year=2026-03").status_code == 400


def test_screen_shows_the_prevention_side_too(client, user, figures):
    """The big screen's second panel: hazards, outreach, the 三率, scans and imported figures,
    computed like the dashboard's (a criminal-case figure imported for this month shows)."""
    from pingan.analytics.importer import external_import
    from pingan.analytics.views.screen import PREVENTION_KPIS

    leader = user("city_leader")
    month = datetime.date.today().strftime("%Y-%m")
    external_import(
        content=xlsx([["330483001", "", month, 7, 0, 0], ["330483103", "", month, 5, 0, 0]]),
        file_name="figures.xlsx",
        actor=leader,
    )
    rollup_recent()
    _login(client, user, "city_leader")
    data = client.get("/analytics/screen/data/").json()
    assert [k["key"] for k in data["prevention"]] == PREVENTION_KPIS
    criminal = next(k for k in data["prevention"] if k["key"] == "external.criminal")
    assert criminal["label"] == "刑事发案" and criminal["value"] == 12
    page = client.get("/analytics/screen/").content.decode()
    assert 'data-kpis="prevention"' in page and "隐患排查与平安宣传" in page


def test_screen_and_annual_report(client, user, figures):
    _login(client, user, "city_leader")
    screen = client.get("/analytics/screen/")
    assert screen.status_code == 200 and "pa-screen" in screen.content.decode()
    report = client.get(f"/analytics/annual/?year={datetime.date.today().year}")
    assert report.status_code == 200
    assert "受理工单3件" in report.content.decode()


def test_import_page_reports_bad_rows_and_imports_good_files(client, user, city):
    _login(client, user, "city_leader")
    bad = io.BytesIO(xlsx([["330483001", "", "2026-01", -1, 0, 0]]))
    bad.name = "bad.xlsx"
    page = client.post("/analytics/imports/", {"file": bad})
    assert page.status_code == 400
    assert "不能为负数" in page.content.decode()
    good = io.BytesIO(xlsx([["330483001", "", "2026-01", 7, 0, 0]]))
    good.name = "good.xlsx"
    assert client.post("/analytics/imports/", {"file": good}).status_code == 302
    listing = client.get("/analytics/imports/?region=330483001&period=2026-01").content.decode()
    assert "good.xlsx" in listing and "刑事发案" in listing
    template = client.get("/analytics/imports/template.xlsx")
    assert template.status_code == 200 and template.content[:2] == b"PK"


def test_api_kpis(client, user, figures):
    from pingan.org.services import token_issue

    token = token_issue(user=user("wutong_leader"), name="test")[1]
    headers = {"Authorization": f"Bearer {token}"}
    answer = client.get("/api/v1/analytics/kpis", headers=headers).json()
    assert answer["region"] == "330483001"
    received = next(f for f in answer["figures"] if f["key"] == "cases.received")
    assert received["value"] == 2 and received["records"].startswith("/cases/")
    refused = client.get("/api/v1/analytics/kpis?region=330483103", headers=headers)
    assert refused.status_code == 404 and refused.json()["code"] == "not_found"
    bad = client.get("/api/v1/analytics/kpis?period=13", headers=headers)
    assert bad.status_code == 400 and bad.json()["code"] == "invalid_period"
