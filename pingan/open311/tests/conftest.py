"""Fixtures for the Open311 tests: the demo city, its categories and the demo API key written
once for the package inside an outer transaction (each test runs in a savepoint within it and
the data is rolled back at the end), and helpers that speak the protocol."""

import xml.etree.ElementTree as ET

import pytest

from pingan.open311.demo import DEMO_KEY

BASE = "/open311/v2"
# 梧桐街道's centre point in the demo data, and a point in Shanghai (outside the city).
WUTONG_POINT = ("30.6321", "120.5652")
FAR_POINT = ("31.2304", "121.4737")
PHONE = "13957309001"
VALID = {
    "api_key": DEMO_KEY,
    "service_code": "city.noise",
    "lat": WUTONG_POINT[0],
    "long": WUTONG_POINT[1],
    "address_string": "庆丰路工地",
    "description": "庆丰路工地每晚十一点后仍在施工，噪音很大",
    "phone": PHONE,
    "first_name": "建国",
    "last_name": "王",
    "email": "wang.jianguo@example.com",
    "account_id": "app-user-42",
}


@pytest.fixture(scope="package")
def _seeded(django_db_setup, django_db_blocker):
    from django.db import transaction

    from pingan.cases.demo import seed_categories
    from pingan.open311 import demo as open311_demo
    from pingan.org import demo as org_demo

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            org_demo.seed()
            seed_categories()
            open311_demo.seed()
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def city(_seeded, db):
    """The demo city with its categories, town centre points and the demo Open311 key."""


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def parse_xml(response) -> ET.Element:
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(response.content)


def xml_errors(response) -> list[tuple[str, str]]:
    root = parse_xml(response)
    assert root.tag == "errors"
    return [(e.findtext("code"), e.findtext("description")) for e in root.findall("error")]


def json_errors(response) -> list[dict]:
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body = response.json()
    assert isinstance(body, list) and body
    for error in body:
        assert set(error) == {"code", "description"}
        assert error["description"]
    return body


def assert_error(response, fmt: str, status: int) -> str:
    """The spec's error document with the status as its code; returns the description."""
    assert response.status_code == status, response.content.decode()
    if fmt == "json":
        (error,) = json_errors(response)
        assert error["code"] == status
        return error["description"]
    ((code, description),) = xml_errors(response)
    assert code == str(status)
    assert description
    return description


@pytest.fixture
def submit(client):
    """submit(fmt="json", **changes) -> the response to POST requests.<fmt>; a change of None
    leaves that parameter out."""

    def _submit(fmt="json", **changes):
        data = {**VALID, **changes}
        data = {k: v for k, v in data.items() if v is not None}
        return client.post(f"{BASE}/requests.{fmt}", data)

    return _submit


@pytest.fixture
def created(submit):
    """created(**changes) -> the Open311Request of a successful JSON POST."""
    from pingan.open311.models import Open311Request

    def _created(**changes):
        response = submit("json", **changes)
        assert response.status_code == 200, response.content.decode()
        (row,) = response.json()
        return Open311Request.objects.select_related("case").get(
            case__number=row["service_request_id"]
        )

    return _created
