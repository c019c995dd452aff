"""Logging in: repeated failures lock the name at that address (django-axes), weak passwords are
refused wherever a password is chosen, and a session left unused for SESSION_COOKIE_AGE ends."""

import logging
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.utils import timezone

from pingan.core.models import AuditEntry
from pingan.org.demo import DEMO_PASSWORD
from pingan.org.models import User

WEAK = (
    "12345678",  # short, numeric, common
    "password",  # common
    "1234567890",  # long enough, but all digits
    "qwertyuiop",  # common
    "Ab1!",  # short
    "wutong_clerk1",  # too like the user's own name
)

# The user page's inline list of posts, sent empty.
NO_POSTS = {"posts-TOTAL_FORMS": "0", "posts-INITIAL_FORMS": "0"}


def login(client: Client, username: str, password: str):
    return client.post("/login/", {"username": username, "password": password})


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


# --- Throttling ---------------------------------------------------------------------------------
def test_failures_lock_the_name_at_that_address(demo_city, caplog):
    client = Client(REMOTE_ADDR="203.0.113.7")
    caplog.set_level(logging.INFO)
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = login(client, "wutong_clerk", f"wrong-{attempt}")
        assert response.status_code == 200 and not logged_in(client)
    locking = login(client, "wutong_clerk", "wrong-last")
    assert locking.status_code == 429
    # Locked: even the right password is refused, with the page that says why.
    locked = login(client, "wutong_clerk", DEMO_PASSWORD)
    assert locked.status_code == 429
    assert "登录失败次数过多" in locked.content.decode()
    assert not logged_in(client)
    # Every failure is in the audit log by name only; no password is kept or logged anywhere.
    failures = AuditEntry.objects.filter(action="login_failed")
    assert failures.count() >= settings.AXES_FAILURE_LIMIT
    for entry in failures:
        assert "wrong-" not in str(entry.__dict__)
    assert "wrong-" not in caplog.text and DEMO_PASSWORD not in caplog.text


def test_the_lock_is_for_that_name_and_address_only(demo_city):
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        login(attacker, "wutong_clerk", f"wrong-{attempt}")
    assert login(attacker, "wutong_clerk", DEMO_PASSWORD).status_code == 429
    # The clerk at the office is not locked out by someone guessing elsewhere.
    office = Client(REMOTE_ADDR="198.51.100.20")
    assert login(office, "wutong_clerk", DEMO_PASSWORD).status_code == 302
    assert logged_in(office)
    # Another account from the attacker's address still answers normally.
    other = Client(REMOTE_ADDR="203.0.113.7")
    assert login(other, "gaoqiao_clerk", DEMO_PASSWORD).status_code == 302


def test_the_lock_ends_after_the_cool_off(demo_city):
    cool_off = timedelta(hours=settings.AXES_COOLOFF_TIME)
    assert cool_off == timedelta(minutes=15)
    waits, guesses = Client(REMOTE_ADDR="203.0.113.7"), Client(REMOTE_ADDR="203.0.113.8")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for client, username in ((waits, "wutong_clerk"), (guesses, "gaoqiao_clerk")):
            for attempt in range(settings.AXES_FAILURE_LIMIT):
                login(client, username, f"wrong-{attempt}")
            assert login(client, username, DEMO_PASSWORD).status_code == 429
    # Trying again during the lock starts the cool-off over: guessing on cannot outwait it.
    with time_machine.travel(start + cool_off - timedelta(minutes=1), tick=False):
        assert login(guesses, "gaoqiao_clerk", DEMO_PASSWORD).status_code == 429
    later = start + cool_off + timedelta(minutes=1)
    with time_machine.travel(later, tick=False):
        assert login(waits, "wutong_clerk", DEMO_PASSWORD).status_code == 302
        assert logged_in(waits)
        assert login(guesses, "gaoqiao_clerk", DEMO_PASSWORD).status_code == 429
    with time_machine.travel(later + cool_off + timedelta(minutes=1), tick=False):
        assert login(guesses, "gaoqiao_clerk", DEMO_PASSWORD).status_code == 302


def test_a_success_resets_the_count(demo_city):
    client = Client(REMOTE_ADDR="203.0.113.7")
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "wutong_clerk", f"wrong-{attempt}")
    assert login(client, "wutong_clerk", DEMO_PASSWORD).status_code == 302
    client.logout()
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "wutong_clerk", f"again-{attempt}").status_code == 200
    assert login(client, "wutong_clerk", DEMO_PASSWORD).status_code == 302


