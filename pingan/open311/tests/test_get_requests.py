"""GET requests and GET requests/{id}: what happened to posted requests, in JSON and XML, with
the spec's filters and limits; the case's status, deadline and department come back."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from pingan.cases.tests.factories import act, new_case
from pingan.open311 import params
from pingan.open311.tests.conftest import BASE, assert_error, parse_xml

FIELDS = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
]


def local_w3c(moment):
    return timezone.localtime(moment).isoformat(timespec="seconds")


def one(client, number, fmt="json"):
    response = client.get(f"{BASE}/requests/{number}.{fmt}")
    assert response.status_code == 200, response.content.decode()
    if fmt == "xml":
        (row,) = parse_xml(response).findall("request")
        return row
    (row,) = response.json()
    return row


def test_a_new_request(client, city, created):
    case = created().case
    row = one(client, case.number)
    assert list(row) == FIELDS
    assert row["service_request_id"] == case.number
    assert row["status"] == "open"
    assert row["status_notes"] == "待受理"
    assert row["service_code"] == "city.noise"
    assert row["service_name"] == "噪音扰民"
    assert row["description"] == case.description
    assert row["agency_responsible"] is None
    assert row["expected_datetime"] is None
    assert row["requested_datetime"] == local_w3c(case.created_at)
    assert row["requested_datetime"].endswith("+08:00")
    assert row["address"] == "庆丰路工地"
    assert row["address_id"] == "330483001"
    assert row["lat"] == pytest.approx(30.6321) and row["long"] == pytest.approx(120.5652)
    assert row["media_url"] is None


def test_accepted_dispatched_then_closed(client, city, created):
    case = created().case
    case = act("accept", case, "hotline")
    row = one(client, case.number)
    assert row["status"] == "open"
    assert row["expected_datetime"] == local_w3c(case.due_at)
    case = act("dispatch", case, "city_dispatcher", department="wutong-office")
    case = act("sign", case, "wutong_handler")
    case = act("answer", case, "wutong_handler", answer="已责令工地22点后停工")
    row = one(client, case.number)
    assert row["status"] == "open"  # answered, waiting for the follow-up
    assert row["agency_responsible"] == case.department.name
    assert "已责令" not in str(row)
    case = act("close", case, "city_dispatcher")
    row = one(client, case.number)
    assert row["status"] == "closed"
    assert row["status_notes"] == "已办结"
    assert row["updated_datetime"] == local_w3c(case.closed_at)
    assert row["expected_datetime"] == local_w3c(case.due_at)

    xml_row = one(client, case.number, "xml")
    assert [child.tag for child in xml_row] == FIELDS
    assert xml_row.findtext("status") == "closed"
    assert xml_row.findtext("expected_datetime") == local_w3c(case.due_at)
    assert xml_row.find("zipcode").text is None


def test_rejected_is_closed(client, city, created):
    case = act("reject", created().case, "hotline", reason="不属于受理范围")
    row = one(client, case.number)
    assert (row["status"], row["status_notes"]) == ("closed", "不予受理")


def test_a_merged_request_follows_its_main_case(client, city, created):
    main = new_case()  # taken by the hotline, so accepted at once
    report = act("merge", created().case, "city_dispatcher", into=main)
    row = one(client, report.number)
    assert row["status"] == "open"
    assert main.number in row["status_notes"]
    assert row["expected_datetime"] == local_w3c(main.due_at)
    main = act("dispatch", main, "city_dispatcher", department="wutong-office")
    main = act("sign", main, "wutong_handler")
    main = act("answer", main, "wutong_handler", answer="已处理")
    act("close", main, "city_dispatcher")
    assert one(client, report.number)["status"] == "closed"


def test_cases_from_other_channels_are_not_published(client, city, created):
    hotline_case = new_case()
    assert_error(client.get(f"{BASE}/requests/{hotline_case.number}.json"), "json", 404)
    created()
    numbers = [r["service_request_id"] for r in client.get(f"{BASE}/requests.json").json()]
    assert hotline_case.number not in numbers and len(numbers) == 1


def test_list_json_and_xml(client, city, created):
    first, second = created().case, created(service_code="consult").case
    rows = client.get(f"{BASE}/requests.json").json()
    assert [r["service_request_id"] for r in rows] == [second.number, first.number]
    root = parse_xml(client.get(f"{BASE}/requests.xml"))
    assert root.tag == "service_requests"
    assert [r.findtext("service_request_id") for r in root.findall("request")] == [
        second.number,
        first.number,
    ]


def test_filters(client, city, created):
    noise, consult = created().case, created(service_code="consult").case
    act("reject", consult, "hotline", reason="重复")

    def numbers(**query):
        response = client.get(f"{BASE}/requests.json", query)
        assert response.status_code == 200, response.content.decode()
        return {r["service_request_id"] for r in response.json()}

    assert numbers(service_code="consult") == {consult.number}
    assert numbers(service_code="consult,city.noise") == {consult.number, noise.number}
    assert numbers(status="open") == {noise.number}
    assert numbers(status="closed") == {consult.number}
    assert numbers(status="open,closed") == {noise.number, consult.number}
    # service_request_id overrides every other argument.
    assert numbers(service_request_id=f"{consult.number}, {noise.number}", status="open") == {
        noise.number,
        consult.number,
    }
    assert numbers(service_request_id="GD19990101999") == set()


def test_date_range(client, city, created):
    now = timezone.now()
    with time_machine.travel(now - timedelta(days=120), tick=False):
        old = created().case
    recent = created().case

    def numbers(**query):
        response = client.get(f"{BASE}/requests.json", query)
        assert response.status_code == 200, response.content.decode()
        return {r["service_request_id"] for r in response.json()}

    # Without dates: the most recent 90 days.
    assert numbers() == {recent.number}
    start = (now - timedelta(days=125)).strftime("%Y-%m-%dT%H:%M:%SZ")
    end = (now - timedelta(days=100)).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    assert numbers(start_date=start, end_date=end) == {old.number}
    # Only a start: 90 days from it.
    assert numbers(start_date=start) == {old.number}
    # Only an end: the 90 days before it.
    assert numbers(end_date=end) == {old.number}
    # An unencoded "+" arrives as a space; it is read as the offset it was.
    spaced = (now - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%S 08:00")
    assert numbers(start_date=spaced) == {recent.number}


def test_at_most_1000_results(client, city, created, monkeypatch):
    monkeypatch.setattr(params, "MAX_RESULTS", 2)
    for _ in range(3):
        created()
    assert len(client.get(f"{BASE}/requests.json").json()) == 2


def test_list_query_count_does_not_grow(client, city, created, django_assert_max_num_queries):
    for _ in range(2):
        created()
    with django_assert_max_num_queries(3):
        assert len(client.get(f"{BASE}/requests.json").json()) == 2
    for _ in range(3):
        created()
    with django_assert_max_num_queries(3):
        assert len(client.get(f"{BASE}/requests.xml").content) > 0


def test_the_case_has_its_timeline(city, created):
    # Made through case_create, so the case starts its timeline like every other intake.
    assert [e.kind for e in created().case.events.all()] == ["create"]
