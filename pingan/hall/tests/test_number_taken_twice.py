"""One place in the queue per phone per centre per day: a second number while the first is
still waiting is refused with a clear message, and nothing changes."""

import pytest
from django.urls import reverse

from pingan.core.errors import DomainError
from pingan.hall.models import Ticket
from pingan.hall.services import ticket_call_next, ticket_finish, ticket_start
from pingan.hall.tests.factories import at, take, user, window

PHONE = "13957301071"


def test_second_number_for_the_same_phone_is_refused(hall):
    first = take(phone=PHONE)
    with pytest.raises(DomainError) as refused:
        take(kind="legal", phone="139 5730 1071")
    assert refused.value.code == "already_in_queue"
    assert refused.value.status == 409
    assert first.number in str(refused.value.message)
    assert Ticket.objects.count() == 1


def test_after_being_served_the_phone_may_take_another(hall):
    first = take(phone=PHONE)
    clerk = user("wutong_clerk")
    ticket_call_next(window=window("wutong", 1), actor=clerk)
    ticket_start(ticket=first, actor=clerk)
    ticket_finish(ticket=first, actor=clerk)
    assert take(phone=PHONE).number == "A002"


def test_another_day_or_another_centre_is_another_place(hall):
    with at(2026, 12, 1, 9, 0):
        take(phone=PHONE)
        assert take("gaoqiao", phone=PHONE).number == "A001"
    with at(2026, 12, 2, 9, 0):
        assert take(phone=PHONE).number == "A001"


def test_the_page_says_so_and_changes_nothing(hall, client):
    take(phone=PHONE)
    url = reverse("hall:take", args=["wutong"])
    response = client.post(url, {"kind": "comprehensive", "phone": PHONE})
    assert response.status_code == 409
    assert "请勿重复取号" in response.content.decode()
    assert Ticket.objects.count() == 1


def test_the_api_says_so_and_changes_nothing(hall, client):
    take(phone=PHONE)
    response = client.post(
        "/api/v1/hall/centres/wutong/tickets",
        {"kind": "comprehensive", "phone": PHONE},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json()["code"] == "already_in_queue"
    assert Ticket.objects.count() == 1
