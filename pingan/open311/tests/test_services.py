"""GET services and GET services/{code}: the categories citizens may report, each with its
attributes, in JSON and XML; unknown services are 404 in the spec's error format."""

import pytest

from pingan.open311.tests.conftest import BASE, assert_error, parse_xml


def test_service_list_json(client, city):
    response = client.get(f"{BASE}/services.json")
    assert response.status_code == 200
    rows = {row["service_code"]: row for row in response.json()}
    # Leaves only: a parent with subcategories is their group, not a service.
    assert "labour" not in rows and "city" not in rows
    # Petitions follow their own statutory procedure, not Open311.
    assert "petition" not in rows
    assert rows["labour.wages"] == {
        "service_code": "labour.wages",
        "service_name": "欠薪",
        "description": "劳动保障 / 欠薪",
        "metadata": True,
        "type": "realtime",
        "keywords": "劳动保障, 欠薪, 投诉, 举报, 求助, 矛盾纠纷",
        "group": "劳动保障",
    }
    assert rows["neighbour"]["group"] == "邻里纠纷"
    assert {"city.noise", "safety.fire", "consult", "market"} <= set(rows)


def test_service_list_xml(client, city):
    root = parse_xml(client.get(f"{BASE}/services.xml"))
    assert root.tag == "services"
    services = {s.findtext("service_code"): s for s in root.findall("service")}
    noise = services["city.noise"]
    assert [child.tag for child in noise] == [
        "service_code",
        "service_name",
        "description",
        "metadata",
        "type",
        "keywords",
        "group",
    ]
    assert noise.findtext("service_name") == "噪音扰民"
    assert noise.findtext("metadata") == "true"
    assert noise.findtext("type") == "realtime"
    assert noise.findtext("group") == "城市管理"


def test_inactive_categories_are_not_offered(client, city):
    from pingan.cases.models import Category

    Category.objects.filter(code="city.noise").update(is_active=False)
    codes = {row["service_code"] for row in client.get(f"{BASE}/services.json").json()}
    assert "city.noise" not in codes
    assert_error(client.get(f"{BASE}/services/city.noise.json"), "json", 404)


def test_definition_with_a_kind_choice_json(client, city):
    response = client.get(f"{BASE}/services/labour.wages.json")
    assert response.status_code == 200
    body = response.json()
    assert body["service_code"] == "labour.wages"
    kind, urgency = body["attributes"]
    assert kind["code"] == "kind"
    assert kind["variable"] is True
    assert kind["datatype"] == "singlevaluelist"
    assert kind["required"] is False
    assert kind["order"] == 1
    assert [v["key"] for v in kind["values"]] == ["complaint", "report", "help", "dispute"]
    assert kind["values"][0]["name"] == "投诉（15 个工作日内答复）"
    assert "投诉" in kind["datatype_description"]
    assert urgency["code"] == "urgency"
    assert urgency["order"] == 2
    assert [v["key"] for v in urgency["values"]] == ["normal", "urgent"]


def test_definition_xml(client, city):
    root = parse_xml(client.get(f"{BASE}/services/city.noise.xml"))
    assert root.tag == "service_definition"
    assert root.findtext("service_code") == "city.noise"
    attributes = root.findall("attributes/attribute")
    assert [a.findtext("code") for a in attributes] == ["kind", "urgency"]
    kind = attributes[0]
    assert kind.findtext("variable") == "true"
    assert kind.findtext("required") == "false"
    assert kind.findtext("datatype") == "singlevaluelist"
    keys = [v.findtext("key") for v in kind.findall("values/value")]
    assert "petition" not in keys and "hazard" in keys


def test_a_single_kind_category_has_no_kind_choice(client, city):
    body = client.get(f"{BASE}/services/consult.json").json()
    assert [a["code"] for a in body["attributes"]] == ["urgency"]
    assert body["attributes"][0]["order"] == 1


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("code", ["no.such.service", "labour", "petition"])
def test_unknown_service_is_404(client, city, fmt, code):
    description = assert_error(client.get(f"{BASE}/services/{code}.{fmt}"), fmt, 404)
    assert code in description
