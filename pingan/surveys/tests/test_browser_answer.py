"""On a phone-sized Chromium: a resident opens 屠甸镇's survey link, answers, gets the SMS code
and submits; the answer shows in the survey's rates."""

import pytest

from pingan.people.testing import last_phone_code
from pingan.surveys import rates
from pingan.surveys.tests.factories import survey_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = "13957305110"


def test_answer_on_a_phone(phone_page, demo_city):
    survey = survey_of()
    page = phone_page
    page.goto(f"/surveys/s/{survey.token}/")
    page.get_by_label("知道", exact=True).check()
    page.get_by_label("参加过").check()
    page.locator("label[for$='r4']").click()
    page.get_by_role("checkbox", name="短信").check()
    page.select_option("#id_region", label="屠甸村")
    page.fill("[data-testid=phone]", PHONE)
    page.click("[data-testid=send-code]")
    page.wait_for_selector("[data-testid=answer-notice]")
    # What was ticked survives the round trip for the code.
    assert page.get_by_label("参加过").is_checked()
    page.fill("[data-testid=code]", last_phone_code(PHONE))
    page.screenshot(path="/tmp/pa_survey_phone.png", full_page=True)
    page.click("[data-testid=submit]")
    page.wait_for_selector("[data-testid=done]")
    figures = rates.survey_rates(survey)
    assert [(r.numerator, r.denominator) for r in figures.values()] == [(1, 1), (1, 1), (1, 1)]
    response = survey.responses.get()
    assert response.region.code == "330483103001" and response.channel == "online"
