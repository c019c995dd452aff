"""The phone pages (register, declare, my status, appeal), the public rules and the officer's
pages: they render, refuse bad input with a message and change nothing, show personal data
masked, and keep to their readers."""

import pytest

from pingan.core.fields import blind_index_for
from pingan.health.models import Appeal, ChangeRequest, Declaration, HealthStatus, Registration
from pingan.health.services import status_change_manual
from pingan.health.tests.factories import officer
from pingan.org.models import User
from pingan.people.testing import last_phone_code

pytestmark = pytest.mark.django_db


def test_the_rules_page_is_public_and_plain(demo_city, client):
    page = client.get("/health/rules/").content.decode()
    assert "近 14 天到过高风险地区" in page
    assert "演示：甲省乙市丙区" in page
    assert "黄码 7 天、红码 14 天" in page


def test_my_status_shows_the_reason_and_the_codes_link_masked(demo_city, login_client, people):
    page = login_client("demo_worker").get("/health/").content.decode()
    assert 'data-colour="green"' in page
    assert "完成登记，暂无风险" in page
    assert 'href="/passes/my/"' in page
    worker = people["张建军"]
    assert worker.id_number not in page
    assert worker.phone not in page
    assert "3幢2单元501" not in page
    assert "张*军" in page


def test_declaring_on_the_phone(demo_city, login_client):
    client = login_client("demo_worker")
    assert client.get("/health/declare/").status_code == 200
    before = Declaration.objects.count()
    response = client.post("/health/declare/", {"temperature": "36.6"})
    assert response.status_code == 422
    assert "请勾选承诺后提交" in response.content.decode()
    response = client.post("/health/declare/", {"temperature": "99", "promise": "on"})
    assert response.status_code == 400
    assert "34.0 至 43.0" in response.content.decode()
    assert Declaration.objects.count() == before
    response = client.post(
        "/health/declare/", {"temperature": "38.2", "symptoms": ["cough"], "promise": "on"}
    )
    assert response.status_code == 302
    page = client.get("/health/").content.decode()
    assert 'data-colour="yellow"' in page
    assert "37.3" in page


def test_registering_on_the_phone_signs_the_new_citizen_in(demo_city, client):
    from pingan.health.tests.factories import id_number
    from pingan.places import demo as places_demo

    phone = "13957308220"
    form = {
        "name": "周小燕",
        "id_number": id_number(220),
        "kind": "migrant",
        "phone": phone,
        "residence": places_demo.compound().pk,
        "room": "9幢1单元101",
        "employer": places_demo.factory().pk,
        "password": "Tongxiang-2026!",
    }
    response = client.post("/health/register/", {**form, "action": "send"})
    assert response.status_code == 200
    assert 'data-testid="code-sent"' in response.content.decode()
    response = client.post("/health/register/", {**form, "code": "000000", "action": "register"})
    assert response.status_code == 400
    assert 'data-testid="error-code"' in response.content.decode()
    bad = {**form, "id_number": form["id_number"][:-1] + "Y", "code": last_phone_code(phone)}
    response = client.post("/health/register/", {**bad, "action": "register"})
    assert response.status_code == 400
    assert "校验位" in response.content.decode()
    assert not User.objects.filter(phone_index=blind_index_for("phone", phone)).exists()
    response = client.post(
        "/health/register/", {**form, "code": last_phone_code(phone), "action": "register"}
    )
    assert response.status_code == 302, response.content.decode()
    assert response["Location"] == "/health/"
    page = client.get("/health/").content.decode()
    assert "周*燕" in page and 'data-colour="green"' in page


def test_appealing_on_the_phone(demo_city, login_client, people, persona):
    worker = people["张建军"]
    client = login_client("demo_worker")
    assert 'data-testid="go-appeal"' not in client.get("/health/").content.decode()
    status_change_manual(
        person=worker,
        colour="yellow",
        reason_code="officer_risk_travel",
        note="行程",
        actor=persona("health_officer"),
    )
    assert 'data-testid="go-appeal"' in client.get("/health/").content.decode()
    response = client.post("/health/appeal/", {"text": ""})
    assert response.status_code == 422
    assert not Appeal.objects.filter(person=worker).exists()
    assert client.post("/health/appeal/", {"text": "我没去过"}).status_code == 302
    page = client.get("/health/").content.decode()
    assert 'data-status="submitted"' in page


def test_a_citizen_without_registration_is_sent_to_register(demo_city, client):
    user = User.objects.create_user(username="newcomer", password="x")
    client.force_login(user)
    assert 'data-testid="go-register"' in client.get("/health/").content.decode()
    assert client.get("/health/declare/")["Location"] == "/health/register/"


def test_officer_pages_and_query_counts(
    demo_city, login_client, people, django_assert_max_num_queries
):
    client = login_client("health_officer2")
    with django_assert_max_num_queries(20):
        page = client.get("/health/officer/").content.decode()
    assert "王*明" in page and 'data-testid="request-approve"' in page
    wang = people["王小明"]
    with django_assert_max_num_queries(30):
        page = client.get(f"/health/officer/people/{wang.pk}/").content.decode()
    assert wang.id_number not in page and wang.phone not in page
    assert client.get(f"/health/officer/?q={wang.phone}")["Location"] == (
        f"/health/officer/people/{wang.pk}/"
    )


def test_officer_change_form_and_approval(demo_city, login_client, people):
    worker = people["张建军"]
    first = login_client("health_officer")
    response = first.post(
        f"/health/officer/people/{worker.pk}/change/",
        {"colour": "red", "reason_code": "", "note": ""},
    )
    assert response.status_code == 422
    assert not ChangeRequest.objects.filter(person=worker).exists()
    response = first.post(
        f"/health/officer/people/{worker.pk}/change/",
        {"colour": "red", "reason_code": "officer_positive_test", "note": "阳性"},
    )
    assert response.status_code == 302
    request = ChangeRequest.objects.get(person=worker, status="pending")
    response = first.post(f"/health/officer/requests/{request.pk}/approve/", {})
    assert HealthStatus.objects.get(person=worker).colour == "green"
    second = login_client("health_officer2")
    response = second.post(f"/health/officer/requests/{request.pk}/approve/", {"next": "person"})
    assert response.status_code == 302
    assert HealthStatus.objects.get(person=worker).colour == "red"


def test_staff_pages_are_hidden_from_others(demo_city, login_client, people):
    wang = people["王小明"]
    for username in ("demo_worker", "guard_factory", "wutong_clerk"):
        client = login_client(username)
        assert client.get("/health/officer/").status_code == 404
        assert client.get(f"/health/officer/people/{wang.pk}/").status_code == 404
    far = officer("far_officer", "330483103")
    client = login_client("demo_worker")
    client.force_login(far)
    assert client.get(f"/health/officer/people/{wang.pk}/").status_code == 404
    assert "王*明" not in client.get("/health/officer/").content.decode()


def test_window_registration_page_is_for_clerks(demo_city, login_client):
    assert login_client("wutong_clerk").get("/health/window/register/").status_code == 200
    assert login_client("demo_worker").get("/health/window/register/").status_code == 404
    assert Registration.objects.count() == 3
