"""An inspector of 屠甸镇 (tudian_inspector) in the browser: from the workbench to the place
register, inspects the hardware factory against its checklist, records a hazard with a photo
for the failed item, orders its rectification by a deadline, records the re-inspection request,
re-inspects and closes it (销号). The timeline on the hazard page shows every step."""

import os

import pytest
from playwright.sync_api import expect

from pingan.hazards.models import Hazard
from pingan.hazards.tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Set PINGAN_SHOTS=/some/dir to keep screenshots of each step for a look.
SHOTS = os.environ.get("PINGAN_SHOTS", "")


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_inspector_records_orders_reinspects_and_closes(page, demo_city, tmp_path):
    photo = tmp_path / "exit.png"
    photo.write_bytes(f.PNG)

    page.goto("/login/")
    page.fill("#id_username", "tudian_inspector")
    page.fill("#id_password", "pingan-demo")
    page.click("[data-testid=login-submit]")
    page.wait_for_selector("[data-testid=home-hero]")
    page.get_by_role("link", name="场所登记与检查").first.click()

    page.get_by_test_id("place-row").filter(has_text=f.FACTORY_TUDIAN).get_by_role("link").click()
    expect(page.get_by_test_id("place-name")).to_have_text(f.FACTORY_TUDIAN)
    page.get_by_test_id("start-inspection").click()

    items = page.get_by_test_id("item")
    expect(items.first).to_be_visible()
    assert items.count() >= 5
    items.first.locator("input[value=fail]").check()
    items.first.locator("input[type=text], input:not([type])").first.fill("北侧出口被货物堵死")
    _shot(page, "1-inspection")
    page.get_by_test_id("save-inspection").click()
    expect(page.locator(".alert-success")).to_contain_text("已保存检查记录")

    form = page.get_by_test_id("hazard-form")
    form.locator("[name=title]").fill("车间北侧安全出口堵塞")
    form.locator("[name=description]").fill("成品货物堆放至安全出口，出口门被铁链锁闭")
    form.locator("[name=grade]").select_option("general")
    form.locator("[name=checklist_result]").select_option(index=1)
    form.locator("[name=photos]").set_input_files(str(photo))
    form.get_by_test_id("record-hazard").click()
    expect(page.locator(".alert-success")).to_contain_text("已登记隐患")
    expect(page.get_by_test_id("status")).to_have_text("待处置")

    order = page.get_by_test_id("form-order")
    order.locator("[name=due_on]").fill(f.in_days(-1).isoformat())
    order.locator("[name=requirements]").fill("清理出口货物，拆除铁链")
    order.get_by_test_id("do-order").click()
    expect(page.locator(".alert-danger")).to_contain_text("已经过去")
    expect(page.get_by_test_id("status")).to_have_text("待处置")

    order = page.get_by_test_id("form-order")
    order.locator("[name=grade]").select_option("general")
    order.locator("[name=due_on]").fill(f.in_days(7).isoformat())
    order.locator("[name=requirements]").fill("清理出口货物，拆除铁链")
    order.get_by_test_id("do-order").click()
    expect(page.locator(".alert-success")).to_contain_text("已下达整改通知")
    expect(page.get_by_test_id("status")).to_have_text("整改中")
    expect(page.get_by_test_id("due")).to_contain_text(f.in_days(7).isoformat())
    _shot(page, "2-rectifying")

    review = page.get_by_test_id("form-request_review")
    review.locator("[name=note]").fill("企业报告货物已清理，出口门已改为推杠门")
    review.get_by_test_id("do-request_review").click()
    expect(page.get_by_test_id("status")).to_have_text("待复查")

    passed = page.get_by_test_id("form-pass")
    passed.locator("[name=note]").fill("现场复查：出口畅通")
    passed.locator("[name=photos]").set_input_files(str(photo))
    passed.get_by_test_id("do-pass").click()
    expect(page.get_by_test_id("status")).to_have_text("复查合格")

    page.get_by_test_id("do-close").click()
    expect(page.locator(".alert-success")).to_contain_text("已销号")
    expect(page.get_by_test_id("status")).to_have_text("已销号")
    timeline = page.get_by_test_id("timeline")
    for step in ("发现登记", "下达整改", "申请复查", "复查合格", "销号"):
        expect(timeline).to_contain_text(step)
    expect(page.get_by_test_id("photos").locator("img")).to_have_count(2)
    _shot(page, "3-closed")

    hazard = Hazard.objects.get()
    assert hazard.status == "closed" and hazard.inspection.place.name == f.FACTORY_TUDIAN
    assert hazard.checklist_result.result == "fail"
    assert list(hazard.events.values_list("kind", flat=True)) == [
        "create",
        "order",
        "request_review",
        "pass",
        "close",
    ]
