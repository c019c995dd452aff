"""Fuzzing Open311 GeoReport v2 (/open311/v2/), which has no OpenAPI document: hand-written
Hypothesis strategies for its paths, query strings and form posts, and the checks the spec
implies. Every answer must be 200 or one of the spec's refusals (400, 403, 404, 405), in the
format the extension asks for (.json or .xml; XML for an unknown format), parse as that format,
and a refusal must be the spec's error document whose code is the HTTP status.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import quote

from hypothesis import strategies as st

BASE = "/open311/v2"
ALLOWED = {200, 400, 403, 404, 405}
CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
# The root element of each successful XML document.
XML_ROOTS = {
    "discovery": "discovery",
    "services": "services",
    "service": "service_definition",
    "requests": "service_requests",
    "request": "service_requests",
}
GET_FIELDS = ("service_request_id", "service_code", "start_date", "end_date", "status")
POST_FIELDS = (
    "service_code",
    "lat",
    "long",
    "address_string",
    "address_id",
    "description",
    "phone",
    "first_name",
    "last_name",
    "account_id",
    "media_url",
    "email",
    "device_id",
)


@dataclass(frozen=True)
class Known:
    """Values of the demo city that make a request go past its first check."""

    api_key: str
    service_codes: list[str]
    request_ids: list[str]
    region_codes: list[str]
    city_code: str


def known_values() -> Known:
    from django.conf import settings

    from pingan.open311 import catalogue
    from pingan.open311.models import Open311Request
    from pingan.org.models import Region

    return Known(
        api_key="pingan-demo-open311",
        service_codes=[c.code for c in catalogue.offered_categories()],
        request_ids=list(Open311Request.objects.values_list("case__number", flat=True)),
        region_codes=list(
            Region.objects.filter(code__startswith=settings.PINGAN_CITY_CODE).values_list(
                "code", flat=True
            )
        ),
        city_code=settings.PINGAN_CITY_CODE,
    )


# Anything a form field can carry, control characters and NUL included.
any_text = st.text(max_size=40)
formats = st.one_of(
    st.sampled_from(["json", "xml"]),
    st.sampled_from(["JSON", "Xml", "html", "csv"]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_-", min_size=1, max_size=6),
)
w3c_dates = st.one_of(
    st.datetimes().map(lambda d: d.isoformat() + "+08:00"),
    st.sampled_from(["2026-01-01T00:00:00+08:00", "2026-11-01T00:00:00Z", "2026-01-01"]),
    any_text,
)
numbers = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(str),
    st.sampled_from(["30.63", "120.56", "30.6312", "1e400", "-0", ""]),
    any_text,
)


def _pick(known: list[str]):
    return st.sampled_from(known) if known else any_text


def get_query(known: Known):
    values = {
        "service_request_id": st.one_of(
            _pick(known.request_ids),
            st.lists(_pick(known.request_ids), max_size=3).map(",".join),
            any_text,
        ),
        "service_code": st.one_of(
            st.lists(_pick(known.service_codes), max_size=3).map(",".join), any_text
        ),
        "start_date": w3c_dates,
        "end_date": w3c_dates,
        "status": st.one_of(st.sampled_from(["open", "closed", "open,closed", "OPEN"]), any_text),
        "jurisdiction_id": st.one_of(st.just(known.city_code), any_text),
    }
    return st.fixed_dictionaries({}, optional=values)


def post_form(known: Known):
    """A valid report with a few fields replaced by anything, or any form at all: purely random
    forms alone almost never get past the api_key and service_code checks."""
    valid = st.fixed_dictionaries(
        {
            "api_key": st.just(known.api_key),
            "service_code": _pick(known.service_codes),
            "description": st.one_of(st.just("路灯坏了，晚上很黑"), st.text(max_size=300)),
            "phone": st.sampled_from(["13957308001", "+8613800138000", "15888888888"]),
        },
        optional={
            "address_string": st.sampled_from(["梧桐街道桃园村村委会旁", "屠甸镇荣星村", "x"]),
            "lat": st.sampled_from(["30.6312", "30.5", "-12.0"]),
            "long": st.sampled_from(["120.5651", "120.4", "0"]),
            "address_id": _pick(known.region_codes),
            "first_name": any_text,
            "last_name": any_text,
            "account_id": any_text,
            "media_url": st.sampled_from(["https://example.cn/a.jpg", "http://example.cn/b.png"]),
            "attribute[urgency]": st.sampled_from(["urgent", "normal"]),
        },
    )
    fields = st.sampled_from([*POST_FIELDS, "api_key", "attribute[kind]", "attribute[x][]"])
    noise = st.dictionaries(fields, st.one_of(any_text, numbers), max_size=3)
    anything = st.fixed_dictionaries(
        {}, optional={name: any_text for name in (*POST_FIELDS, "api_key", "jurisdiction_id")}
    )
    return st.one_of(valid, st.tuples(valid, noise).map(lambda p: {**p[0], **p[1]}), anything)


def _segment(choices: list[str]):
    """A path segment: a known value or any text without a slash (which would make it two
    segments), percent-encoded as a client would send it."""
    text = st.text(st.characters(exclude_characters="/"), min_size=1, max_size=40)
    known = [st.sampled_from(choices)] if choices else []
    return st.one_of(*known, text).map(lambda v: quote(v, safe=""))


def requests(known: Known):
    """(resource, method, path, query, form) for any Open311 call."""
    fmt = formats
    get = st.sampled_from(["GET", "HEAD"])
    other = st.sampled_from(["PUT", "DELETE", "PATCH", "POST"])
    no_form = st.just({})
    return st.one_of(
        st.tuples(st.just("discovery"), get, fmt.map(lambda f: f"discovery.{f}"), no_form),
        st.tuples(st.just("services"), get, fmt.map(lambda f: f"services.{f}"), no_form),
        st.tuples(
            st.just("service"),
            get,
            st.tuples(_segment(known.service_codes), fmt).map(lambda p: f"services/{p[0]}.{p[1]}"),
            no_form,
        ),
        st.tuples(st.just("requests"), st.just("GET"), fmt.map(lambda f: f"requests.{f}"), no_form),
        st.tuples(
            st.just("requests"),
            st.just("POST"),
            fmt.map(lambda f: f"requests.{f}"),
            post_form(known),
        ),
        st.tuples(
            st.just("request"),
            get,
            st.tuples(_segment(known.request_ids), fmt).map(lambda p: f"requests/{p[0]}.{p[1]}"),
            no_form,
        ),
        st.tuples(st.just("discovery"), other, fmt.map(lambda f: f"discovery.{f}"), no_form),
        st.tuples(st.just("unknown"), get, any_text.map(lambda t: quote(t, safe="/")), no_form),
    ).flatmap(
        lambda call: st.tuples(
            st.just(call[0]),
            st.just(call[1]),
            st.just(call[2]),
            get_query(known) if call[1] == "GET" else st.just({}),
            st.just(call[3]),
        )
    )


def _expected_format(resource: str, path: str) -> str | None:
    """The format the answer must be in; None for a path that names no resource."""
    if resource == "unknown":
        return None
    fmt = path.rsplit(".", 1)[-1].lower()
    return fmt if fmt in CONTENT_TYPES else "xml"


def check_response(resource: str, method: str, path: str, response) -> None:
    """The spec's answer: an allowed status, the asked-for format, a parsable document."""
    status = response.status_code
    where = f"{method} {BASE}/{path} answered {status}"
    assert status in ALLOWED, where
    content_type = response.headers.get("Content-Type")
    expected = _expected_format(resource, path)
    if expected is not None:
        assert content_type == CONTENT_TYPES[expected], (where, content_type)
    kind = {v: k for k, v in CONTENT_TYPES.items()}.get(content_type)
    assert kind is not None, (where, content_type)
    if method == "HEAD":
        return
    body = response.get_data()
    if kind == "json":
        document = json.loads(body)
        if status != 200:
            assert isinstance(document, list) and len(document) == 1, where
            assert document[0]["code"] == status, where
            assert isinstance(document[0]["description"], str), where
            assert document[0]["description"], where
        elif resource in ("services", "requests", "request"):
            assert isinstance(document, list), where
        elif resource != "unknown":
            assert isinstance(document, dict), where
        return
    root = ET.fromstring(body)
    if status != 200:
        assert root.tag == "errors", where
        error = root.find("error")
        assert error is not None and error.findtext("code") == str(status), where
        assert error.findtext("description"), where
    elif resource != "unknown":
        assert root.tag == XML_ROOTS[resource], where


def client(app):
    from werkzeug import Client

    return Client(app)
