"""Numbers run per centre, per day and per window kind: A001, A002 … at comprehensive windows,
L001 … at legal-service windows; each centre and each day starts again at 1."""

import datetime

import pytest
import time_machine

from pingan.core.errors import DomainError
from pingan.hall.models import Ticket, TicketEvent
from pingan.hall.services import queue
from pingan.hall.tests.factories import at, take


def test_numbers_per_kind(hall):
    with at(2026, 12, 1, 9, 0):
        numbers = [take().number, take().number, take(kind="legal").number, take().number]
    assert numbers == ["A001", "A002", "L001", "A003"]


def test_each_centre_and_each_day_start_again(hall):
    with at(2026, 12, 1, 9, 0):
        assert take("wutong").number == "A001"
        assert take("gaoqiao").number == "A001"
        assert take("wutong").number == "A002"
    with at(2026, 12, 2, 8, 31):
        assert take("wutong").number == "A001"
    assert Ticket.objects.filter(centre__slug="wutong", seq=1).count() == 2


def test_the_day_is_the_local_day(hall):
    # 23:30 UTC is 07:30 the next morning in Shanghai.
    with time_machine.travel(
        datetime.datetime(2026, 12, 1, 23, 30, tzinfo=datetime.UTC), tick=False
    ):
        ticket = take()
    assert str(ticket.business_date) == "2026-12-02"


def test_a_taken_number_has_a_timeline_and_a_private_token(hall):
    ticket = take(phone="13957301070")
    event = TicketEvent.objects.get(ticket=ticket)
    assert (event.action, event.to_status) == ("take", "waiting")
    assert len(ticket.token) >= 24 and ticket.phone == "13957301070"


def test_a_kind_without_an_open_window_is_refused(hall):
    from pingan.hall.models import Window

    Window.objects.filter(centre__slug="gaoqiao", kind__code="legal").update(is_active=False)
    with pytest.raises(DomainError) as refused:
        take("gaoqiao", kind="legal")
    assert refused.value.code == "unknown_window_kind"
    assert not Ticket.objects.exists()


def test_the_day_runs_out_of_numbers_at_999(hall, monkeypatch):
    monkeypatch.setattr(queue, "MAX_SEQ", 2)
    take(), take()
    with pytest.raises(DomainError) as refused:
        take()
    assert refused.value.code == "queue_full"
    assert Ticket.objects.count() == 2
    assert take(kind="legal").number == "L001"
