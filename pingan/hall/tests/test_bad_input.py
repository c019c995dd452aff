"""Every form and endpoint: bad input gives a clear message and changes nothing (never a 500)."""

import pytest
from django.urls import reverse

from pingan.hall.models import DutySlot, Matter, ServiceCentre, Ticket, Visit
from pingan.hall.services import ticket_call_next
from pingan.hall.tests.factories import future_weekday, take, user, window


def _counts():
    return (
        Ticket.objects.count(),
        Visit.objects.count(),
        Matter.objects.count(),
        DutySlot.objects.count(),
    )


@pytest.mark.parametrize(
    ("data", "status", "text"),
    [
        ({}, 422, "请选择要办理的业务"),
        ({"kind": "nonsense"}, 422, "请选择要办理的业务"),
        ({"kind": "comprehensive", "phone": "12"}, 400, "手机号码格式不正确"),
        ({"kind": "comprehensive", "phone": "1" * 21}, 422, "20"),
    ],
)
def test_take_number_page(hall, client, data, status, text):
    response = client.post(reverse("hall:take", args=["wutong"]), data)
    assert response.status_code == status
    assert text in response.content.decode()
    assert _counts() == (0, 0, 0, 0)


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"kind": "nonsense"}, 422),
        ({"kind": "comprehensive", "phone": "abc"}, 400),
        ({}, 422),
        ({"kind": "x" * 31}, 422),
    ],
)
def test_take_number_api(hall, client, payload, status):
    response = client.post(
        "/api/v1/hall/centres/wutong/tickets", payload, content_type="application/json"
    )
    assert response.status_code == status
    assert set(response.json()) >= {"code", "message"}
    assert _counts() == (0, 0, 0, 0)


def test_unknown_tickets_and_actions(hall, client, login_client):
    assert client.get("/hall/c/wutong/t/nope/").status_code == 404
    assert client.get("/api/v1/hall/tickets/nope").status_code == 404
    ticket = take()
    assert client.get(f"/hall/c/gaoqiao/t/{ticket.token}/").status_code == 404
    staff = login_client("wutong_clerk")
    assert staff.post(reverse("hall:ticket-action", args=[ticket.pk, "explode"])).status_code == 404
    response = staff.post(f"/api/v1/hall/tickets/{ticket.pk}/explode")
    assert response.status_code == 404
    # Not called yet: it has no window to act at.
    assert staff.post(f"/api/v1/hall/tickets/{ticket.pk}/start").status_code == 404
    assert Ticket.objects.get().status == "waiting"


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ({"outcome": "resolve", "name": "王五", "category": "consult"}, "请填写来访事由"),
        (
            {"outcome": "resolve", "purpose": "咨询", "category": "consult", "answer": "答"},
            "请先查找来访人",
        ),
        (
            {"outcome": "resolve", "name": "王五", "purpose": "咨询", "category": "consult"},
            "请填写答复内容",
        ),
        ({"outcome": "accept", "name": "王五", "purpose": "咨询"}, "请选择事项分类"),
        ({"outcome": "refer", "name": "王五", "purpose": "咨询"}, "请选择引导给哪位值班人员"),
        (
            {
                "outcome": "accept",
                "name": "王五",
                "phone": "123",
                "purpose": "咨询",
                "category": "consult",
                "kind": "consult",
            },
            "手机号码格式不正确",
        ),
        (
            {
                "outcome": "accept",
                "name": "王五",
                "purpose": "咨询",
                "category": "consult",
                "kind": "dispute",
            },
            "不受理",
        ),
        ({"outcome": "fly", "name": "王五", "purpose": "咨询"}, "选择一个有效的选项"),
        (
            {
                "outcome": "resolve",
                "visitor": "forged",
                "purpose": "咨询",
                "category": "consult",
                "answer": "答",
            },
            "查找结果已失效",
        ),
    ],
)
def test_visit_form(hall, login_client, data, text):
    client = login_client("wutong_clerk")
    response = client.post(reverse("hall:visit", args=[window("wutong", 1).pk]), data)
    assert response.status_code in (400, 403, 409, 422)
    assert text in response.content.decode()
    assert _counts() == (0, 0, 0, 0)


def test_visit_form_keeps_what_was_typed(hall, login_client):
    client = login_client("wutong_clerk")
    response = client.post(
        reverse("hall:visit", args=[window("wutong", 1).pk]),
        {"outcome": "resolve", "name": "王五", "purpose": "想问社保转移", "category": "consult"},
    )
    html = response.content.decode()
    assert "想问社保转移" in html and 'value="王五"' in html


