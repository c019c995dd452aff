"""Every template, read as text: each POST form carries the CSRF token, htmx requests send it, and
nothing inline needs 'unsafe-inline' (no style="", no on*= handlers, no script without the nonce,
no javascript: URLs). The policy forbids them, so any that crept in would also be broken."""

import re
from pathlib import Path

import pytest

PINGAN = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(PINGAN.glob("**/templates/**/*.html"))
STATIC_JS = sorted(PINGAN.glob("static/**/*.js"))

FORM = re.compile(r"<form\b[^>]*>", re.IGNORECASE | re.DOTALL)
POST = re.compile(r"""method\s*=\s*["']?post""", re.IGNORECASE)
TAG = re.compile(r"<[a-zA-Z][^>]*>", re.DOTALL)
STYLE_ATTR = re.compile(r"""\sstyle\s*=""", re.IGNORECASE)
HANDLER_ATTR = re.compile(r"""\son[a-z]+\s*=""", re.IGNORECASE)
SCRIPT_OPEN = re.compile(r"<script\b[^>]*>", re.IGNORECASE)
JS_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)
HTMX_WRITE = re.compile(r"\bhx-(post|put|patch|delete)\s*=")


def _rel(path: Path) -> str:
    return str(path.relative_to(PINGAN.parent))


def test_the_templates_are_found():
    # Guards the scan below from passing on an empty list.
    assert len(TEMPLATES) > 100
    assert any(p.name == "base.html" for p in TEMPLATES)


def test_every_post_form_has_the_csrf_token():
    missing, forms = [], 0
    for path in TEMPLATES:
        text = path.read_text()
        for match in FORM.finditer(text):
            if not POST.search(match.group(0)):
                continue
            forms += 1
            end = text.find("</form>", match.end())
            body = text[match.end() : end if end != -1 else len(text)]
            if "{% csrf_token %}" not in body:
                missing.append(f"{_rel(path)}: {match.group(0)[:80]}")
    assert forms > 50
    assert not missing, missing


def test_htmx_requests_send_the_csrf_token():
    """htmx posts from buttons outside a form: base.html hands every request the token in a
    header, and every page that posts with htmx is built on base.html."""
    base = (PINGAN / "templates" / "base.html").read_text()
    assert """hx-headers='{"X-CSRFToken": "{{ csrf_token }}"}'""" in base
    for path in TEMPLATES:
        text = path.read_text()
        if not HTMX_WRITE.search(text) or path.name.startswith("_"):
            continue  # partials are rendered inside a page built on base.html
        assert re.search(r"""{% extends ["'](base\.html|[\w/]+/_base\.html)["'] %}""", text), _rel(
            path
        )


@pytest.mark.parametrize(
    ("name", "pattern"),
    [
        ("style attribute", STYLE_ATTR),
        ("inline event handler", HANDLER_ATTR),
        ("javascript: URL", JS_URL),
    ],
)
def test_no_inline_style_or_handler_in_any_tag(name, pattern):
    found = []
    for path in TEMPLATES:
        for tag in TAG.findall(path.read_text()):
            if pattern.search(tag):
                found.append(f"{_rel(path)}: {tag[:100]}")
    assert not found, f"{name}: {found}"


def test_no_style_element_and_no_script_without_the_nonce():
    found = []
    for path in TEMPLATES:
        text = path.read_text()
        if re.search(r"<style\b", text, re.IGNORECASE):
            found.append(f"{_rel(path)}: <style>")
        for tag in SCRIPT_OPEN.findall(text):
            if "src=" in tag or "nonce=" in tag or 'type="application/json"' in tag:
                continue
            found.append(f"{_rel(path)}: {tag}")
    assert not found, found


def test_nonced_scripts_use_the_request_nonce():
    for path in TEMPLATES:
        for tag in SCRIPT_OPEN.findall(path.read_text()):
            if "nonce=" in tag:
                assert 'nonce="{{ csp_nonce }}"' in tag, f"{_rel(path)}: {tag}"


def test_our_scripts_do_not_evaluate_strings():
    found = []
    for path in STATIC_JS:
        text = path.read_text()
        for pattern in (r"\beval\(", r"new Function\(", r"setTimeout\(\s*['\"]", r"style\s*=\s*\""):
            if re.search(pattern, text):
                found.append(f"{_rel(path)}: {pattern}")
    assert STATIC_JS and not found, found


def test_the_scan_catches_what_it_looks_for():
    """The patterns above find a bad tag of each kind (so a passing scan means something)."""
    bad = (
        '<div style="color:red">',
        '<button onclick="go()">',
        '<a href="javascript:go()">',
    )
    for tag, pattern in zip(bad, (STYLE_ATTR, HANDLER_ATTR, JS_URL), strict=True):
        assert pattern.search(TAG.findall(tag)[0])
    assert not STYLE_ATTR.search('<div data-style="x" class="pa-style">')
    assert not HANDLER_ATTR.search('<input name="phone" data-once="1">')
