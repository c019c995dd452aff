"""Every page, as rendered: the demo city is crawled as each kind of user (following the links
each one is shown), and every answer must carry the Content Security Policy without any unsafe
source, while every HTML page must hold nothing that policy would block: no inline script without
this response's nonce, no style attribute or element, no on*= handler, no javascript: URL, and
every POST form and htmx request must carry the CSRF token.

This catches what the template scan cannot: HTML produced by Python (widgets, format_html,
template tags) and pages of the admin site."""

import io
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings

PERSONAS = (
    "admin",
    "city_leader",
    "hotline",
    "wutong_clerk",
    "wutong_mediator",
    "xinfang_officer",
    "tudian_inspector",
    "tudian_officer",
    "wutong_pingan",
    "health_officer",
    "guard_factory",
    "demo_worker",
)
PUBLIC_START = ("/login/", "/report/", "/track/", "/health/rules/", "/health/register/")
ADMIN_PAGES = (
    "/admin/",
    "/admin/org/user/",
    "/admin/org/user/add/",
    "/admin/org/post/",
    "/admin/core/auditentry/",
    "/admin/cases/category/",
)
PER_PERSONA = 120
SKIP_PREFIXES = ("/static/", "/admin/", "/logout/", "/i18n/")
NONCE = re.compile(r"'nonce-([^']+)'")


class PageAudit(HTMLParser):
    """Collects the links of a page and everything in it that the policy would block."""

    def __init__(self, nonce: str | None):
        super().__init__()
        self.nonce = nonce
        self.links: list[str] = []
        self.problems: list[str] = []
        self.post_forms = 0
        self.csrf_inputs = 0
        self.htmx_writes = 0
        self.htmx_csrf = False

    def _nonced(self, values) -> bool:
        return bool(self.nonce) and values.get("nonce") == self.nonce

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name == "style":
                self.problems.append(f"<{tag} style={value!r}>")
            if name in {"href", "src", "action", "formaction"} and (
                value or ""
            ).strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}=javascript:…>")
            if name in {"hx-post", "hx-put", "hx-patch", "hx-delete"}:
                self.htmx_writes += 1
        if tag == "style":
            self.problems.append("<style> element")
        inline = tag == "script" and "src" not in values
        if inline and values.get("type") != "application/json" and not self._nonced(values):
            self.problems.append("inline <script> without this response's nonce")
        if tag == "form" and (values.get("method") or "").lower() == "post":
            self.post_forms += 1
        if tag == "input" and values.get("name") == "csrfmiddlewaretoken" and values.get("value"):
            self.csrf_inputs += 1
        if "hx-headers" in values and re.search(
            r'"X-CSRFToken":\s*"\w{20,}"', values["hx-headers"]
        ):
            self.htmx_csrf = True
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])


def audit_response(url: str, response) -> tuple[list[str], list[str]]:
    """(problems, same-site links) of one answer."""
    problems = []
    policy = response.headers.get("Content-Security-Policy", "")
    if not policy:
        problems.append("no Content-Security-Policy header")
    if "unsafe-" in policy:
        problems.append(f"unsafe source in policy: {policy}")
    if response.status_code >= 500:
        problems.append(f"server error {response.status_code}")
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return [f"{url}: {p}" for p in problems], []
    match = NONCE.search(policy)
    page = PageAudit(match.group(1) if match else None)
    page.feed(response.content.decode())
    problems += page.problems
    if page.csrf_inputs < page.post_forms:
        problems.append(f"{page.post_forms} POST forms but {page.csrf_inputs} CSRF tokens")
    if page.htmx_writes and not page.htmx_csrf:
        problems.append("htmx writes without the X-CSRFToken header")
    links = []
    for href in page.links:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        if parts.path.startswith(SKIP_PREFIXES):
            continue
        links.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return [f"{url}: {p}" for p in problems], links


def crawl(client: Client, start, limit: int) -> tuple[list[str], set[str], list[str]]:
    """Breadth-first over the links shown; (problems, pages answered 200 with HTML, all urls)."""
    queue, seen, pages, problems = deque(start), set(), set(), []
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        found, links = audit_response(url, response)
        problems += found
        if links or (response.status_code == 200 and "text/html" in response["Content-Type"]):
            pages.add(url)
        queue.extend(link for link in links if link not in seen)
    return problems, pages, sorted(seen)


