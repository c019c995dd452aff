"""In Chromium: a migrant worker registers on a phone, declares, and shows the 桐健码; the
factory guard types it in and sees green; after health_officer asks for red and
health_officer2 approves, the same code is refused at the gate."""

import pytest

from pingan.health.tests.factories import id_number
from pingan.people.services import person_find
from pingan.people.testing import last_phone_code
from pingan.places import demo as places_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = "13957308550"
SHOTS = "/tmp/pa_passes_shots"


def _login(page, username):
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pingan-demo")
    page.click("[data-testid=login-submit]")
    page.wait_for_selector("[data-testid=home-hero]")


def _scan(page, payload):
    page.goto("/passes/scan/")
    page.fill("[data-testid=scan-input]", payload)
    page.press("[data-testid=scan-input]", "Enter")
    return page.wait_for_selector("[data-testid=scan-answer]")


def test_register_show_code_scan_green_then_refused_after_red(page, phone_page, city, user):
    from pingan.health.services import request_approve, status_change_manual

    phone = phone_page
    phone.goto("/health/register/")
    phone.fill("[data-testid=name]", "韦国强")
    phone.fill("[data-testid=id_number]", id_number(550))
    phone.select_option("[data-testid=kind]", "migrant")
    phone.fill("[data-testid=phone]", PHONE)
    phone.click("[data-testid=send-code]")
    phone.wait_for_selector("[data-testid=code-sent]")
    phone.fill("[data-testid=code]", last_phone_code(PHONE))
    phone.select_option("[data-testid=residence]", str(places_demo.compound().pk))
    phone.fill("[data-testid=room]", "8幢2单元301")
    phone.select_option("[data-testid=employer]", str(places_demo.factory().pk))
    phone.fill("[data-testid=password]", "Tongxiang-2026!")
    phone.click("[data-testid=register-submit]")
    phone.wait_for_selector("[data-testid=health-status]")

    phone.click("[data-testid=go-declare]")
    phone.fill("[data-testid=temperature]", "36.5")
    phone.check("[data-testid=promise]")
    phone.click("[data-testid=declare-submit]")
    phone.wait_for_selector("[data-testid=health-status][data-colour=green]")

    phone.click("[data-testid=show-code]")
    card = phone.wait_for_selector("[data-testid=code-health][data-status=green]")
    assert "韦*强" in card.inner_text() and "梧桐街道 金域兰庭" in card.inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot(path=f"{SHOTS}/holder.png", full_page=True)
    payload = phone.text_content("[data-testid=code-health] [data-testid=code-payload]").strip()
    assert payload.startswith("PA1:")

    _login(page, "guard_factory")
    answer = _scan(page, payload)
    assert answer.get_attribute("data-result") == "pass"
    assert "韦*强" in answer.inner_text()
    page.screenshot(path=f"{SHOTS}/guard-green.png")

    person = person_find(phone=PHONE)
    change = status_change_manual(
        person=person,
        colour="red",
        reason_code="officer_positive_test",
        note="核酸检测阳性",
        actor=user("health_officer"),
    )
    request_approve(request_id=change.request.pk, actor=user("health_officer2"))

    answer = _scan(page, payload)
    assert answer.get_attribute("data-result") == "deny"
    assert answer.get_attribute("data-reason") in ("superseded", "revoked")
    assert "码已更新" in answer.inner_text()
    page.screenshot(path=f"{SHOTS}/guard-red.png")

    phone.reload()
    phone.wait_for_selector("[data-testid=code-health][data-status=red]")
    assert phone.query_selector("[data-testid=travel-form]") is None  # red: no travel code
    phone.screenshot(path=f"{SHOTS}/holder-red.png", full_page=True)
