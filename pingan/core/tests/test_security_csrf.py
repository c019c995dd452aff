"""CSRF: a POST without the token is refused (403) and changes nothing, on a sample of the
platform's forms (login, account, hotline intake, the citizen's report, the hall's htmx buttons,
language switch) and on the JSON API used with the browser session. Each one is also sent with
the token, so the refusal is shown to be the CSRF check and not something else."""

import pytest
from django.test import Client

from pingan.cases.models import Case
from pingan.org.demo import DEMO_PASSWORD
from pingan.org.models import ApiToken, User

INTAKE = {
    "channel": "hotline",
    "kind": "complaint",
    "category": "city.noise",
    "region": "330483001011",
    "description": "工地夜间施工噪音扰民",
    "reporter_phone": "13800571234",
    "reporter_name": "王先生",
}


@pytest.fixture
def city(demo_city, settings, tmp_path):
    from pingan.cases.demo import seed_categories

    settings.MEDIA_ROOT = tmp_path
    seed_categories()


def strict(username: str | None = None) -> Client:
    client = Client(enforce_csrf_checks=True)
    if username:
        client.force_login(User.objects.get(username=username))
    return client


def token_of(client: Client, page: str) -> str:
    """The CSRF secret the browser would hold after opening `page`."""
    assert client.get(page).status_code == 200
    return client.cookies["csrftoken"].value


def test_login_without_the_token_is_refused(city):
    client = strict()
    refused = client.post("/login/", {"username": "wutong_clerk", "password": DEMO_PASSWORD})
    assert refused.status_code == 403
    assert "_auth_user_id" not in client.session
    token = token_of(client, "/login/")
    accepted = client.post(
        "/login/",
        {"username": "wutong_clerk", "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert accepted.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(username="wutong_clerk").pk)


def test_issuing_an_api_token_needs_the_csrf_token(city):
    client = strict("wutong_clerk")
    refused = client.post("/account/tokens/", {"name": "对接"})
    assert refused.status_code == 403
    assert not ApiToken.objects.exists()
    token = token_of(client, "/account/")
    accepted = client.post("/account/tokens/", {"name": "对接", "csrfmiddlewaretoken": token})
    assert accepted.status_code == 302
    assert ApiToken.objects.count() == 1


def test_hotline_intake_needs_the_csrf_token(city):
    client = strict("hotline")
    before = Case.objects.count()
    refused = client.post("/cases/intake/", INTAKE)
    assert refused.status_code == 403
    assert Case.objects.count() == before
    token = token_of(client, "/cases/intake/")
    accepted = client.post("/cases/intake/", {**INTAKE, "csrfmiddlewaretoken": token})
    assert accepted.status_code != 403


def test_the_citizens_report_form_needs_the_csrf_token(city):
    client = strict()
    before = Case.objects.count()
    refused = client.post("/report/", {"description": "路灯不亮", "phone": "13800571234"})
    assert refused.status_code == 403
    assert Case.objects.count() == before
    token = token_of(client, "/report/")
    accepted = client.post("/report/", {"description": "路灯不亮", "csrfmiddlewaretoken": token})
    assert accepted.status_code != 403


def test_an_htmx_button_needs_the_csrf_header(city):
    from pingan.hall.demo import seed_centres
    from pingan.hall.models import Window

    seed_centres()
    window = Window.objects.filter(centre__region__code="330483001").first()
    assert window is not None
    client = strict("wutong_clerk")
    url = f"/hall/windows/{window.pk}/call-next/"
    assert client.post(url, HTTP_HX_REQUEST="true").status_code == 403
    token = token_of(client, "/account/")
    accepted = client.post(url, HTTP_HX_REQUEST="true", HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code != 403


def test_switching_language_needs_the_csrf_token(city):
    client = strict("wutong_clerk")
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 403
    token = token_of(client, "/account/")
    switched = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token}
    )
    assert switched.status_code == 302


def test_the_api_with_a_session_cookie_needs_the_csrf_token(city):
    """The browser's session works on the API only with the token; a bearer token needs none
    (a program holds it, no page of another site can make the browser send it)."""
    client = strict("hotline")
    before = Case.objects.count()
    refused = client.post("/api/v1/cases", INTAKE, content_type="application/json")
    assert refused.status_code == 403
    assert Case.objects.count() == before
    token = token_of(client, "/account/")
    accepted = client.post(
        "/api/v1/cases", INTAKE, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert accepted.status_code == 201, accepted.content
    program = Client(enforce_csrf_checks=True)
    issued = program.post(
        "/api/v1/auth/token",
        {"username": "hotline", "password": DEMO_PASSWORD},
        content_type="application/json",
    )
    bearer = issued.json()["token"]
    created = program.post(
        "/api/v1/cases",
        {**INTAKE, "reporter_phone": "13800575678"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {bearer}",
    )
    assert created.status_code == 201
    assert Case.objects.count() == before + 2
