"""POST requests: a posted report becomes an online work order through the cases services,
visible in /api/v1/cases, placed in a region by its location, with the spec's answer."""

import pytest

from pingan.cases.models import Case
from pingan.open311.models import LocationSource, Open311Request
from pingan.open311.tests.conftest import BASE, FAR_POINT, PHONE, VALID, parse_xml


def test_post_json_creates_an_online_case(client, city, submit):
    response = submit("json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    (row,) = response.json()
    assert set(row) == {"service_request_id", "service_notice", "account_id"}
    assert row["account_id"] == "app-user-42"
    case = Case.objects.get(number=row["service_request_id"])
    assert row["service_notice"].startswith(f"已登记为工单 {case.number}")
    assert "15 个工作日" in row["service_notice"]
    assert case.channel == "online"
    assert case.status == "new"
    assert case.kind == "complaint"
    assert case.category.code == "city.noise"
    assert case.region.code == "330483001"
    assert case.reporter_phone == PHONE
    assert case.reporter_name == "王建国"
    assert case.address == "庆丰路工地"
    assert str(case.latitude) == "30.632100" and str(case.longitude) == "120.565200"
    request = case.open311
    assert request.client.name == "演示客户端"
    assert request.location_source == LocationSource.POINT


def test_post_xml_answer(client, city, submit):
    root = parse_xml(submit("xml", account_id=None))
    assert root.tag == "service_requests"
    (request,) = root.findall("request")
    assert [child.tag for child in request] == [
        "service_request_id",
        "service_notice",
        "account_id",
    ]
    assert Case.objects.filter(number=request.findtext("service_request_id")).exists()
    # No account_id sent: the element is there, empty (null in JSON).
    assert request.find("account_id").text is None


def test_the_case_is_in_the_cases_api(client, city, created, persona):
    request = created()
    client.force_login(persona("hotline"))
    response = client.get("/api/v1/cases", {"q": request.case.number})
    assert response.status_code == 200
    (row,) = response.json()["items"]
    assert row["number"] == request.case.number
    assert row["channel"] == "online"
    assert row["status"] == "new"


def test_the_reporter_gets_the_number_by_sms(city, created):
    from pingan.notify.models import OutboxMessage

    request = created()
    message = OutboxMessage.objects.get(template_code="case_received")
    assert request.case.number in message.body


def test_kind_and_urgency_attributes(city, created):
    request = created(
        service_code="labour.wages",
        **{"attribute[kind]": "help", "attribute[urgency]": "urgent", "attribute[other]": "x"},
    )
    case = request.case
    assert case.kind == "help"
    # The citizen's word on urgency is shown to intake staff; the case is not made urgent.
    assert case.title.startswith("【市民称紧急】")
    assert case.urgent is False
    assert request.attributes == {"kind": "help", "urgency": "urgent"}


def test_single_kind_category_takes_its_kind(city, created):
    assert created(service_code="consult").case.kind == "consult"


def test_location_by_address_id(city, created):
    request = created(lat=None, long=None, address_string=None, address_id="330483004001")
    assert request.case.region.code == "330483004001"
    assert request.location_source == LocationSource.ADDRESS_ID


def test_location_by_region_name_in_the_address(city, created):
    request = created(lat=None, long=None, address_string="梧桐街道桃园村村委会东侧")
    assert request.case.region.name == "桃园村"
    assert request.location_source == LocationSource.ADDRESS_TEXT


@pytest.mark.parametrize(
    "changes",
    [
        {"lat": FAR_POINT[0], "long": FAR_POINT[1], "address_string": "某小区门口"},
        {"lat": None, "long": None, "address_string": "某小区门口"},
    ],
)
def test_unplaceable_locations_go_to_the_default_region(city, created, changes):
    request = created(**changes)
    assert request.case.region.code == "330483"
    assert request.location_source == LocationSource.DEFAULT


def test_default_region_is_a_setting(city, created, settings):
    settings.PINGAN_OPEN311_DEFAULT_REGION = "330483004"
    request = created(lat=None, long=None, address_string="某小区门口")
    assert request.case.region.code == "330483004"


def test_media_url_is_recorded_and_published(client, city, created):
    url = "https://img.example.com/p/1.jpg?a=1&b=<2>"
    request = created(media_url=url)
    assert request.media_url == url
    body = client.get(f"{BASE}/requests/{request.case.number}.json").json()
    assert body[0]["media_url"] == url
    root = parse_xml(client.get(f"{BASE}/requests/{request.case.number}.xml"))
    assert root.findtext("request/media_url") == url


def test_jurisdiction_id_of_the_city_is_accepted(city, created):
    assert created(jurisdiction_id="330483").case.channel == "online"


def test_api_key_in_the_query_string(client, city):
    data = {k: v for k, v in VALID.items() if k != "api_key"}
    response = client.post(f"{BASE}/requests.json?api_key={VALID['api_key']}", data)
    assert response.status_code == 200
    assert Open311Request.objects.count() == 1
