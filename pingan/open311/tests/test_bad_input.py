"""Bad input on every endpoint: the spec's error document (JSON and XML) with 400, 403 or 404,
nothing created, never a server error."""

import xml.etree.ElementTree as ET

import pytest

from pingan.cases.models import Case
from pingan.notify.models import OutboxMessage
from pingan.open311.models import Open311Request
from pingan.open311.tests.conftest import BASE, assert_error

FORMATS = ["json", "xml"]

POST_CASES = [
    # (changes, status, words in the description)
    ({"api_key": None}, 403, "api_key"),
    ({"api_key": ""}, 403, "api_key"),
    ({"api_key": "not-a-key"}, 403, "api_key"),
    ({"service_code": None}, 400, "service_code"),
    ({"service_code": "no.such.service"}, 404, "no.such.service"),
    ({"service_code": "labour"}, 404, "labour"),
    ({"service_code": "petition"}, 404, "petition"),
    ({"lat": None, "long": None, "address_string": None}, 400, "lat"),
    ({"lat": None, "long": None, "address_string": "  "}, 400, "address_string"),
    ({"lat": "abc"}, 400, "lat"),
    ({"lat": "91"}, 400, "lat"),
    ({"lat": "NaN"}, 400, "lat"),
    ({"lat": "1e400"}, 400, "lat"),
    ({"long": "-180.5"}, 400, "long"),
    ({"long": "Infinity"}, 400, "long"),
    ({"long": None}, 400, "lat 和 long"),
    ({"address_id": "310101"}, 400, "address_id"),
    ({"address_id": "330483999999"}, 400, "address_id"),
    ({"attribute[kind]": "petition"}, 400, "attribute[kind]"),
    ({"attribute[urgency]": "very"}, 400, "attribute[urgency]"),
    ({"description": None}, 400, "description"),
    ({"description": "   "}, 400, "description"),
    ({"description": "很" * 4001}, 400, "4000"),
    ({"phone": None}, 400, "phone"),
    ({"phone": "12345"}, 400, "手机"),
    ({"media_url": "javascript:alert(1)"}, 400, "media_url"),
    ({"media_url": "https://" + "a" * 500 + ".cn/x.jpg"}, 400, "media_url"),
    ({"account_id": "x" * 101}, 400, "account_id"),
    ({"jurisdiction_id": "sfgov.org"}, 404, "jurisdiction_id"),
]


def _nothing_written():
    assert Case.objects.count() == 0
    assert Open311Request.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("changes", "status", "words"), POST_CASES)
def test_bad_post(city, submit, fmt, changes, status, words):
    description = assert_error(submit(fmt, **changes), fmt, status)
    assert words in description
    _nothing_written()


@pytest.mark.parametrize("fmt", FORMATS)
def test_inactive_key_is_refused(city, submit, fmt):
    from pingan.open311.models import Open311Client

    Open311Client.objects.update(is_active=False)
    assert_error(submit(fmt), fmt, 403)
    _nothing_written()


def test_attribute_with_two_values_for_a_single_value_list(client, city):
    from pingan.open311.tests.conftest import VALID

    response = client.post(
        f"{BASE}/requests.json",
        {**VALID, "attribute[kind][]": ["complaint", "report"]},
    )
    assert_error(response, "json", 400)
    _nothing_written()


GET_CASES = [
    # (path without format, query, status)
    ("requests", {"start_date": "yesterday"}, 400),
    ("requests", {"start_date": "2026-01-01"}, 400),
    ("requests", {"start_date": "2026-01-01T00:00:00"}, 400),
    ("requests", {"end_date": "2026-02-30T00:00:00Z"}, 400),
    ("requests", {"start_date": "2026-05-01T00:00:00Z", "end_date": "2026-01-01T00:00:00Z"}, 400),
    ("requests", {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"}, 400),
    ("requests", {"status": "pending"}, 400),
    ("requests", {"service_code": "no.such.service"}, 404),
    ("requests", {"jurisdiction_id": "sfgov.org"}, 404),
    ("requests/GD20260101999999", {}, 404),
    ("requests/%3Cscript%3E", {}, 404),
    ("services/no.such.service", {}, 404),
    ("services", {"jurisdiction_id": "330400"}, 404),
    ("discovery", {"jurisdiction_id": "x"}, 404),
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("path", "query", "status"), GET_CASES)
def test_bad_get(client, city, fmt, path, query, status):
    assert_error(client.get(f"{BASE}/{path}.{fmt}", query), fmt, status)


@pytest.mark.parametrize(
    ("url", "status"),
    [
        (f"{BASE}/services.csv", 400),
        (f"{BASE}/requests.html", 400),
        (f"{BASE}/services/city.noise.yaml", 400),
        (f"{BASE}/services", 400),
        (f"{BASE}/requests/", 400),
        (f"{BASE}/tokens/123.xml", 404),
        (f"{BASE}/nothing/here", 404),
    ],
)
def test_bad_format_or_resource_answers_in_xml(client, city, url, status):
    assert_error(client.get(url), "xml", status)


def test_bad_post_format_creates_nothing(client, city):
    from pingan.open311.tests.conftest import VALID

    assert_error(client.post(f"{BASE}/requests.csv", VALID), "xml", 400)
    _nothing_written()


@pytest.mark.parametrize("fmt", FORMATS)
def test_wrong_method(client, city, fmt):
    response = client.post(f"{BASE}/services.{fmt}", {})
    assert_error(response, fmt, 405)
    assert response["Allow"] == "GET, HEAD"
    response = client.delete(f"{BASE}/requests.{fmt}")
    assert_error(response, fmt, 405)


@pytest.mark.parametrize("fmt", FORMATS)
def test_unreadable_bodies(client, city, fmt):
    url = f"{BASE}/requests.{fmt}"
    response = client.post(url, b"--x\r\n", content_type="multipart/form-data; boundary=")
    assert_error(response, fmt, 400)
    too_many = "&".join(f"f{i}=1" for i in range(2000))
    response = client.post(url, too_many, content_type="application/x-www-form-urlencoded")
    assert_error(response, fmt, 400)
    _nothing_written()


def test_xml_special_characters_in_input(client, city, submit):
    description = "夜间施工 <b>&amp; \"噪音\" '很大'\x01"
    response = submit("xml", description=description)
    number = ET.fromstring(response.content).findtext("request/service_request_id")
    root = ET.fromstring(client.get(f"{BASE}/requests/{number}.xml").content)
    # Escaped on the way out; the control character XML 1.0 cannot carry is dropped.
    assert root.findtext("request/description") == description[:-1]
