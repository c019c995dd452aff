"""The staff pages render for the people they are for, with the tiles on the home page, and
the duty person sees the visitors a clerk sent to them."""

import datetime

from django.urls import reverse

from pingan.core import workbench
from pingan.hall.models import ServiceCentre
from pingan.hall.services import ticket_call_next, visit_refer
from pingan.hall.tests.factories import at, slot, take, user, window
from pingan.people.services import person_register


def test_tiles_for_clerks_and_the_legal_duty(hall):
    clerk = {e.key for e in workbench.entries_for(user("wutong_clerk"))}
    duty = {e.key for e in workbench.entries_for(user("duty_judge"))}
    citizen = {e.key for e in workbench.entries_for(user("demo_worker"))}
    assert {"hall.workbench", "hall.centres"} <= clerk and "hall.duty" not in clerk
    assert "hall.duty" in duty and "hall.workbench" not in duty
    assert not {"hall.workbench", "hall.centres", "hall.duty"} & citizen


def test_the_workbench_opens_the_clerks_window(hall, login_client):
    client = login_client("wutong_clerk")
    response = client.get(reverse("hall:workbench"))
    assert response.status_code == 302
    assert response.url == reverse("hall:window", args=[window("wutong", 1).pk])
    take()
    html = client.get(response.url).content.decode()
    assert 'data-testid="call-next"' in html and "A001" in html
    assert 'data-testid="resolve"' in html


def test_calling_from_the_page_returns_the_panel(hall, login_client):
    take()
    client = login_client("wutong_clerk")
    win = window("wutong", 1)
    html = client.post(reverse("hall:call-next", args=[win.pk])).content.decode()
    assert 'data-testid="current-number">A001' in html and 'data-testid="start"' in html


def test_lookup_finds_or_offers_to_register(hall, login_client):
    client = login_client("wutong_clerk")
    url = reverse("hall:lookup", args=[window("wutong", 1).pk])
    html = client.get(url, {"q": "13957301056"}).content.decode()
    assert 'data-testid="visitor-new"' in html and 'value="13957301056"' in html
    person_register(name="王小明", phone="13957301056")
    html = client.get(url, {"q": "13957301056"}).content.decode()
    assert "王*明" in html and "139****1056" in html and 'name="visitor"' in html
    assert "王小明" not in html


def test_a_full_visit_from_the_page(hall, login_client):
    take()
    client = login_client("wutong_clerk")
    win = window("wutong", 1)
    client.post(reverse("hall:call-next", args=[win.pk]))
    response = client.post(
        reverse("hall:visit", args=[win.pk]),
        {
            "outcome": "resolve",
            "name": "赵六",
            "phone": "13957301055",
            "purpose": "咨询社保转移",
            "kind": "consult",
            "category": "consult",
            "region": "330483001",
            "answer": "已告知办理流程",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "已当场办结，工单 GD" in html
    assert "当场办结" in html.split('data-testid="visits-today"')[1]


def test_the_duty_person_sees_who_was_sent_to_them(hall, client, persona):
    legal = window("wutong", 3)
    with at(2026, 12, 1, 10, 0):
        duty = slot(legal, datetime.date(2026, 12, 1), "am", "duty_lawyer")
        visit_refer(
            actor=user("wutong_clerk"),
            window=window("wutong", 1),
            name="钱七",
            phone="13957301054",
            purpose="劳动合同纠纷咨询",
            routed_to=duty.person,
        )
        client.force_login(persona("duty_lawyer"))
        html = client.get(reverse("hall:duty")).content.decode()
        assert "劳动合同纠纷咨询" in html and "钱*" in html
        assert 'data-testid="on-duty-now"' in html
        visit_pk = int(html.split('data-visit="')[1].split('"')[0])
        client.post(reverse("hall:duty-answer", args=[visit_pk]), {"advice": "建议申请劳动仲裁"})
        html = client.get(reverse("hall:duty")).content.decode()
    assert "暂无引导来的来访人" in html


def test_centre_roster_and_matter_pages(hall, login_client, django_assert_max_num_queries):
    client = login_client("wutong_clerk")
    centre = ServiceCentre.objects.get(slug="wutong")
    for _n in range(3):
        take()
    ticket_call_next(window=window("wutong", 1), actor=user("wutong_clerk"))
    with django_assert_max_num_queries(25):
        html = client.get(reverse("hall:centre", args=[centre.pk])).content.decode()
    assert "综合窗口 1" in html and "李窗口" in html and 'data-testid="roster-link"' in html
    roster = client.get(reverse("hall:roster", args=[centre.pk]))
    assert roster.status_code == 200 and "法律服务窗口 2" in roster.content.decode()
    assert client.get(reverse("hall:centres")).status_code == 302


def test_the_superuser_opens_any_window_not_only_those_they_sit_at(hall, client, persona):
    """An empty Q() for "every region" vanished when OR-ed with "the windows I sit at", so the
    superuser saw only the windows of their own duty slots (org.scoping.region_q)."""
    from pingan.hall.models import Window

    client.force_login(persona("admin"))
    window = Window.objects.filter(is_active=True, centre__is_active=True).first()
    assert client.get(f"/hall/windows/{window.pk}/").status_code == 200
