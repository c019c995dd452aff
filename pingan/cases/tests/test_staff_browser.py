"""In Chromium: the hotline operator logs a call and sees the caller's history appear while
typing the number; a handler signs for and answers a dispatched case; the leader sees an overdue
case in red."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from pingan.cases import clock, services
from pingan.cases.models import Case
from pingan.cases.tests.factories import act, new_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CALLER = "13957309301"


@pytest.fixture
def city():
    from pingan.cases.demo import seed_categories
    from pingan.org import demo

    # The database cache outlives a transactional test's flush: start without old counters.
    cache.clear()
    demo.seed()
    seed_categories()


def login(page, username: str) -> None:
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pingan-demo")
    page.click("[data-testid=login-submit]")
    page.wait_for_selector("[data-testid=home-hero]")


def test_hotline_logs_a_call_and_sees_the_callers_history(page, city):
    earlier = new_case(
        kind="complaint",
        category="city.noise",
        region="330483001015",
        description="庆丰社区南侧工地夜间施工噪音扰民",
        reporter_phone=CALLER,
    )
    login(page, "hotline")
    page.click("[data-entry='cases.intake']")
    page.locator("#id_reporter_phone").press_sequentially(CALLER[:7])
    page.get_by_text("请输入完整的 11 位手机号码").wait_for()
    page.locator("#id_reporter_phone").press_sequentially(CALLER[7:])
    history = page.get_by_test_id("history-list")
    history.wait_for()
    assert earlier.number in history.inner_text()

    page.select_option("#id_kind", "complaint")
    page.select_option("#id_category", "city.noise")
    page.select_option("#id_region", "330483001015")
    page.fill("#id_description", "庆丰社区南侧工地昨晚又施工到凌晨一点，噪音扰民")
    # The duplicate search and the suggested department follow what is typed.
    page.locator(f"[data-duplicate='{earlier.number}']").wait_for()
    page.get_by_test_id("suggestions").get_by_text("梧桐街道办事处").wait_for()
    page.check("#id_urgent")
    page.click("[data-testid=intake-submit]")

    number = page.get_by_test_id("case-number").inner_text().strip()
    case = Case.objects.get(number=number)
    assert (case.channel, case.status, case.urgent) == ("hotline", "accepted", True)
    assert case.reporter_phone == CALLER
    assert page.locator("[data-testid=status][data-status=accepted]").count() == 1
    assert "已登记" in page.locator("#page-alerts").inner_text()


def test_handler_signs_for_and_answers_a_dispatched_case(page, city):
    case = new_case(description="小区地下车库积水严重，物业不处理", reporter_phone=CALLER)
    case = act("dispatch", case, "city_dispatcher", department="wutong-office")
    login(page, "wutong_handler")
    page.click("[data-entry='cases.queue']")
    page.locator(f"tr[data-case='{case.number}'] a.pa-title").click()

    page.click("[data-action=sign]")
    page.locator("[data-testid=action-form][data-action=sign]").wait_for()
    page.click("[data-testid=submit-action]")
    page.locator("[data-testid=status][data-status=signed]").wait_for()
    assert "已「签收」" in page.get_by_test_id("done").inner_text()

    page.click("[data-action=answer]")
    form = page.locator("[data-testid=action-form][data-action=answer]")
    form.wait_for()
    # An empty answer is refused with the service's message, and nothing changes.
    page.click("[data-testid=submit-action]")
    page.locator("#page-alerts").get_by_text("请填写答复内容").wait_for()
    assert Case.objects.get(pk=case.pk).status == "signed"
    form.locator("textarea[name=answer]").fill("已约谈物业公司，当天抽水完毕并疏通排水沟。")
    page.click("[data-testid=submit-action]")
    page.locator("[data-testid=status][data-status=answered]").wait_for()
    assert "已约谈物业公司" in page.get_by_test_id("answer").inner_text()
    assert [e.kind for e in Case.objects.get(pk=case.pk).events.order_by("at", "id")][-2:] == [
        "sign",
        "answer",
    ]


def test_leader_sees_an_overdue_case_in_red(page, city):
    with clock.replaying_at(timezone.now() - timedelta(days=40)):
        case = new_case(description="工地每天夜间十一点后仍在施工", reporter_phone=CALLER)
        case = act("dispatch", case, "city_dispatcher", department="wutong-office")
        act("sign", case, "wutong_handler")
    services.sweep_deadlines()
    login(page, "city_leader")
    page.click("[data-entry='cases.supervise']")
    row = page.locator(f"tr[data-case='{case.number}']")
    row.wait_for()
    assert "pa-row-overdue" in row.get_attribute("class")
    assert row.locator("[data-light=red]").count() == 1
    assert row.get_by_test_id("overdue-badge").inner_text() == "已逾期"
    # The row is tinted red, and the light is red.
    tint = row.locator("td").first.evaluate("td => getComputedStyle(td).backgroundColor")
    dot = row.locator(".pa-light").evaluate("d => getComputedStyle(d).backgroundColor")
    assert tint == "rgb(255, 241, 242)" and dot == "rgb(200, 16, 46)"

    row.locator("a.pa-title").click()
    header = page.get_by_test_id("case-header")
    # count() does not wait: the click commits the new URL before the case page is drawn.
    header.wait_for()
    assert header.locator("[data-light=red]").count() == 1
    assert "已超期" in header.inner_text()
    page.click("[data-action=supervise]")
    page.locator("[data-testid=action-form][data-action=supervise]").wait_for()
    page.check("input[name=level][value=red]")
    page.click("[data-testid=submit-action]")
    page.get_by_test_id("supervision").wait_for()
    assert Case.objects.get(pk=case.pk).supervision_level == "red"