def test_visitor_token_of_another_window_is_refused(hall, login_client):
    from pingan.hall.forms import visitor_token
    from pingan.people.services import person_register

    person = person_register(name="王五", phone="13957301058")
    token = visitor_token(person, window("wutong", 2))
    client = login_client("wutong_clerk")
    response = client.post(
        reverse("hall:visit", args=[window("wutong", 1).pk]),
        {
            "outcome": "resolve",
            "visitor": token,
            "purpose": "咨询",
            "category": "consult",
            "answer": "答",
        },
    )
    assert response.status_code == 422 and "查找结果已失效" in response.content.decode()
    assert Visit.objects.count() == 0


def test_roster_forms(hall, login_client):
    client = login_client("wutong_clerk")
    centre = ServiceCentre.objects.get(slug="wutong")
    referer = {"HTTP_REFERER": "http://testserver" + reverse("hall:roster", args=[centre.pk])}
    bad = [
        (reverse("hall:slot-add", args=[centre.pk]), {"window": "x", "date": "2026-02-30"}),
        (reverse("hall:pattern-add", args=[centre.pk]), {"weekday": 9}),
        (reverse("hall:swap-add"), {"slot": "a"}),
        (reverse("hall:swap-add"), {"slot": 1, "other": 2, "reason": "x"}),
    ]
    for url, data in bad:
        response = client.post(url, data, follow=True, **referer)
        assert response.status_code == 200, url
        assert "alert-danger" in response.content.decode(), url
    assert client.get(reverse("hall:roster", args=[centre.pk]), {"week": "soon"}).status_code == 422
    assert _counts() == (0, 0, 0, 0)


def test_roster_api(hall, login_client):
    client = login_client("wutong_clerk")
    centre = ServiceCentre.objects.get(slug="wutong")
    day = future_weekday(1).isoformat()
    url = f"/api/v1/hall/centres/{centre.pk}/roster/slots"
    for payload, code in [
        (
            {"window": window("wutong", 3).pk, "date": day, "half": "xx", "person": "duty_judge"},
            "invalid_half",
        ),
        (
            {"window": window("wutong", 3).pk, "date": day, "half": "am", "person": "nobody"},
            "not_legal_duty",
        ),
        (
            {"window": window("gaoqiao", 2).pk, "date": day, "half": "am", "person": "duty_judge"},
            "unknown_window",
        ),
        (
            {
                "window": window("wutong", 3).pk,
                "date": "yesterday",
                "half": "am",
                "person": "duty_judge",
            },
            "invalid_request",
        ),
    ]:
        response = client.post(url, payload, content_type="application/json")
        assert response.status_code == 422 and response.json()["code"] == code, payload
    response = client.post(
        f"/api/v1/hall/centres/{centre.pk}/roster/patterns",
        {
            "window": window("wutong", 3).pk,
            "person": "duty_judge",
            "weekday": 7,
            "half": "am",
            "start_date": day,
            "end_date": day,
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert (
        client.post(
            "/api/v1/hall/roster/swaps",
            {"slot": 999, "other": 998, "reason": "x"},
            content_type="application/json",
        ).status_code
        == 404
    )
    assert client.delete("/api/v1/hall/roster/slots/999").status_code == 404
    far = client.get(f"/api/v1/hall/centres/{centre.pk}/roster", {"start": "9999-12-31"})
    assert far.status_code == 422 and far.json()["code"] == "invalid_date"
    month = client.get(f"/api/v1/hall/centres/{centre.pk}/one-visit-share", {"month": "9999-12"})
    assert month.status_code == 422
    week = client.get(reverse("hall:roster", args=[centre.pk]), {"week": "9999-12-31"})
    assert week.status_code == 422
    assert _counts() == (0, 0, 0, 0)


def test_duty_answer_and_deliver_forms(hall, login_client):
    take()
    ticket_call_next(window=window("wutong", 1), actor=user("wutong_clerk"))
    client = login_client("duty_judge")
    assert client.post(reverse("hall:duty-answer", args=[999]), {"advice": "x"}).status_code == 404
    clerk = login_client("wutong_clerk")
    assert clerk.post(reverse("hall:deliver", args=[999]), {"note": "x"}).status_code == 404
    assert (
        clerk.post(reverse("hall:revisit", args=[window("wutong", 1).pk, 999])).status_code == 404
    )
