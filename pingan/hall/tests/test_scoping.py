"""Jurisdiction: a clerk of 梧桐 neither sees nor acts in 高桥's centre (404, as if it did not
exist); a city leader sees both; a citizen sees none."""

import pytest
from django.urls import reverse

from pingan.hall.models import Matter, ServiceCentre, Ticket
from pingan.hall.services import ticket_call_next, visit_resolve_on_spot
from pingan.hall.tests.factories import future_weekday, slot, take, user, window


@pytest.fixture
def gaoqiao(hall):
    take("gaoqiao")
    ticket = ticket_call_next(window=window("gaoqiao", 1), actor=user("gaoqiao_clerk"))
    visit = visit_resolve_on_spot(
        actor=user("gaoqiao_clerk"),
        window=window("gaoqiao", 1),
        ticket=ticket,
        name="高桥访客",
        phone="13957301059",
        purpose="咨询",
        answer="已答复",
        category="consult",
    )
    return {
        "centre": ServiceCentre.objects.get(slug="gaoqiao"),
        "window": window("gaoqiao", 1),
        "ticket": ticket,
        "matter": visit.matter,
    }


def test_wutong_clerk_gets_404_on_every_gaoqiao_page(gaoqiao, login_client):
    client = login_client("wutong_clerk")
    centre, win, matter = gaoqiao["centre"], gaoqiao["window"], gaoqiao["matter"]
    for url in [
        reverse("hall:centre", args=[centre.pk]),
        reverse("hall:roster", args=[centre.pk]),
        reverse("hall:window", args=[win.pk]),
        reverse("hall:queue", args=[win.pk]),
        reverse("hall:lookup", args=[win.pk]) + "?q=13957301059",
        reverse("hall:matter", args=[matter.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    for url in [
        reverse("hall:call-next", args=[win.pk]),
        reverse("hall:ticket-action", args=[gaoqiao["ticket"].pk, "recall"]),
        reverse("hall:visit", args=[win.pk]),
        reverse("hall:deliver", args=[matter.pk]),
        reverse("hall:hand-over", args=[win.pk, matter.pk]),
    ]:
        assert client.post(url, {"note": "x", "purpose": "x"}).status_code == 404, url
    ticket = Ticket.objects.get(pk=gaoqiao["ticket"].pk)
    assert ticket.recall_count == 0


def test_wutong_clerk_gets_404_from_the_api(gaoqiao, login_client):
    client = login_client("wutong_clerk")
    centre, win = gaoqiao["centre"], gaoqiao["window"]
    assert client.post(f"/api/v1/hall/windows/{win.pk}/call-next").status_code == 404
    assert client.post(f"/api/v1/hall/tickets/{gaoqiao['ticket'].pk}/recall").status_code == 404
    assert (
        client.get(f"/api/v1/hall/centres/{centre.pk}/one-visit-share?month=2026-11").status_code
        == 404
    )
    assert client.get(f"/api/v1/hall/centres/{centre.pk}/roster").status_code == 404
    assert [c["slug"] for c in client.get("/api/v1/hall/centres").json()] == ["wutong"]


def test_wutong_clerk_does_not_see_gaoqiao_matters_in_a_lookup(gaoqiao, login_client):
    client = login_client("wutong_clerk")
    html = client.get(
        reverse("hall:lookup", args=[window("wutong", 1).pk]), {"q": "13957301059"}
    ).content.decode()
    assert gaoqiao["matter"].key not in html
    assert Matter.objects.count() == 1


def test_a_city_leader_sees_every_centre(gaoqiao, login_client):
    client = login_client("city_leader")
    response = client.get(reverse("hall:centres"))
    html = response.content.decode()
    assert "梧桐街道信访超市" in html and "高桥街道矛调中心" in html
    assert client.get(reverse("hall:centre", args=[gaoqiao["centre"].pk])).status_code == 200
    # Seeing is not keeping the roster.
    assert client.get(reverse("hall:roster", args=[gaoqiao["centre"].pk])).status_code == 404


def test_a_citizen_sees_no_staff_page(gaoqiao, login_client):
    client = login_client("demo_worker")
    assert client.get(reverse("hall:workbench")).status_code == 404
    assert client.get(reverse("hall:centre", args=[gaoqiao["centre"].pk])).status_code == 404
    assert client.get("/api/v1/hall/centres").json() == []


def test_the_duty_person_sees_their_window_only_while_rostered(hall, login_client):
    day = future_weekday(1)
    slot(window("wutong", 3), day, "am", "duty_judge")
    client = login_client("duty_judge")
    assert client.get(reverse("hall:window", args=[window("wutong", 3).pk])).status_code == 200
    assert client.get(reverse("hall:window", args=[window("gaoqiao", 2).pk])).status_code == 404
