"""The survey pages: the builder (bad input shown, nothing saved), publish with QR code, paper
entry, the 三率 page with its formula and numbers (bounded queries), the public answer page."""

import pytest

from pingan.surveys.models import Question, Response
from pingan.surveys.tests.factories import paper, survey_of, user

pytestmark = pytest.mark.usefixtures("demo_city")


@pytest.fixture
def browse(client):
    def _as(username):
        client.force_login(user(username))
        return client

    return _as


def test_tiles(browse):
    html = browse("tudian_officer").get("/").content.decode()
    assert 'data-entry="surveys.list"' in html and 'data-entry="surveys.rates"' in html
    assert 'data-entry="surveys.list"' not in browse("wutong_clerk").get("/").content.decode()


def test_build_through_pages(browse):
    client = browse("tudian_officer")
    from pingan.org.models import Region

    response = client.post(
        "/surveys/new/",
        {
            "title": "屠甸镇问卷",
            "region": Region.objects.get(code="330483103").pk,
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
        },
    )
    assert response.status_code == 302
    url = response["Location"]
    response = client.post(
        f"{url}questions/",
        {
            "text": "是否知道",
            "kind": "single",
            "required": "on",
            "measures": "awareness",
            "options": "*知道\n不知道\n",
        },
    )
    assert response.status_code == 302
    q = Question.objects.get()
    assert [(c.label, c.counts) for c in q.choices.all()] == [("知道", True), ("不知道", False)]
    bad = client.post(
        f"{url}questions/",
        {"text": "满意", "kind": "rating", "measures": "satisfaction"},
    )
    assert bad.status_code == 422 and "满意分数线" in bad.content.decode()
    assert Question.objects.count() == 1
    assert client.post(f"{url}publish/").status_code == 302
    page = client.get(url).content.decode()
    assert 'data-testid="public-link"' in page and "/surveys/s/" in page
    svg = client.get(f"{url}qr.svg")
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content


def test_bad_survey_form(browse):
    response = browse("tudian_officer").post("/surveys/new/", {"title": "", "region": "x"})
    html = response.content.decode()
    assert response.status_code == 422 and "请填写问卷标题" in html and "请选择调查范围" in html


def test_paper_page(browse):
    survey = survey_of()
    client = browse("wutong_grid")
    assert client.get(f"/surveys/{survey.pk}/paper/").status_code == 404
    client = browse("tudian_officer")
    q = {x.position: x for x in survey.questions.prefetch_related("choices")}
    data = {
        "sheet_number": "T-001",
        "region": "330483103001",
        f"q{q[1].pk}": q[1].choices.first().pk,
        f"q{q[2].pk}": q[2].choices.first().pk,
        f"q{q[3].pk}": "4",
        f"q{q[4].pk}": [c.pk for c in q[4].choices.all()][:2],
    }
    assert client.post(f"/surveys/{survey.pk}/paper/", data).status_code == 302
    again = client.post(f"/surveys/{survey.pk}/paper/", data)
    html = again.content.decode()
    assert again.status_code == 422 and "该编号的纸质问卷已录入" in html
    assert f'value="4" id="q{q[3].pk}r4" autocomplete="off" checked' in html
    assert Response.objects.count() == 1


def test_rates_page(browse, django_assert_max_num_queries):
    survey = survey_of()
    for n in range(1, 6):
        paper(survey, n, aware=n != 1, code="330483103001" if n % 2 else "330483103002")
    client = browse("tudian_officer")
    with django_assert_max_num_queries(15):
        response = client.get("/surveys/rates/?start=2026-01-01&end=2026-12-31")
    html = response.content.decode()
    assert "知晓率 = 回答“知晓”的人次 ÷ 回答知晓率题目的人次 × 100%" in html
    assert 'data-measure="awareness"' in html and "80.0%" in html
    assert 'data-region="330483103001"' in html and 'data-region="330483103002"' in html
    assert client.get("/surveys/rates/?region=330483001").status_code == 404
    assert client.get("/surveys/rates/?start=bad").status_code == 400


def test_list_queries(browse, django_assert_max_num_queries):
    for n in range(4):
        survey_of(title=f"问卷{n}")
    client = browse("tudian_officer")
    with django_assert_max_num_queries(8):
        response = client.get("/surveys/")
    assert response.content.decode().count("/surveys/") >= 4


def test_public_page_errors_keep_answers(client):
    survey = survey_of()
    q = {x.position: x for x in survey.questions.prefetch_related("choices")}
    data = {
        f"q{q[1].pk}": q[1].choices.first().pk,
        f"q{q[3].pk}": "5",
        "phone": "13957305103",
        "code": "123456",
        "action": "submit",
    }
    response = client.post(f"/surveys/s/{survey.token}/", data)
    html = response.content.decode()
    assert response.status_code == 422 and "第 2 题" in html
    assert (
        f'value="{q[1].choices.first().pk}" id="q{q[1].pk}c{q[1].choices.first().pk}" checked'
        in html
    )
    assert not Response.objects.exists()


def test_draft_is_not_public(client):
    assert client.get(f"/surveys/s/{survey_of(publish=False).token}/").status_code == 404
