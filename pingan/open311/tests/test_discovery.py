"""Service discovery: the spec's fields in JSON and XML, and a changeset that moves when a
service definition changes."""

from datetime import UTC, datetime

import time_machine

from pingan.open311.tests.conftest import BASE, parse_xml

SPEC = "http://wiki.open311.org/GeoReport_v2"


def test_discovery_json(client, city):
    response = client.get(f"{BASE}/discovery.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body = response.json()
    assert set(body) == {"changeset", "contact", "key_service", "endpoints"}
    assert body["contact"] and body["key_service"]
    (endpoint,) = body["endpoints"]
    assert endpoint == {
        "specification": SPEC,
        "url": "http://testserver/open311/v2",
        "changeset": body["changeset"],
        "type": "production",
        "formats": ["text/xml", "application/json"],
    }


def test_discovery_xml_and_the_root(client, city):
    for url in (f"{BASE}/discovery.xml", f"{BASE}/"):
        root = parse_xml(client.get(url))
        assert root.tag == "discovery"
        assert root.findtext("changeset")
        endpoint = root.find("endpoints/endpoint")
        assert endpoint.findtext("specification") == SPEC
        assert endpoint.findtext("url") == "http://testserver/open311/v2"
        assert endpoint.findtext("type") == "production"
        assert [f.text for f in endpoint.findall("formats/format")] == [
            "text/xml",
            "application/json",
        ]


def test_endpoint_type_follows_the_setting(client, city, settings):
    settings.PINGAN_OPEN311_ENDPOINT_TYPE = "test"
    assert client.get(f"{BASE}/discovery.json").json()["endpoints"][0]["type"] == "test"


def test_changeset_moves_when_a_category_changes(client, city):
    from pingan.cases.models import Category

    before = client.get(f"{BASE}/discovery.json").json()["changeset"]
    later = datetime(2031, 3, 4, 5, 6, 7, tzinfo=UTC)
    with time_machine.travel(later, tick=False):
        category = Category.objects.get(code="city.noise")
        category.description = "夜间施工、商业噪声等"
        category.save()
    after = client.get(f"{BASE}/discovery.json").json()["changeset"]
    assert after == "2031-03-04T05:06:07Z"
    assert after > before
