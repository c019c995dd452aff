"""In Chromium: the display screen shows the called numbers and updates itself after a call."""

import pytest

from pingan.hall.models import Ticket
from pingan.hall.services import ticket_call_next, ticket_no_show
from pingan.hall.tests.factories import take, user, window

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_display_shows_calls_and_updates(page, hall):
    take(), take(), take(kind="legal")
    ticket_call_next(window=window("wutong", 1), actor=user("wutong_clerk"))
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto("/hall/c/wutong/display/")
    assert page.inner_text("[data-testid=display-current]") == "A001"
    assert "综合窗口 1" in page.inner_text("[data-testid=display-calls]")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(5, 16, 31)"

    ticket_no_show(ticket=Ticket.objects.get(number="A001"), actor=user("wutong_clerk"))
    ticket_call_next(window=window("wutong", 1), actor=user("wutong_clerk"))
    page.wait_for_selector("[data-testid=display-current]:has-text('A002')", timeout=8000)
    assert "A001" in page.inner_text("[data-testid=display-calls]")
    assert not [e for e in errors if "Content Security Policy" in e]
