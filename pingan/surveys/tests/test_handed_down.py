"""A city-wide survey is handed out and collected by the towns: a town's staff enter the paper
sheets of their own respondents, and nothing else of the survey is theirs to see."""

import pytest
from django.urls import reverse

from pingan.core.errors import DomainError, NotFound
from pingan.surveys import rates, services
from pingan.surveys.models import Response
from pingan.surveys.tests.factories import answers, region, survey_of, user

pytestmark = pytest.mark.django_db

CITY = "330483"
TUDIAN_VILLAGE = "330483103002"
WUTONG = "330483001"


@pytest.fixture
def city_survey(demo_city):
    return survey_of(code=CITY, actor="city_leader", title="桐乡市平安建设满意度调查")


def _enter(survey, *, code, sheet="T001", actor="tudian_officer"):
    return services.response_enter_paper(
        survey=survey,
        actor=user(actor),
        sheet_number=sheet,
        answers=answers(survey, rating=4),
        region=region(code) if code else None,
    )


def test_town_staff_enter_sheets_of_their_own_respondents(city_survey):
    response = _enter(city_survey, code=TUDIAN_VILLAGE)
    assert (response.channel, response.region.code) == ("paper", TUDIAN_VILLAGE)
    assert response.entered_by.username == "tudian_officer"
    # Counted in the city's survey, and in the town's 三率.
    assert rates.survey_rates(city_survey)["satisfaction"].numerator == 1


@pytest.mark.parametrize(
    ("code", "error"),
    [(WUTONG, "region_not_yours"), (None, "region_required")],
)
def test_another_towns_respondent_or_none_is_refused(city_survey, code, error):
    with pytest.raises(DomainError) as refused:
        _enter(city_survey, code=code)
    assert refused.value.code == error
    assert Response.objects.count() == 0


def test_only_a_published_survey_of_a_region_above_is_handed_down(demo_city):
    draft = survey_of(code=CITY, actor="city_leader", publish=False, title="草稿")
    with pytest.raises(NotFound):
        _enter(draft, code=TUDIAN_VILLAGE)
    # Another town's survey is not above 屠甸: not theirs at all.
    wutong = survey_of(code=WUTONG, actor="admin", title="梧桐街道问卷")
    with pytest.raises(NotFound):
        _enter(wutong, code=TUDIAN_VILLAGE)


def test_the_pages_list_it_and_take_a_sheet_but_keep_the_survey_closed(city_survey, client):
    client.force_login(user("tudian_officer"))
    listing = client.get(reverse("surveys:list")).content.decode()
    assert 'data-testid="handed-down"' in listing and city_survey.title in listing
    paper = reverse("surveys:paper", args=[city_survey.pk])
    page = client.get(paper).content.decode()
    assert 'data-testid="handed-down-note"' in page
    # Only the town's own regions are offered.
    assert f'value="{TUDIAN_VILLAGE}"' in page and f'value="{WUTONG}"' not in page
    body = {"sheet_number": "T002", "region": TUDIAN_VILLAGE}
    body.update({f"q{pk}": value for pk, value in answers(city_survey).items()})
    saved = client.post(paper, body)
    assert saved.status_code == 302, saved.content.decode()[:500]
    assert Response.objects.get().region.code == TUDIAN_VILLAGE
    # The survey's own page, answers and figures stay with the city.
    assert client.get(reverse("surveys:survey", args=[city_survey.pk])).status_code == 404


def test_the_api_takes_a_sheet_too(city_survey, client):
    client.force_login(user("tudian_officer"))
    body = {"sheet_number": "T003", "region": TUDIAN_VILLAGE, "answers": answers(city_survey)}
    response = client.post(
        f"/api/v1/surveys/{city_survey.pk}/responses", body, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert client.get(f"/api/v1/surveys/{city_survey.pk}").status_code == 404
