"""In Chromium: 屠甸镇's safety officer opens this month's campaign from the home page, reports
the 26 March activity with its tallies and a photo, and sees it in the town's roll-up."""

import pytest

from pingan.safety.tests.factories import PNG, march_campaign

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, username: str) -> None:
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pingan-demo")
    page.click("[data-testid=login-submit]")
    page.wait_for_selector("[data-testid=home-hero]")


def test_town_officer_reports_and_sees_rollup(page, demo_city, tmp_path):
    import time_machine

    campaign = march_campaign()
    photo = tmp_path / "site.png"
    photo.write_bytes(PNG)
    # The live server reads the clock too: 27 March 2026, the day after the Safety Day.
    with time_machine.travel("2026-03-27 10:00 +0800", tick=True):
        login(page, "tudian_officer")
        page.click("[data-entry='safety.campaigns']")
        page.click(f"a[href='/safety/campaigns/{campaign.pk}/']")
        page.click("[data-testid=report-link]")
        # The town is preselected for its own staff.
        assert page.locator("#id_region option:checked").inner_text() == "屠甸镇（330483103）"
        page.select_option("#id_kind", "talk")
        page.fill("#id_held_on", "2026-03-26")
        page.fill("#id_place", "屠甸镇文化广场及各村（社区）")
        for name in ("屠甸矛调中心", "屠甸派出所", "桐乡市消防救援大队", "屠甸司法所"):
            page.get_by_label(name, exact=True).check()
        page.fill("#id_other_units", "各村（社区）")
        page.fill("#id_banners", "-3")
        page.fill("#id_questionnaires", "8626")
        page.click("[data-testid=submit]")
        assert "不能为负数" in page.inner_text("[data-error-for=banners]")
        page.fill("#id_banners", "185")
        page.fill("#id_screens", "33")
        page.fill("#id_sms_sent", "23705")
        page.set_input_files("#id_photos", str(photo))
        page.click("[data-testid=submit]")
        page.wait_for_selector("[data-testid=activity-title]")
        assert "问卷 8626 份，横幅 185 条，电子屏 33 块，短信 23705 条" in page.inner_text(
            "[data-testid=tallies]"
        )
        page.click(f"a[href='/safety/campaigns/{campaign.pk}/']")
        row = page.locator("[data-testid=rollup] tr[data-town='330483103']")
        assert row.locator("[data-col=questionnaires]").inner_text() == "8626"
        assert row.locator("[data-col=banners]").inner_text() == "185"
        assert row.locator("[data-col=screens]").inner_text() == "33"
        assert row.locator("[data-col=sms_sent]").inner_text() == "23705"
        total = page.locator("[data-testid=rollup] tr[data-town='total']")
        assert total.locator("[data-col=questionnaires]").inner_text() == "8626"
        # Only its own town is listed.
        assert page.locator("[data-testid=rollup] tbody tr").count() == 1
        page.screenshot(path="/tmp/pa_safety_rollup.png", full_page=True)
