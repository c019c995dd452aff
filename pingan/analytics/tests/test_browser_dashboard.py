"""The leader's journey: the city dashboard, a drill into a town, an Excel export."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pingan.analytics.rollup import rollup_recent
from pingan.cases.tests.factories import new_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, username: str) -> None:
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pingan-demo")
    page.click("[data-testid=login-submit]")
    page.wait_for_selector("[data-testid=home-hero]")


def test_leader_drills_into_a_town_and_exports_excel(page, city):
    for region in ("330483001011", "330483001012", "330483103001"):
        new_case(region=region)
    rollup_recent()
    login(page, "city_leader")
    page.click("[data-entry='analytics.dashboard']")
    page.get_by_test_id("kpis").wait_for()
    received = page.locator("[data-indicator='cases.received'] [data-testid=value]")
    assert received.inner_text().startswith("3")
    page.locator("[data-region='330483001'] a").click()
    page.wait_for_url("**region=330483001**")
    assert "梧桐街道" in page.get_by_test_id("crumbs").inner_text()
    assert received.inner_text().startswith("2")
    rows = page.get_by_test_id("regions").locator("tbody tr")
    assert rows.count() >= 14  # the town's villages and communities
    with page.expect_download() as download:
        page.get_by_test_id("export-regions").click()
    # (The download is saved without a file extension, which openpyxl would refuse as a path.)
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    assert "梧桐街道" in sheet["A1"].value
    values = {row[0]: row[1] for row in sheet.iter_rows(min_row=3, values_only=True) if row[0]}
    assert sum(v for v in values.values() if isinstance(v, int)) == 2
    # The charts were drawn from the embedded figures (no script errors, canvases present).
    assert page.locator("#chart-trend canvas").count() == 1
