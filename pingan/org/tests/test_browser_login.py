"""In Chromium: log in, see the home page, switch the language, log out."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_home_language_logout(page, demo_city):
    page.goto("/")
    assert "/login/" in page.url
    page.fill("#id_username", "wutong_clerk")
    page.fill("#id_password", "wrong-password")
    page.click("[data-testid=login-submit]")
    assert "用户名或密码不正确" in page.inner_text("[data-testid=login-error]")

    page.fill("#id_username", "wutong_clerk")
    page.fill("#id_password", "pingan-demo")
    page.click("[data-testid=login-submit]")
    page.wait_for_selector("[data-testid=home-hero]")
    assert "梧桐街道" in page.inner_text("[data-testid=jurisdiction]")
    assert "我的辖区" in page.inner_text("[data-testid=entries]")

    page.click("[data-testid=lang-en]")
    page.wait_for_selector("html[lang=en]")
    assert "Workbench" in page.inner_text("nav")

    page.click("[data-testid=lang-zh-hans]")
    page.wait_for_selector("html[lang=zh-hans]")
    page.click("[data-testid=user-menu]")
    page.click("[data-testid=logout]")
    page.wait_for_url("**/login/")
    page.goto("/")
    assert "/login/" in page.url


def test_home_on_a_phone(phone_page, demo_city):
    page = phone_page
    page.goto("/login/")
    page.fill("#id_username", "demo_worker")
    page.fill("#id_password", "pingan-demo")
    page.click("[data-testid=login-submit]")
    page.wait_for_selector("[data-testid=home-hero]")
    # The page fits the phone: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
