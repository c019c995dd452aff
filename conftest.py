"""Test-wide setup: plain HTTP, fast password hashing, personas, and a Chromium page."""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by the test
# itself are still synchronous and single-threaded, so Django's guard does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _plain_http_and_fast_hashing() -> None:
    """Tests speak plain HTTP to the test client and the live server, and hash passwords fast.

    pytest-django has loaded the settings before this file is imported, and the live server's
    middleware reads them once when it starts, so they are changed here, for the whole session.
    """
    from django.conf import settings

    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.LANGUAGE_COOKIE_SECURE = False
    settings.SECURE_HSTS_SECONDS = 0
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


_plain_http_and_fast_hashing()


@pytest.fixture(autouse=True)
def _sms_into_tmp(settings, tmp_path):
    """Messages a test sends go through the file gateway into the test's own directory."""
    settings.PINGAN_SMS_GATEWAY = "file"
    settings.PINGAN_SMS_FILE_PATH = tmp_path / "sms-outbox.jsonl"


@pytest.fixture(autouse=True)
def _media_into_tmp(settings, tmp_path):
    """Files a test uploads are stored in the test's own directory, never in var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def demo_city(db):
    """The demo city's regions, departments and accounts (password pingan-demo)."""
    from pingan.org import demo

    demo.seed()
    return demo


@pytest.fixture
def persona(demo_city):
    """persona("wutong_clerk") -> the demo user of that name."""
    from pingan.org.models import User

    return lambda username: User.objects.get(username=username)


@pytest.fixture
def login_client(client, persona):
    """login_client("wutong_clerk") -> a test client logged in as that persona."""

    def _login(username):
        client.force_login(persona(username))
        return client

    return _login


@pytest.fixture(scope="session")
def browser():
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium); browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="zh-CN", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    """A phone-sized screen (iPhone 12 viewport, touch)."""
    context = browser.new_context(
        locale="zh-CN",
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()