# --- Password policy ----------------------------------------------------------------------------
@pytest.mark.parametrize("password", WEAK)
def test_weak_passwords_are_refused_when_an_admin_creates_an_account(demo_city, password):
    client = Client()
    client.force_login(User.objects.get(username="admin"))
    response = client.post(
        "/admin/org/user/add/",
        {
            "username": "wutong_clerk1" if password != "wutong_clerk1" else "wutong_clerk2",
            "name": "新人",
            "password1": password,
            "password2": password,
            "usable_password": "true",
            **NO_POSTS,
        },
    )
    assert response.status_code == 200  # the form again, with the reason
    assert "password2" in response.context["adminform"].form.errors
    assert not User.objects.filter(username__in=["wutong_clerk1", "wutong_clerk2"]).exists()


def test_a_strong_password_is_accepted_when_an_admin_creates_an_account(demo_city):
    client = Client()
    client.force_login(User.objects.get(username="admin"))
    response = client.post(
        "/admin/org/user/add/",
        {
            "username": "wutong_newclerk",
            "name": "新人",
            "password1": "Xq7-meadow-Lantern",
            "password2": "Xq7-meadow-Lantern",
            "usable_password": "true",
            **NO_POSTS,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert User.objects.get(username="wutong_newclerk").check_password("Xq7-meadow-Lantern")


@pytest.mark.parametrize("password", WEAK)
def test_weak_passwords_are_refused_when_an_admin_changes_one(demo_city, password):
    clerk = User.objects.get(username="wutong_clerk")
    client = Client()
    client.force_login(User.objects.get(username="admin"))
    response = client.post(
        f"/admin/org/user/{clerk.pk}/password/",
        {"password1": password, "password2": password, "usable_password": "true"},
    )
    assert response.status_code == 200
    assert "password2" in response.context["form"].errors
    clerk.refresh_from_db()
    assert clerk.check_password(DEMO_PASSWORD)


@pytest.mark.parametrize("password", WEAK[:4])
def test_weak_passwords_are_refused_when_a_resident_registers(demo_city, password):
    from pingan.core.errors import DomainError
    from pingan.health.models import Channel, ResidentKind
    from pingan.health.services.register import RegistrationInput, registration_submit

    data = RegistrationInput(
        name="来访者",
        id_number="11010519491231002X",
        phone="13900571234",
        code="000000",
        kind=ResidentKind.VISITOR,
        residence=None,
        room="",
        employer=None,
        password=password,
    )
    users = User.objects.count()
    with pytest.raises(DomainError) as refused:
        registration_submit(data=data, channel=Channel.PHONE)
    assert refused.value.code == "weak_password"
    assert User.objects.count() == users


def test_the_validators_are_the_ones_configured():
    names = [v["NAME"].rsplit(".", 1)[1] for v in settings.AUTH_PASSWORD_VALIDATORS]
    assert names == [
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    ]
    assert settings.AUTH_PASSWORD_VALIDATORS[1]["OPTIONS"]["min_length"] >= 10


# --- Session expiry -----------------------------------------------------------------------------
def test_a_session_unused_for_its_age_is_logged_out(demo_city):
    client = Client()
    start = timezone.now()
    age = timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert age == timedelta(hours=8)
    with time_machine.travel(start, tick=False):
        assert login(client, "wutong_clerk", DEMO_PASSWORD).status_code == 302
        assert client.get("/account/").status_code == 200
    with time_machine.travel(start + age + timedelta(minutes=1), tick=False):
        response = client.get("/account/")
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")


def test_a_session_in_use_stays_open_until_it_is_left_idle(demo_city):
    """SESSION_SAVE_EVERY_REQUEST: each request renews the age, so a clerk at work is not
    logged out mid-shift; eight idle hours end it."""
    client = Client()
    start = timezone.now()
    age = timedelta(seconds=settings.SESSION_COOKIE_AGE)
    with time_machine.travel(start, tick=False):
        login(client, "wutong_clerk", DEMO_PASSWORD)
    last = start
    for hour in (4, 8, 12):
        last = start + timedelta(hours=hour)
        with time_machine.travel(last, tick=False):
            assert client.get("/account/").status_code == 200
    with time_machine.travel(last + age + timedelta(minutes=1), tick=False):
        assert client.get("/account/").status_code == 302


def test_logging_out_ends_the_session_on_the_server(demo_city):
    client = Client()
    login(client, "wutong_clerk", DEMO_PASSWORD)
    key = client.session.session_key
    assert client.post("/logout/").status_code == 302
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=key).exists()
    # The old cookie, replayed, opens nothing.
    client.cookies[settings.SESSION_COOKIE_NAME] = key
    assert client.get("/account/").status_code == 302


# --- Behind the proxy ---------------------------------------------------------------------------
def via_proxy(forwarded_for: str) -> Client:
    """A browser as nginx hands it on: from the proxy's address, the client's in the header."""
    return Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)


