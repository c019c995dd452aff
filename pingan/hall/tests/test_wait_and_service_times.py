"""Waiting time (taken → first called) and service time (started → finished) are recorded,
each transition appends to the ticket's timeline, and a wrong order is refused."""

import pytest

from pingan.core.errors import DomainError
from pingan.hall import selectors
from pingan.hall.models import ServiceCentre, TicketEvent
from pingan.hall.services import (
    ticket_call_next,
    ticket_cancel,
    ticket_finish,
    ticket_no_show,
    ticket_start,
)
from pingan.hall.tests.factories import at, take, user, window


def test_times_are_recorded(hall):
    clerk = user("wutong_clerk")
    with at(2026, 12, 1, 9, 0):
        ticket = take()
    with at(2026, 12, 1, 9, 12):
        ticket = ticket_call_next(window=window("wutong", 1), actor=clerk)
    with at(2026, 12, 1, 9, 13):
        ticket = ticket_start(ticket=ticket, actor=clerk)
    with at(2026, 12, 1, 9, 25):
        ticket = ticket_finish(ticket=ticket, actor=clerk)
    assert (ticket.wait_seconds, ticket.service_seconds, ticket.status) == (720, 720, "done")
    events = list(TicketEvent.objects.filter(ticket=ticket).values_list("action", "to_status"))
    assert events == [
        ("take", "waiting"),
        ("call", "called"),
        ("start", "serving"),
        ("finish", "done"),
    ]
    with at(2026, 12, 1, 10, 0):
        [stats, _legal] = selectors.queue_stats(ServiceCentre.objects.get(slug="wutong"))
    assert (stats.taken, stats.served, stats.avg_wait_minutes, stats.avg_service_minutes) == (
        1,
        1,
        12.0,
        12.0,
    )


def test_wrong_order_is_refused_and_changes_nothing(hall):
    clerk = user("wutong_clerk")
    take()
    ticket = ticket_call_next(window=window("wutong", 1), actor=clerk)
    with pytest.raises(DomainError) as refused:
        ticket_finish(ticket=ticket, actor=clerk)
    assert refused.value.code == "invalid_transition" and refused.value.status == 409
    ticket.refresh_from_db()
    assert ticket.status == "called" and ticket.finished_at is None
    ticket_no_show(ticket=ticket, actor=clerk)
    with pytest.raises(DomainError):
        ticket_start(ticket=ticket, actor=clerk)
    assert TicketEvent.objects.filter(ticket=ticket).count() == 3


def test_only_whoever_serves_the_window_moves_its_ticket(hall):
    take()
    ticket = ticket_call_next(window=window("wutong", 1), actor=user("wutong_clerk"))
    with pytest.raises(DomainError) as refused:
        ticket_start(ticket=ticket, actor=user("duty_judge"))
    assert refused.value.code == "not_posted"


def test_the_visitor_cancels_a_waiting_number_only(hall, client):
    ticket = take()
    response = client.post(f"/hall/c/wutong/t/{ticket.token}/cancel/")
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == "cancelled"
    with pytest.raises(DomainError):
        ticket_cancel(ticket=ticket)
