"""The petition bureau's journey in Chromium: register a collective petition with the pre-check,
then the receiving unit accepts it from the detail page and the chips show the new limit."""

import pytest
from django.core.cache import cache

from pingan.petitions.models import Petition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def city():
    from pingan.cases.demo import seed_categories
    from pingan.org import demo
    from pingan.org.demo import seed_accounts
    from pingan.petitions.demo import ACCOUNTS

    cache.clear()  # the database cache outlives a transactional test's flush
    demo.seed()
    seed_categories()
    seed_accounts(ACCOUNTS)


def _login(page, username):
    page.goto("/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pingan-demo")
    page.press("input[name=password]", "Enter")
    page.wait_for_url("**/")


def test_register_then_accept(page, city):
    errors = []  # a CSP violation or a script error shows up here
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    _login(page, "xinfang_officer")
    page.goto("/petitions/new/")
    for row, (name, phone) in enumerate([("张建国", "13957302090"), ("刘长海", "13957302091")]):
        page.fill(f"input[name=p-{row}-name]", name)
        page.fill(f"input[name=p-{row}-phone]", phone)
    page.select_option("#id_category", "labour.wages")
    page.select_option("#id_region", "330483001018")
    page.fill("#id_description", "金域兰庭项目工地拖欠40名工人工资")
    page.fill("#id_headcount", "40")
    page.get_by_test_id("petition-check").click()
    page.locator("[data-check=over-level]").wait_for()  # htmx swapped the pre-check in
    page.get_by_test_id("petition-submit").click()
    page.get_by_test_id("status").wait_for()
    petition = Petition.objects.get()
    assert page.url.endswith(f"/petitions/{petition.pk}/")
    assert page.locator("[data-flag=collective]").inner_text().strip() == "集体访 40人"

    page.locator("[data-action=route] select[name=unit]").select_option(label="梧桐街道办事处")
    page.locator("[data-action=route] button[type=submit]").click()
    page.get_by_text("已完成「转送/交办」").wait_for()

    page.context.clear_cookies()
    _login(page, "wutong_handler")
    page.goto(f"/petitions/{petition.pk}/")
    page.locator("[data-action=accept] button[type=submit]").click()
    page.get_by_text("已完成「受理并告知」").wait_for()
    assert page.get_by_test_id("status").get_attribute("data-status") == "handling"
    assert page.locator("[data-chip=handle][data-light=green]").count() == 1
    assert errors == []
