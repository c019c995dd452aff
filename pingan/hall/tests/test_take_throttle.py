"""One address takes at most a few numbers an hour (pingan/hall/throttle.py): a script cannot
empty a centre's queue or have strangers texted; the hall's own kiosks are not counted."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from pingan.core import throttle as core_throttle
from pingan.hall.models import Ticket

TAKE = reverse("hall:take", args=["wutong"])
API = "/api/v1/hall/centres/wutong/tickets"


def _phone(n: int) -> str:
    return f"139573021{n:02d}"


def _take_on_page(client, n, *, kiosk=False):
    url = f"{TAKE}?kiosk=1" if kiosk else TAKE
    return client.post(url, {"kind": "comprehensive", "phone": _phone(n)})


def test_an_address_takes_five_numbers_an_hour_on_the_page(hall, settings):
    assert settings.PINGAN_HALL_TICKETS_PER_HOUR == 5
    client = Client(REMOTE_ADDR="203.0.113.20")
    for n in range(5):
        assert _take_on_page(client, n).status_code == 302
    refused = _take_on_page(client, 5)
    assert refused.status_code == 429
    assert "取号过于频繁" in refused.content.decode()
    assert Ticket.objects.count() == 5
    # ?kiosk=1 alone does not make a kiosk.
    assert _take_on_page(client, 6, kiosk=True).status_code == 429
    # Another address is not affected.
    assert _take_on_page(Client(REMOTE_ADDR="203.0.113.21"), 7).status_code == 302
    assert Ticket.objects.count() == 6


def test_the_api_counts_the_same_and_answers_in_the_error_model(hall):
    client = Client(REMOTE_ADDR="203.0.113.30")
    for n in range(5):
        body = {"kind": "comprehensive", "phone": _phone(n)}
        assert client.post(API, body, content_type="application/json").status_code == 201
    refused = client.post(
        API, {"kind": "comprehensive", "phone": _phone(9)}, content_type="application/json"
    )
    assert refused.status_code == 429
    assert refused.json()["code"] == "too_many_tickets"
    assert Ticket.objects.count() == 5


def test_the_window_passes(hall, monkeypatch):
    client = Client(REMOTE_ADDR="203.0.113.40")
    for n in range(5):
        _take_on_page(client, n)
    assert _take_on_page(client, 5).status_code == 429
    later = time.time() + 3601
    monkeypatch.setattr(core_throttle.time, "time", lambda: later)
    assert _take_on_page(client, 6).status_code == 302


@pytest.mark.parametrize("kiosks", [["198.51.100.7"], ["198.51.100.0/24"]])
def test_the_halls_kiosks_are_not_counted(hall, settings, kiosks):
    settings.PINGAN_HALL_KIOSK_ADDRESSES = kiosks
    kiosk = Client(REMOTE_ADDR="198.51.100.7")
    for n in range(8):
        # Without a phone, as most people at a kiosk take a paper slip.
        response = kiosk.post(f"{TAKE}?kiosk=1", {"kind": "comprehensive", "phone": ""})
        assert response.status_code == 302, n
    assert Ticket.objects.count() == 8