def test_behind_one_proxy_the_lock_is_on_the_clients_address(demo_city, settings):
    settings.PINGAN_TRUSTED_PROXIES = 1
    attacker = via_proxy("203.0.113.7")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        login(attacker, "wutong_clerk", f"wrong-{attempt}")
    assert login(attacker, "wutong_clerk", DEMO_PASSWORD).status_code == 429
    # The attacker cannot step around the lock by writing another address into the header:
    # the proxy appends the real one, and that is the one counted.
    forged = via_proxy("198.51.100.20, 203.0.113.7")
    assert login(forged, "wutong_clerk", DEMO_PASSWORD).status_code == 429
    # The clerk, through the same proxy from the office, is not locked out.
    office = via_proxy("198.51.100.20")
    assert login(office, "wutong_clerk", DEMO_PASSWORD).status_code == 302


def test_without_a_proxy_the_header_is_not_believed(demo_city, settings):
    settings.PINGAN_TRUSTED_PROXIES = 0
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        login(via_proxy(f"203.0.113.{attempt}"), "wutong_clerk", f"wrong-{attempt}")
    # Changing the header on every try did not spread the failures over many addresses.
    assert login(via_proxy("198.51.100.20"), "wutong_clerk", DEMO_PASSWORD).status_code == 429


def test_weak_passwords_are_refused_when_users_change_their_own(demo_city):
    client = Client()
    login(client, "wutong_clerk", DEMO_PASSWORD)
    for password in WEAK:
        response = client.post(
            "/account/password/",
            {"old_password": DEMO_PASSWORD, "new_password1": password, "new_password2": password},
        )
        assert response.status_code == 200
        assert "new_password2" in response.context["form"].errors
    strong = "Xq7-meadow-Lantern"
    changed = client.post(
        "/account/password/",
        {"old_password": DEMO_PASSWORD, "new_password1": strong, "new_password2": strong},
    )
    assert changed.status_code == 302 and changed["Location"] == "/account/"
    assert User.objects.get(username="wutong_clerk").check_password(strong)
    assert client.get("/account/").status_code == 200  # still signed in


def test_the_account_service_refuses_a_weak_password(demo_city):
    from pingan.core.errors import DomainError
    from pingan.org.services import user_create

    with pytest.raises(DomainError) as refused:
        user_create(username="new_clerk", password="12345678", name="新办事员")
    assert refused.value.code == "weak_password"
    assert not User.objects.filter(username="new_clerk").exists()
    assert user_create(username="new_clerk", password="Xq7-meadow-Lantern", name="新办事员").pk


def test_a_login_ends_after_its_maximum_however_busy(demo_city):
    """Renewing on every request keeps a shift going, but not for ever: 24 hours after the
    password was given the login ends, with a message that says why."""
    client = Client()
    start = timezone.now()
    assert settings.PINGAN_SESSION_MAX_HOURS == 24
    with time_machine.travel(start, tick=False):
        login(client, "wutong_clerk", DEMO_PASSWORD)
    for hour in range(1, 25):  # a request every hour: never idle
        with time_machine.travel(start + timedelta(hours=hour), tick=False):
            assert client.get("/account/").status_code == 200, hour
    with time_machine.travel(start + timedelta(hours=24, minutes=1), tick=False):
        response = client.get("/account/", follow=True)
        assert response.redirect_chain[0][1] == 302
        assert response.redirect_chain[0][0].startswith("/login/")
        assert "登录已超过 24 小时" in response.content.decode()
        assert not logged_in(client)
        # A new login starts a new day.
        login(client, "wutong_clerk", DEMO_PASSWORD)
        assert client.get("/account/").status_code == 200


def test_the_maximum_is_a_setting(demo_city, settings):
    settings.PINGAN_SESSION_MAX_HOURS = 2
    client = Client()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        login(client, "wutong_clerk", DEMO_PASSWORD)
    with time_machine.travel(start + timedelta(hours=1), tick=False):
        assert client.get("/account/").status_code == 200
    with time_machine.travel(start + timedelta(hours=2, minutes=1), tick=False):
        assert client.get("/account/").status_code == 302
