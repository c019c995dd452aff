"""The hazard and place pages: scoped lists with filters (status, grade, overdue, town) in a
fixed number of queries, the leaders' 挂牌督办 board, the hazard page with its timeline and
the actions the viewer may take, and actions posted from it."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from pingan.hazards.models import Hazard
from pingan.hazards.tests import factories as f

pytestmark = pytest.mark.django_db


def _numbers(response):
    return {h.number for h in response.context["page"]}


def test_list_is_scoped_and_filtered(demo_city, login_client):
    with time_machine.travel(timezone.now() - timedelta(days=10), tick=False):
        rectifying = f.hazard_in("rectifying")  # due in 7 days: now 3 days overdue
    major = f.hazard_in("rectifying", grade="major", at=f.SITE_TUDIAN)
    closed = f.hazard_in("closed")
    wutong = f.new_hazard(actor="wutong_inspector", at=f.SHOP_WUTONG)
    client = login_client("tudian_inspector")
    url = reverse("hazards:list")
    assert _numbers(client.get(url)) == {rectifying.number, major.number, closed.number}
    assert _numbers(client.get(url, {"status": "closed"})) == {closed.number}
    assert _numbers(client.get(url, {"status": "open"})) == {rectifying.number, major.number}
    assert _numbers(client.get(url, {"grade": "major"})) == {major.number}
    assert _numbers(client.get(url, {"q": "荣星"})) == {major.number}
    city = login_client("city_leader")
    assert _numbers(city.get(url, {"town": "330483001"})) == {wutong.number}
    response = city.get(url, {"overdue": "1"})
    assert _numbers(response) == {rectifying.number}
    assert "已逾期" in response.content.decode()


def test_list_costs_a_fixed_number_of_queries(
    demo_city, login_client, django_assert_max_num_queries
):
    for _n in range(3):
        f.hazard_in("rectifying")
    client = login_client("tudian_inspector")
    with django_assert_max_num_queries(14):
        client.get(reverse("hazards:list"))
    for _n in range(5):
        f.hazard_in("closed", grade="major")
    with django_assert_max_num_queries(14):
        response = client.get(reverse("hazards:list"))
    assert len(response.context["page"]) == 8


def test_places_list_costs_a_fixed_number_of_queries(
    demo_city, login_client, django_assert_max_num_queries
):
    client = login_client("city_leader")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("hazards:places"))
    assert len(response.context["page"]) >= 9


def test_citizen_and_other_roles_do_not_see_the_pages(demo_city, login_client):
    for username in ("demo_worker", "wutong_clerk"):
        client = login_client(username)
        assert client.get(reverse("hazards:list")).status_code == 404
        assert client.get(reverse("hazards:places")).status_code == 404


def test_supervision_board(demo_city, login_client):
    unlisted = f.hazard_in("rectifying", grade="major")
    listed = f.hazard_in("rectifying", grade="major", at=f.SITE_TUDIAN)
    client = login_client("tudian_leader")
    response = client.post(
        reverse("hazards:act", args=[listed.pk, "supervise"]),
        {"note": "镇挂牌督办"},
        HTTP_REFERER="http://testserver" + reverse("hazards:detail", args=[listed.pk]),
    )
    assert response.status_code == 302
    board = client.get(reverse("hazards:supervision")).context["board"]
    assert [h.number for h in board["unlisted"]] == [unlisted.number]
    assert [h.number for h in board["listed"]] == [listed.number]
    assert login_client("tudian_inspector").get(reverse("hazards:supervision")).status_code == 404


def test_detail_shows_timeline_and_only_allowed_actions(demo_city, login_client):
    hazard = f.hazard_in("rectifying")
    page = login_client("tudian_inspector").get(reverse("hazards:detail", args=[hazard.pk]))
    body = page.content.decode()
    assert page.context["actions"] == ["request_review"]
    assert 'data-testid="do-request_review"' in body and "do-order" not in body
    assert "发现登记" in body and "下达整改" in body
    leader = login_client("tudian_leader").get(reverse("hazards:detail", args=[hazard.pk]))
    assert leader.context["actions"] == []
    outside = login_client("wutong_inspector").get(reverse("hazards:detail", args=[hazard.pk]))
    assert outside.status_code == 404


def test_order_from_the_page_with_a_past_date_changes_nothing(demo_city, login_client):
    hazard = f.new_hazard()
    client = login_client("tudian_inspector")
    detail = reverse("hazards:detail", args=[hazard.pk])
    response = client.post(
        reverse("hazards:act", args=[hazard.pk, "order"]),
        {"grade": "general", "due_on": f.in_days(-2).isoformat(), "requirements": "清理"},
        HTTP_REFERER="http://testserver" + detail,
        follow=True,
    )
    assert "已经过去" in response.content.decode()
    assert Hazard.objects.get(pk=hazard.pk).status == "found"


def test_actions_from_the_page(demo_city, login_client):
    hazard = f.new_hazard()
    client = login_client("tudian_inspector")
    url = lambda action: reverse("hazards:act", args=[hazard.pk, action])  # noqa: E731
    client.post(url("order"), {"grade": "general", "due_on": f.in_days(3), "requirements": "清理"})
    client.post(url("request_review"), {"note": "已整改", "photos": [f.png()]})
    client.post(url("pass"), {"note": "合格"})
    client.post(url("close"), {"note": ""})
    hazard.refresh_from_db()
    assert hazard.status == "closed"
    photo = hazard.photos.get()
    assert photo.stage == "rectified"
    response = client.get(reverse("hazards:photo", args=[hazard.pk, photo.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    outside = login_client("wutong_inspector")
    assert outside.get(reverse("hazards:photo", args=[hazard.pk, photo.pk])).status_code == 404


def test_unknown_action_is_not_found(demo_city, login_client):
    hazard = f.new_hazard()
    response = login_client("tudian_inspector").post(
        reverse("hazards:act", args=[hazard.pk, "explode"])
    )
    assert response.status_code == 404


def test_inspection_page_records_results_and_a_hazard(demo_city, login_client):
    place = f.place()
    client = login_client("tudian_inspector")
    form = client.get(reverse("hazards:inspect", args=[place.pk]))
    rows = form.context["rows"]
    data = {f"result_{r['item'].pk}": "pass" for r in rows}
    data[f"result_{rows[0]['item'].pk}"] = "fail"
    response = client.post(reverse("hazards:inspect", args=[place.pk]), data)
    assert response.status_code == 302
    inspection = place.inspections.get()
    page = client.get(response["Location"])
    failed = inspection.results.get(result="fail")
    assert failed.item_text in page.content.decode()
    response = client.post(
        reverse("hazards:record", args=[place.pk]),
        {
            "inspection": inspection.pk,
            "title": "出口堵塞",
            "description": "货物堆放",
            "grade": "general",
            "checklist_result": failed.pk,
            "photos": [f.png()],
        },
    )
    hazard = Hazard.objects.get()
    assert response["Location"] == reverse("hazards:detail", args=[hazard.pk])
    assert hazard.inspection == inspection and hazard.checklist_result == failed


def test_inspection_page_with_a_missing_result_keeps_the_answers(demo_city, login_client):
    place = f.place()
    client = login_client("tudian_inspector")
    rows = client.get(reverse("hazards:inspect", args=[place.pk])).context["rows"]
    data = {f"result_{r['item'].pk}": "fail" for r in rows[1:]}
    response = client.post(reverse("hazards:inspect", args=[place.pk]), data)
    assert response.status_code == 422 and "请填写检查项" in response.content.decode()
    assert response.context["rows"][1]["result"] == "fail"
    assert place.inspections.count() == 0


def test_record_with_a_bad_photo_from_the_page(demo_city, login_client):
    place = f.place()
    client = login_client("tudian_inspector")
    detail = reverse("hazards:place", args=[place.pk])
    response = client.post(
        reverse("hazards:record", args=[place.pk]),
        {"title": "出口堵塞", "description": "货物堆放", "photos": [f.fake_jpeg()]},
        HTTP_REFERER="http://testserver" + detail,
        follow=True,
    )
    assert "不是 JPEG、PNG 或 WebP 图片" in response.content.decode()
    assert Hazard.objects.count() == 0
