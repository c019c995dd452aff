"""The display screen: the latest calls of the day, newest first, and how many wait per kind;
the page polls its state fragment (htmx) and carries no inline script."""

import re

from django.urls import reverse

from pingan.hall import selectors
from pingan.hall.models import ServiceCentre
from pingan.hall.services import ticket_call_next, ticket_recall, ticket_start
from pingan.hall.tests.factories import post_at, take, user, window


def _centre():
    return ServiceCentre.objects.get(slug="wutong")


def test_state_lists_calls_newest_first_with_their_windows(hall):
    post_at("wutong_clerk", window("wutong", 2))
    clerk = user("wutong_clerk")
    take(), take(), take(), take(kind="legal")
    first = ticket_call_next(window=window("wutong", 1), actor=clerk)
    ticket_call_next(window=window("wutong", 2), actor=clerk)
    state = selectors.display_state(_centre())
    assert [(t.number, t.window.name) for t in state["calls"]] == [
        ("A002", "综合窗口 2"),
        ("A001", "综合窗口 1"),
    ]
    waiting = {row["kind"].code: row["count"] for row in state["waiting"]}
    assert waiting == {"comprehensive": 1, "legal": 1}
    # A recall puts the number back on top.
    ticket_recall(ticket=first, actor=clerk)
    assert selectors.display_state(_centre())["calls"][0].number == "A001"


def test_the_page_and_its_fragment(hall, client):
    take()
    ticket_call_next(window=window("wutong", 1), actor=user("wutong_clerk"))
    page = client.get(reverse("hall:display", args=["wutong"]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'hx-trigger="every 3s"' in html
    assert "A001" in html and "综合窗口 1" in html
    # CSP-safe: every script is a file.
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert " style=" not in html
    fragment = client.get(reverse("hall:display-state", args=["wutong"]))
    assert fragment.status_code == 200
    assert fragment.content.decode().lstrip().startswith('<div id="display-state"')


def test_the_polled_fragment_costs_a_few_queries(hall, client, django_assert_max_num_queries):
    for _n in range(6):
        take()
    ticket_call_next(window=window("wutong", 1), actor=user("wutong_clerk"))
    with django_assert_max_num_queries(4):
        client.get(reverse("hall:display-state", args=["wutong"]))


def test_the_fragment_shows_a_new_call(hall, client):
    take(), take()
    url = reverse("hall:display-state", args=["wutong"])
    assert "A001" not in client.get(url).content.decode().split("display-calls")[1]
    ticket_call_next(window=window("wutong", 1), actor=user("wutong_clerk"))
    assert 'data-number="A001"' in client.get(url).content.decode()


def test_the_api_state(hall, client):
    take()
    ticket = ticket_call_next(window=window("wutong", 1), actor=user("wutong_clerk"))
    ticket_start(ticket=ticket, actor=user("wutong_clerk"))
    body = client.get("/api/v1/hall/centres/wutong/display").json()
    assert body["centre"] == "梧桐街道信访超市"
    assert body["calls"][0] == {
        "number": "A001",
        "window": "综合窗口 1",
        "status": "serving",
        "called_at": body["calls"][0]["called_at"],
    }
    assert {row["kind"]: row["count"] for row in body["waiting"]} == {
        "comprehensive": 0,
        "legal": 0,
    }


def test_an_unknown_centre_is_404(hall, client):
    assert client.get(reverse("hall:display", args=["nowhere"])).status_code == 404
    assert client.get("/api/v1/hall/centres/nowhere/display").status_code == 404
