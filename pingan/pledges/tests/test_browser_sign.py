"""A resident signs a pledge on a phone-sized screen, with the SMS code from their phone."""

import pytest

from pingan.people.testing import last_phone_code
from pingan.pledges.models import Signature

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = "13957307301"


def test_a_resident_signs_on_a_phone(demo_city, persona, phone_page):
    from pingan.org.models import Region
    from pingan.pledges.tests.factories import published_pledge

    pledge = published_pledge(persona("wutong_pingan"), Region.objects.get(code="330483001010"))
    page = phone_page
    page.goto(f"/pledges/p/{pledge.token}/")
    assert page.inner_text("[data-testid=pledge-title]") == pledge.title
    page.fill("[data-testid=sign-name]", "陆志明")
    page.fill("[data-testid=sign-household]", "城北村3组12号")
    page.fill("[data-testid=sign-phone]", PHONE)
    page.click("[data-testid=sign-send-code]")
    page.wait_for_selector("[data-testid=sign-notice]")
    # The typed values are kept; the resident reads the code from the SMS.
    assert page.input_value("[data-testid=sign-name]") == "陆志明"
    page.fill("[data-testid=sign-code]", last_phone_code(PHONE))
    page.click("[data-testid=sign-submit]")
    page.wait_for_selector("[data-testid=sign-done]")
    assert "陆*明" in page.inner_text("[data-testid=sign-done]")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll
    signature = Signature.objects.get(pledge=pledge)
    assert signature.channel == Signature.Channel.ONLINE and signature.person.phone == PHONE
