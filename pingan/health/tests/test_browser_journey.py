"""In Chromium: a new resident registers on a phone, declares a fever and turns yellow, reads
why, appeals; an officer upholds the appeal and the phone shows green again."""

import pytest

from pingan.health.models import Appeal, HealthStatus
from pingan.health.tests.factories import id_number
from pingan.people.testing import last_phone_code
from pingan.places import demo as places_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = "13957308240"


def _login(page, username):
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pingan-demo")
    page.click("[data-testid=login-submit]")
    page.wait_for_selector("[data-testid=home-hero]")


def test_register_declare_appeal_and_green_again(page, phone_page, demo_city):
    phone = phone_page
    phone.goto("/health/register/")
    phone.fill("[data-testid=name]", "马小军")
    phone.fill("[data-testid=id_number]", id_number(240))
    phone.select_option("[data-testid=kind]", "migrant")
    phone.fill("[data-testid=phone]", PHONE)
    phone.click("[data-testid=send-code]")
    phone.wait_for_selector("[data-testid=code-sent]")
    phone.fill("[data-testid=code]", last_phone_code(PHONE))
    phone.select_option("[data-testid=residence]", str(places_demo.compound().pk))
    phone.fill("[data-testid=room]", "6幢1单元202")
    phone.select_option("[data-testid=employer]", str(places_demo.factory().pk))
    phone.fill("[data-testid=password]", "Tongxiang-2026!")
    phone.click("[data-testid=register-submit]")
    phone.wait_for_selector("[data-testid=health-status][data-colour=green]")
    assert phone.get_attribute("[data-testid=show-code]", "href") == "/passes/my/"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    phone.click("[data-testid=go-declare]")
    phone.fill("[data-testid=temperature]", "38.1")
    phone.check("[data-testid=symptom-fever]")
    phone.check("[data-testid=promise]")
    phone.click("[data-testid=declare-submit]")
    phone.wait_for_selector("[data-testid=health-status][data-colour=yellow]")
    assert "37.3" in phone.inner_text("[data-testid=health-reason]")

    phone.click("[data-testid=go-appeal]")
    phone.fill("[data-testid=appeal-text]", "昨天是运动后测的体温，今天复测 36.6℃")
    phone.click("[data-testid=appeal-submit]")
    phone.wait_for_selector("[data-testid=appeal][data-status=submitted]")

    _login(page, "health_officer")
    page.goto("/health/officer/")
    page.click("[data-testid=open-appeals] [data-testid=appeal] a")
    page.check("[data-testid=appeal-uphold]")
    page.fill("[data-testid=appeal-answer]", "经电话核实，复测体温正常")
    page.click("[data-testid=appeal-decide]")
    page.wait_for_selector("[data-testid=health-status][data-colour=green]")

    phone.reload()
    phone.wait_for_selector("[data-testid=health-status][data-colour=green]")
    phone.wait_for_selector("[data-testid=appeal][data-status=upheld]")
    assert Appeal.objects.get().status == "upheld"
    assert HealthStatus.objects.get(person__user__isnull=False, seq=3).colour == "green"
