"""In Chromium: a visitor takes a number on a phone, the clerk calls it and answers on the spot."""

import pytest

from pingan.cases.models import Case
from pingan.hall.models import Matter, Ticket
from pingan.hall.tests.browser import call_and_start, login, look_up, take_on_phone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = "13957301050"


def test_phone_number_called_and_answered_on_the_spot(page, phone_page, hall, outbox):
    number = take_on_phone(phone_page, PHONE)
    assert number == "A001"
    assert "前面还有 0 人" in phone_page.inner_text("[data-testid=ticket-ahead]")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390

    login(page, "wutong_clerk")
    call_and_start(page, "A001")
    assert [m.phone for m in outbox("hall_ticket_called")] == [PHONE]

    phone_page.reload()
    phone_page.wait_for_selector("[data-testid=ticket-status][data-status=serving]")

    look_up(page, PHONE)
    page.fill("[data-testid=visitor-name]", "钱晓红")
    page.fill("[data-testid=purpose]", "咨询新居民子女入学需要哪些材料")
    page.select_option("[data-testid=category]", "consult")
    page.fill("[data-testid=answer]", "已告知居住证、社保证明等材料清单")
    page.click("[data-testid=resolve]")
    page.wait_for_selector("text=已当场办结")
    page.click("[data-testid=finish]")
    page.wait_for_selector("[data-testid=call-next]")

    case = Case.objects.get(channel="window")
    assert (case.status, case.kind, case.reporter_phone) == ("resolved_on_spot", "consult", PHONE)
    matter = Matter.objects.get(case=case)
    assert (matter.status, matter.visit_count) == ("settled", 1)
    ticket = Ticket.objects.get()
    assert ticket.status == "done" and ticket.service_seconds is not None