@pytest.fixture(scope="module")
def demo_city_full(django_db_setup, django_db_blocker, tmp_path_factory):
    """The whole demo city (every app's demo data), seeded once for the module and rolled back;
    its uploaded files (the pledges' scanned sheets) go to a directory of the module's own."""
    with (
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        call_command("seed_demo", "--quiet", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def city(demo_city_full, db):
    """Each test inside the module's data (and pytest-django's database access)."""


def _client_for(username: str | None) -> Client:
    from pingan.org.models import User

    client = Client()
    if username:
        client.force_login(User.objects.get(username=username))
    return client


@pytest.fixture(scope="module")
def crawls(demo_city_full, django_db_blocker):
    """Every crawl, made once for the module: {username or "anonymous": (problems, pages,
    every url asked)}, and "admin-site": the admin pages and a 404 checked the same way."""
    with django_db_blocker.unblock():
        found = {name: crawl(_client_for(name), ["/"], PER_PERSONA) for name in PERSONAS}
        found["anonymous"] = crawl(_client_for(None), list(PUBLIC_START), 40)
        admin = _client_for("admin")
        problems, pages = [], set()
        for url in (*ADMIN_PAGES, "/no-such-page/"):
            response = admin.get(url)
            if response.status_code == 200:
                pages.add(url)
            problems += audit_response(url, response)[0]
        found["admin-site"] = (problems, pages, [*ADMIN_PAGES, "/no-such-page/"])
    return found


@pytest.mark.parametrize("username", PERSONAS)
def test_every_page_a_user_reaches_is_free_of_inline_code(city, crawls, username):
    problems, pages, seen = crawls[username]
    assert not problems, problems
    # The crawl really walked the site (a broken login would stop it at one redirect).
    assert len(pages) >= 3, seen


def test_the_crawl_covers_the_site(city, crawls):
    """Pages of every app are reached: lists, detail pages, forms and print views."""
    reached = set().union(*(pages for _problems, pages, _seen in crawls.values()))
    assert len(reached) >= 180
    for prefix in (
        "/cases/",
        "/petitions/",
        "/mediation/",
        "/hall/",
        "/safety/",
        "/surveys/",
        "/hazards/",
        "/pledges/",
        "/sms/",
    ):
        details = [u for u in reached if u.startswith(prefix) and re.search(r"/\d+/", u)]
        assert details, f"no detail page under {prefix}"
    for page in ("/analytics/", "/health/officer/", "/passes/scan/", "/passes/my/", "/account/"):
        assert page in reached


def test_public_pages_are_free_of_inline_code(city, crawls):
    problems, pages, seen = crawls["anonymous"]
    assert not problems, problems
    assert set(PUBLIC_START) <= pages, seen


def test_admin_site_and_error_pages_are_free_of_inline_code(city, crawls):
    """The admin site's own templates, and the 404 page, under the same policy."""
    problems, pages, _seen = crawls["admin-site"]
    assert not problems, problems
    assert pages == set(ADMIN_PAGES)


def test_the_audit_finds_what_it_looks_for():
    """A page with each forbidden thing is reported (so a clean crawl means something)."""

    class Fake:
        status_code = 200
        headers = {"Content-Security-Policy": "script-src 'self' 'nonce-abc'"}
        content = (
            b'<div style="x"><a onclick="y" href="javascript:z">a</a><style>p{}</style>'
            b'<script>1</script><script nonce="abc">ok</script>'
            b'<form method="post"></form><button hx-post="/x/">b</button></div>'
        )

        def get(self, key, default=""):
            return "text/html; charset=utf-8" if key == "Content-Type" else default

        def __getitem__(self, key):
            return self.get(key)

    problems, _links = audit_response("/fake/", Fake())
    text = " ".join(problems)
    for expected in (
        "style=",
        "onclick",
        "javascript:",
        "<style>",
        "without this response's nonce",
        "CSRF tokens",
        "X-CSRFToken",
    ):
        assert expected in text, (expected, problems)
    assert text.count("nonce") == 1  # the script with the right nonce is allowed
