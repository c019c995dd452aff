"""The surveys API: staff list and enter paper sheets and read the rates; respondents read a
published survey, get a code and answer. Errors are {code, message}; nothing half-written."""

import pytest

from pingan.people.testing import last_phone_code
from pingan.surveys.models import Response
from pingan.surveys.tests.factories import answers, paper, survey_of, user

pytestmark = pytest.mark.usefixtures("demo_city")
PHONE = "13957305102"


@pytest.fixture
def api(client):
    def _as(username=None):
        client.logout()
        if username:
            client.force_login(user(username))
        return client

    return _as


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_staff_list_is_scoped(api):
    survey = survey_of()
    assert [s["id"] for s in api("tudian_officer").get("/api/v1/surveys").json()] == [survey.pk]
    assert api("wutong_grid").get("/api/v1/surveys").json() == []
    assert api("wutong_grid").get(f"/api/v1/surveys/{survey.pk}").status_code == 404


def test_public_answer_flow(api):
    survey = survey_of()
    client = api()
    detail = client.get(f"/api/v1/surveys/public/{survey.token}").json()
    assert [q["kind"] for q in detail["questions"]] == [
        "single",
        "single",
        "rating",
        "multiple",
        "text",
    ]
    assert (
        post(client, f"/api/v1/surveys/public/{survey.token}/code", {"phone": PHONE}).status_code
        == 204
    )
    body = {
        "answers": {str(k): v for k, v in answers(survey).items()},
        "phone": PHONE,
        "code": last_phone_code(PHONE),
        "region": "330483103001",
    }
    response = post(client, f"/api/v1/surveys/public/{survey.token}/responses", body)
    assert response.status_code == 201, response.content
    assert response.json()["channel"] == "online"
    again = post(client, f"/api/v1/surveys/public/{survey.token}/responses", body)
    assert again.status_code == 409 and again.json()["code"] == "already_answered"


def test_public_errors(api):
    survey = survey_of()
    client = api()
    draft = survey_of(publish=False, title="草稿")
    assert client.get(f"/api/v1/surveys/public/{draft.token}").status_code == 404
    bad = post(
        client,
        f"/api/v1/surveys/public/{survey.token}/responses",
        {"answers": {}, "phone": PHONE, "code": "123456"},
    )
    assert bad.status_code == 422 and bad.json()["code"] == "answer_required"
    wrong = post(client, f"/api/v1/surveys/public/{survey.token}/responses", {"answers": "x"})
    assert wrong.status_code == 422 and wrong.json()["code"] == "invalid_request"
    outside = {"answers": {str(k): v for k, v in answers(survey).items()}, "region": "330483001"}
    out = post(client, f"/api/v1/surveys/public/{survey.token}/responses", outside)
    assert out.status_code == 422 and out.json()["code"] == "region_outside"
    assert not Response.objects.exists()


def test_paper_entry_and_rates(api):
    survey = survey_of()
    client = api("tudian_officer")
    body = {
        "answers": {str(k): v for k, v in answers(survey, aware=False).items()},
        "sheet_number": "P-1",
    }
    assert post(client, f"/api/v1/surveys/{survey.pk}/responses", body).status_code == 201
    dup = post(client, f"/api/v1/surveys/{survey.pk}/responses", body)
    assert dup.status_code == 409 and dup.json()["code"] == "sheet_taken"
    paper(survey, 2, aware=True)
    rates = client.get(
        "/api/v1/surveys/rates?region=330483103&start=2026-01-01&end=2026-12-31"
    ).json()
    awareness = next(r for r in rates["total"] if r["measure"] == "awareness")
    assert (awareness["numerator"], awareness["denominator"], awareness["rate"]) == (1, 2, "50.0")
    assert "÷" in awareness["formula"]


def test_rates_errors(api):
    client = api("tudian_officer")
    assert client.get("/api/v1/surveys/rates?region=330483001").status_code == 404
    bad = client.get("/api/v1/surveys/rates?start=2026-02-01&end=2026-01-01")
    assert bad.status_code == 422 and bad.json()["code"] == "period_reversed"
    assert client.get("/api/v1/surveys/rates?start=tomorrow").status_code == 422
    empty = client.get("/api/v1/surveys/rates").json()
    assert empty["region"] == "330483103"
    assert [r["rate"] for r in empty["total"]] == [None, None, None]
