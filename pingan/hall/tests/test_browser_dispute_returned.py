"""In Chromium: a second visitor's dispute is accepted at the window, the department
dispatches, signs for and answers it (through the cases services), and the answer goes back to
the visitor through the window."""

import pytest

from pingan.cases import services as cases
from pingan.hall.models import Matter
from pingan.hall.services import matters_answer_sweep
from pingan.hall.tests.browser import call_and_start, login, look_up, take_on_phone
from pingan.hall.tests.factories import user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = "13957301051"


def test_dispute_accepted_answered_and_handed_back(page, phone_page, hall, outbox):
    take_on_phone(phone_page, "13957301052")
    assert take_on_phone(phone_page, PHONE) == "A002"
    login(page, "wutong_clerk")
    # The first visitor left; the second is called next.
    page.goto("/hall/")
    page.click("[data-testid=call-next]")
    page.click("[data-testid=no-show]")
    page.wait_for_selector("[data-testid=call-next]")
    call_and_start(page, "A002")

    look_up(page, PHONE)
    page.fill("[data-testid=visitor-name]", "孙志强")
    page.fill("[data-testid=purpose]", "工地包工头拖欠 3 个月工资约 2.4 万元")
    page.select_option("[data-testid=kind]", "dispute")
    page.select_option("[data-testid=category]", "labour.wages")
    page.select_option("[data-testid=region]", "330483001011")
    page.click("[data-testid=accept]")
    page.wait_for_selector("text=已受理为工单")
    page.click("[data-testid=finish]")
    page.wait_for_selector("[data-testid=call-next]")

    matter = Matter.objects.get()
    case = matter.case
    assert (case.kind, case.channel, case.status) == ("dispute", "window", "accepted")
    case = cases.case_dispatch(case=case, actor=user("city_dispatcher"), department="wutong-office")
    case = cases.case_sign(case=case, actor=user("wutong_handler"))
    cases.case_answer(case=case, actor=user("wutong_handler"), answer="已责令包工头月底前结清工资")
    assert matters_answer_sweep() == 1
    [sms] = outbox("hall_answer_ready")
    assert sms.phone == PHONE and case.number in sms.body

    # The visitor comes back with a new number and gets the answer at the window.
    assert take_on_phone(phone_page, PHONE) == "A003"
    call_and_start(page, "A003")
    look_up(page, PHONE)
    assert "已责令包工头月底前结清工资" in page.inner_text("[data-testid=matter-answer]")
    page.click("[data-testid=hand-over]")
    page.wait_for_selector("text=已交付答复")

    matter.refresh_from_db()
    assert (matter.status, matter.return_method, matter.visit_count) == ("settled", "window", 2)
    assert matter.visits.count() == 2
