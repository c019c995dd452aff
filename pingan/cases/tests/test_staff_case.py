"""The staff case page: header, description, timeline, linked reports, the reporter masked with an
audited reveal for the roles that need it, and 404 outside one's jurisdiction."""

import pytest
from django.urls import reverse

from pingan.cases.models import Case
from pingan.cases.tests.factories import act, case_in, new_case
from pingan.core.models import AuditEntry

HTMX = {"HTTP_HX_REQUEST": "true"}
PHONE = "13957309101"


def page(pk) -> str:
    return reverse("cases_staff:case", args=[pk])


def reveal(pk) -> str:
    return reverse("cases_staff:reveal-reporter", args=[pk])


@pytest.fixture
def signed(categories):
    return case_in("signed", reporter_phone=PHONE, reporter_name="赵丽华")


def test_the_page_shows_the_case(login_client, signed):
    response = login_client("city_leader").get(page(signed.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert signed.number in html
    assert "夜间施工噪音扰民" in html
    assert "梧桐街道办事处" in html  # the department
    assert 'data-status="signed"' in html
    assert 'data-light="green"' in html
    kinds = [row["event"].kind for row in response.context["events"]]
    assert kinds == ["create", "accept", "dispatch", "sign"]
    # A leader may remind and supervise a case being handled, and nothing else.
    assert [b["action"] for b in response.context["buttons"]] == ["remind", "supervise"]


def test_the_reporter_is_masked(login_client, signed):
    html = login_client("city_leader").get(page(signed.pk)).content.decode()
    assert "139****9101" in html and "赵*华" in html
    assert PHONE not in html and "赵丽华" not in html
    assert 'data-testid="reveal"' not in html  # a leader's work does not need it


def test_hotline_reveals_the_reporter_and_the_read_is_audited(login_client, signed):
    client = login_client("hotline")
    assert 'data-testid="reveal"' in client.get(page(signed.pk)).content.decode()
    before = AuditEntry.objects.filter(action="reveal").count()
    response = client.post(reveal(signed.pk), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert PHONE in html and "赵丽华" in html
    logged = AuditEntry.objects.filter(action="reveal").order_by("id")[before:]
    assert [row.changes["field"] for row in logged] == ["reporter_name", "reporter_phone"]
    assert {row.actor.username for row in logged} == {"hotline"}


def test_the_department_handler_may_reveal(login_client, signed):
    response = login_client("wutong_handler").post(reveal(signed.pk), **HTMX)
    assert PHONE in response.content.decode()


def test_leaders_may_not_reveal(login_client, signed):
    before = AuditEntry.objects.filter(action="reveal").count()
    client = login_client("city_leader")
    assert client.post(reveal(signed.pk)).status_code == 404
    # Through htmx the refusal is an alert in the page's slot.
    refused = client.post(reveal(signed.pk), **HTMX)
    assert refused["HX-Retarget"] == "#page-alerts"
    assert PHONE not in refused.content.decode()
    assert AuditEntry.objects.filter(action="reveal").count() == before


def test_an_anonymous_reporter_is_hidden_from_the_department(login_client, categories):
    case = case_in("signed", reporter_phone=PHONE, reporter_name="赵丽华", anonymous=True)
    html = login_client("wutong_handler").get(page(case.pk)).content.decode()
    assert "匿名反映" in html and "139****9101" not in html
    assert login_client("wutong_handler").post(reveal(case.pk)).status_code == 404
    # Intake staff still see who called (masked), and may reveal.
    assert "139****9101" in login_client("hotline").get(page(case.pk)).content.decode()


def test_out_of_jurisdiction_is_not_found(login_client, categories):
    gaoqiao = new_case(
        actor="gaoqiao_clerk",
        channel="window",
        kind="dispute",
        category="neighbour",
        region="330483004002",
        description="高桥村宅基地边界争执",
    )
    client = login_client("wutong_clerk")
    assert client.get(page(gaoqiao.pk)).status_code == 404
    assert client.post(reveal(gaoqiao.pk)).status_code == 404
    action = reverse("cases_staff:action", args=[gaoqiao.pk, "reject"])
    assert client.get(action, **HTMX)["HX-Retarget"] == "#page-alerts"
    assert client.post(action, {"reason": "x", "expected_version": 1}).status_code == 404
    assert Case.objects.get(pk=gaoqiao.pk).status == "accepted"
    assert login_client("wutong_handler").get(page(gaoqiao.pk)).status_code == 404


def test_merged_reports_are_listed_on_the_main_case(login_client, categories):
    main = case_in("accepted", description="金域兰庭工地拖欠工资")
    reports = [case_in("accepted", description="金域兰庭工地欠薪") for _ in range(3)]
    for report in reports:
        act("merge", report, "city_dispatcher", into=main)
    response = login_client("city_dispatcher").get(page(main.pk))
    html = response.content.decode()
    assert {r.pk for r in response.context["reports"]} == {r.pk for r in reports}
    assert all(r.number in html for r in reports)
    report_page = login_client("city_dispatcher").get(page(reports[0].pk)).content.decode()
    assert 'data-testid="merged-into"' in report_page and main.number in report_page


def test_the_page_costs_a_fixed_number_of_queries(
    login_client, categories, django_assert_max_num_queries
):
    main = case_in("accepted", description="金域兰庭工地拖欠工资")
    client = login_client("city_dispatcher")
    client.get(page(main.pk))
    with django_assert_max_num_queries(14) as few:
        client.get(page(main.pk))
    for _ in range(5):
        act(
            "merge",
            case_in("accepted", description="金域兰庭工地欠薪"),
            "city_dispatcher",
            into=main,
        )
    act("remind", main, "city_dispatcher", note="请尽快派单")
    with django_assert_max_num_queries(14) as many:
        client.get(page(main.pk))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_photos_are_served_with_access_checks(login_client, categories):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pingan.cases.tests.citizen_support import png_bytes

    png = png_bytes()
    case = new_case(photos=(SimpleUploadedFile("a.png", png, content_type="image/png"),))
    photo = case.photos.get()
    html = login_client("hotline").get(page(case.pk)).content.decode()
    url = f"/api/v1/cases/{case.pk}/photos/{photo.pk}"
    assert url in html
    assert login_client("hotline").get(url).status_code == 200
    assert login_client("gaoqiao_clerk").get(url).status_code == 404
