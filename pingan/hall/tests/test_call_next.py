"""Calling the next number: only someone who serves the window (a clerk posted there, or the
person on duty there now) may; anyone else is refused clearly and nothing changes."""

import datetime

import pytest
from django.urls import reverse

from pingan.core.errors import DomainError
from pingan.hall.models import Ticket, TicketEvent
from pingan.hall.services import ticket_call_next, ticket_no_show, ticket_recall
from pingan.hall.tests.factories import at, post_at, slot, take, user, window
from pingan.notify.models import OutboxMessage
from pingan.org.roles import Role


def test_the_posted_clerk_calls_the_longest_waiting_number(hall, outbox):
    first = take(phone="13957301072")
    take()
    called = ticket_call_next(window=window("wutong", 1), actor=user("wutong_clerk"))
    assert called.pk == first.pk
    assert (called.status, called.window.number, called.called_by.username) == (
        "called",
        1,
        "wutong_clerk",
    )
    [sms] = outbox("hall_ticket_called")
    assert "A001" in sms.body and "综合窗口 1" in sms.body


def test_a_clerk_not_posted_at_the_window_is_refused(hall):
    take()
    # Same centre, same role, but posted at 综合窗口 1 only.
    with pytest.raises(DomainError) as refused:
        ticket_call_next(window=window("wutong", 2), actor=user("wutong_clerk"))
    assert refused.value.code == "not_posted" and refused.value.status == 403
    assert "综合窗口 2" in str(refused.value.message)
    assert Ticket.objects.get().status == "waiting"
    assert TicketEvent.objects.count() == 1


def test_the_page_button_says_so(hall, login_client):
    take()
    client = login_client("wutong_clerk")
    response = client.post(
        reverse("hall:call-next", args=[window("wutong", 2).pk]), HTTP_HX_REQUEST="true"
    )
    assert response["HX-Retarget"] == "#page-alerts"
    assert "不能在此叫号" in response.content.decode()
    assert Ticket.objects.get().status == "waiting"


def test_the_api_says_so(hall, login_client):
    take()
    client = login_client("wutong_clerk")
    response = client.post(f"/api/v1/hall/windows/{window('wutong', 2).pk}/call-next")
    assert response.status_code == 403 and response.json()["code"] == "not_posted"
    ok = client.post(f"/api/v1/hall/windows/{window('wutong', 1).pk}/call-next")
    assert ok.status_code == 200 and ok.json()["number"] == "A001"


def test_a_clerk_of_another_town_does_not_even_see_the_window(hall, login_client):
    take()
    client = login_client("gaoqiao_clerk")
    response = client.post(f"/api/v1/hall/windows/{window('wutong', 1).pk}/call-next")
    assert response.status_code == 404
    assert Ticket.objects.get().status == "waiting"


def test_the_person_on_duty_calls_at_their_legal_window_only_during_their_half_day(hall):
    legal = window("wutong", 3)
    with at(2026, 12, 1, 9, 0):
        slot(legal, datetime.date(2026, 12, 1), "am", "duty_judge")
        take(kind="legal")
        called = ticket_call_next(window=legal, actor=user("duty_judge"))
        assert called.number == "L001"
        ticket_no_show(ticket=called, actor=user("duty_judge"))
        take(kind="legal")
    with at(2026, 12, 1, 14, 0), pytest.raises(DomainError) as refused:
        ticket_call_next(window=legal, actor=user("duty_judge"))
    assert refused.value.code == "not_posted"


def test_one_number_at_a_time_and_an_empty_queue(hall):
    clerk = user("wutong_clerk")
    win = window("wutong", 1)
    with pytest.raises(DomainError) as empty:
        ticket_call_next(window=win, actor=clerk)
    assert empty.value.code == "queue_empty"
    take(), take()
    first = ticket_call_next(window=win, actor=clerk)
    with pytest.raises(DomainError) as busy:
        ticket_call_next(window=win, actor=clerk)
    assert busy.value.code == "window_busy" and first.number in str(busy.value.message)
    assert Ticket.objects.filter(status="waiting").count() == 1


def test_two_windows_of_a_kind_share_the_queue(hall):
    post_at("wutong_clerk", window("wutong", 2))
    clerk = user("wutong_clerk")
    take(), take()
    a = ticket_call_next(window=window("wutong", 1), actor=clerk)
    b = ticket_call_next(window=window("wutong", 2), actor=clerk)
    assert (a.number, b.number) == ("A001", "A002")


def test_recall_sends_the_sms_again_and_counts(hall):
    clerk = user("wutong_clerk")
    take(phone="13957301073")
    ticket = ticket_call_next(window=window("wutong", 1), actor=clerk)
    ticket = ticket_recall(ticket=ticket, actor=clerk)
    assert ticket.recall_count == 1
    assert OutboxMessage.objects.filter(template_code="hall_ticket_called").count() == 2


def test_only_a_clerk_post_makes_a_posting_valid(hall):
    from django.core.exceptions import ValidationError

    from pingan.hall.models import WindowAssignment

    assignment = WindowAssignment(user=user("duty_judge"), window=window("wutong", 2))
    with pytest.raises(ValidationError):
        assignment.full_clean()
    assert user("wutong_clerk").posts.filter(role=Role.CLERK).exists()
