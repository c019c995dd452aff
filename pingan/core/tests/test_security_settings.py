"""Production settings: `check --deploy` is clean, cookies are Secure, HSTS lasts a year, plain
HTTP is redirected, and the Content Security Policy allows no inline code anywhere.

The production process is a subprocess with the environment an operator sets
(docs/deployment.md): the test process itself runs over plain HTTP (see conftest.py)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.csp import CSP

ROOT = Path(__file__).resolve().parents[3]
YEAR = 365 * 24 * 3600

# Run inside the production process: its settings and one HTTPS and one HTTP request.
PROBE = """
import json
from django.conf import settings
from django.test import Client
client = Client(HTTP_HOST="pingan.example.cn")
plain = client.get("/login/")
secure = client.get("/login/", secure=True)
print("PROBE" + json.dumps({
    "DEBUG": settings.DEBUG,
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "SESSION_COOKIE_HTTPONLY": settings.SESSION_COOKIE_HTTPONLY,
    "SESSION_COOKIE_SAMESITE": settings.SESSION_COOKIE_SAMESITE,
    "CSRF_COOKIE_SECURE": settings.CSRF_COOKIE_SECURE,
    "LANGUAGE_COOKIE_SECURE": settings.LANGUAGE_COOKIE_SECURE,
    "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "SECURE_HSTS_SECONDS": settings.SECURE_HSTS_SECONDS,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": settings.SECURE_HSTS_INCLUDE_SUBDOMAINS,
    "plain_status": plain.status_code,
    "plain_location": plain.headers.get("Location", ""),
    "secure_status": secure.status_code,
    "secure_headers": dict(secure.headers),
    "csrf_cookie": secure.cookies["csrftoken"].output() if "csrftoken" in secure.cookies else "",
}))
"""


def _production_env(tmp_path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        {
            "DJANGO_DEBUG": "0",
            "PINGAN_HTTPS": "1",
            "DJANGO_ALLOWED_HOSTS": "pingan.example.cn",
            "PINGAN_VAR_DIR": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        }
    )
    env.update(extra)
    return env


def _manage(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    """What the production process reports about itself (one subprocess for the module)."""
    result = _manage(_production_env(tmp_path_factory.mktemp("prod")), "shell", "-c", PROBE)
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith("PROBE"))
    return json.loads(line.removeprefix("PROBE"))


def test_check_deploy_passes_at_warning_level(tmp_path):
    result = _manage(_production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_when_https_is_switched_off(tmp_path):
    """The check is not vacuous: the same command complains when production runs without TLS."""
    env = _production_env(tmp_path, PINGAN_HTTPS="0")
    result = _manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stdout + result.stderr


def test_production_cookies_are_secure_and_http_only(production):
    assert production["DEBUG"] is False
    assert production["SESSION_COOKIE_SECURE"] is True
    assert production["SESSION_COOKIE_HTTPONLY"] is True
    assert production["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert production["CSRF_COOKIE_SECURE"] is True
    assert production["LANGUAGE_COOKIE_SECURE"] is True
    cookie = production["csrf_cookie"]
    assert "Secure" in cookie and "SameSite=Lax" in cookie


def test_production_has_a_year_of_hsts_and_redirects_plain_http(production):
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_HSTS_SECONDS"] >= YEAR
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production["plain_status"] == 301
    assert production["plain_location"] == "https://pingan.example.cn/login/"
    headers = production["secure_headers"]
    assert production["secure_status"] == 200
    max_age = int(headers["Strict-Transport-Security"].split("max-age=")[1].split(";")[0])
    assert max_age >= YEAR
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_production_csp_has_no_unsafe_source(production):
    policy = production["secure_headers"]["Content-Security-Policy"]
    assert "unsafe-" not in policy
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if " " in part)
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["base-uri"] == "'self'"
    assert directives["form-action"] == "'self'"


def test_the_policy_itself_allows_no_inline_code_or_eval():
    for directive, sources in settings.SECURE_CSP.items():
        for source in sources if isinstance(sources, list | tuple | set) else [sources]:
            assert source not in {CSP.UNSAFE_INLINE, CSP.UNSAFE_EVAL, CSP.UNSAFE_HASHES}, directive
            assert source not in {"*", "http:", "https:"}, directive
    # Scripts: our own files, or an inline block carrying this response's nonce.
    assert settings.SECURE_CSP["script-src"] == [CSP.SELF, CSP.NONCE]
    assert settings.SECURE_CSP["style-src"] == [CSP.SELF]


def test_every_response_carries_the_security_headers(client, db):
    response = client.get("/login/")
    assert response.status_code == 200
    assert "unsafe-" not in response["Content-Security-Policy"]
    # The nonce appears only on pages that use it; none of ours has an inline script.
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_session_cookie_is_http_only(client, db):
    from pingan.org.demo import DEMO_PASSWORD, seed

    seed()
    response = client.post("/login/", {"username": "wutong_clerk", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE
