"""The citizen's journey on a phone-sized screen: report with a photo and the phone's location,
get the case number (the query code arrives by SMS), and, after the department has answered,
track the case and rate the answer."""

import pytest
from django.core.cache import cache

from pingan.cases.models import Case
from pingan.cases.tests.citizen_support import answer, png_bytes, query_code_in
from pingan.notify.models import OutboxMessage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def city(settings, tmp_path):
    from pingan.cases.demo import seed_categories
    from pingan.org import demo

    settings.MEDIA_ROOT = tmp_path / "media"
    # The database cache outlives a transactional test's flush: start without old counters.
    cache.clear()
    demo.seed()
    seed_categories()


def no_sideways_scrolling(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_citizen_reports_on_a_phone_and_later_rates_the_answer(phone_page, city):
    page = phone_page
    errors = []  # a CSP violation or a script error shows up here
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 30.6301, "longitude": 120.5654})

    page.goto("/report/")
    page.get_by_text("投诉", exact=True).click()
    page.select_option("#id_group", "city")
    page.select_option("#id_category", "city.noise")  # appears once the group is chosen (htmx)
    page.select_option("#id_town", "330483001")
    page.select_option("#id_village", "330483001015")
    page.fill("#id_address", "庆丰路 8 号工地")
    page.get_by_test_id("geolocate").click()
    page.get_by_text("已附上您现在的位置").wait_for()
    page.fill("#id_description", "工地每天夜里十一点后还在打桩，吵得睡不着。")
    page.set_input_files(
        "#id_photos", files=[{"name": "site.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    page.locator("[data-photo-previews] img").wait_for()
    page.fill("#id_phone", "13957309001")
    assert no_sideways_scrolling(page)
    submit = page.get_by_test_id("report-submit")
    assert submit.bounding_box()["height"] >= 44  # a thumb-sized target
    submit.click()

    number = page.get_by_test_id("case-number").inner_text().strip()
    case = Case.objects.get(number=number)
    assert (case.channel, case.photos.count()) == ("online", 1)
    assert case.latitude is not None
    sms = OutboxMessage.objects.get(template_code="case_received", object_id=str(case.pk))
    code = query_code_in(sms)
    assert code not in page.content()

    answer(case, "已责令工地晚上十点后停止施工，并安排夜间巡查。")

    page.get_by_test_id("go-track").click()
    assert page.input_value("#id_number") == number
    page.fill("#id_code", code)
    page.get_by_test_id("track-submit").click()
    page.get_by_test_id("answer").get_by_text("已责令工地晚上十点后停止施工").wait_for()
    assert page.get_by_test_id("status").inner_text() == "已答复"
    assert no_sideways_scrolling(page)

    page.get_by_text("满意", exact=True).click()
    page.fill("#id_comment", "处理很及时，谢谢")
    page.get_by_test_id("rate-submit").click()

    page.get_by_test_id("rate-thanks").wait_for()
    assert page.get_by_test_id("status").inner_text() == "已办结"
    case.refresh_from_db()
    assert (case.status, case.satisfaction) == ("closed", "satisfied")
    assert errors == []
