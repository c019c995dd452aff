"""The surveys API (/api/v1/surveys/...): staff list surveys, enter paper sheets and read the
三率; respondents (no account) read a published survey, ask for an SMS code and answer."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Status

from pingan.core.api_support import ERRORS, ErrorOut
from pingan.core.errors import DomainError
from pingan.org import scoping
from pingan.people import code_budget
from pingan.surveys import rates, selectors, services
from pingan.surveys.schemas import (
    CodeIn,
    RatesOut,
    ResponseOut,
    SurveyAnswerIn,
    SurveyDetailOut,
    SurveyOut,
)

router = Router(tags=["surveys"])
PUBLIC_ERRORS = {400: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 429: ErrorOut}


def _detail(survey):
    survey.question_list = list(selectors.questions_of(survey))
    return survey


def _rate(rate) -> dict:
    return {
        "measure": rate.measure,
        "label": str(rate.label),
        "numerator": rate.numerator,
        "denominator": rate.denominator,
        "rate": rate.value,
        "formula": rate.formula,
    }


@router.get("", response={200: list[SurveyOut], **ERRORS}, summary="Surveys in my jurisdiction")
def list_surveys(request):
    return list(selectors.surveys_visible_to(request.user))


@router.get(
    "/rates",
    response={200: RatesOut, **ERRORS},
    summary="知晓率/参与率/满意率 for a region and period, with numerators and denominators",
)
def get_rates(
    request, region: str | None = None, start: date | None = None, end: date | None = None
):
    today = timezone.localdate()
    start = start or date(today.year, 1, 1)
    end = end or date(today.year, 12, 31)
    if end < start:
        raise DomainError("period_reversed", _("结束日期不能早于开始日期"), status=422)
    place = (
        scoping.get_region_for(request.user, region)
        if region
        else selectors.default_region(request.user)
    )
    if place is None:
        raise DomainError("no_region", _("您没有可查看的辖区"), status=404)
    report = rates.rate_report(user=request.user, region=place, start=start, end=end)
    return {
        "region": place.code,
        "start": start,
        "end": end,
        "total": [_rate(r) for r in report.total.values()],
        "areas": [
            {
                "region": a.region.code,
                "region_name": a.region.name,
                "rates": [_rate(r) for r in a.rates.values()],
            }
            for a in report.areas
        ],
    }


@router.get(
    "/public/{token}",
    auth=None,
    response={200: SurveyDetailOut, **PUBLIC_ERRORS},
    summary="A published survey with its questions (public)",
)
def public_detail(request, token: str):
    return _detail(selectors.public_survey(token))


@router.post(
    "/public/{token}/code",
    auth=None,
    response={204: None, **PUBLIC_ERRORS},
    summary="Send the SMS code confirming the respondent's phone (public)",
)
def public_code(request, token: str, payload: CodeIn):
    survey = selectors.public_survey(token)
    code_budget.check(request)
    services.answer_code_send(survey=survey, phone=payload.phone)
    code_budget.spent(request)
    return Status(204, None)


def _region_in(survey, code):
    if not code:
        return None
    region = selectors.respondent_regions(survey).filter(code=code).first()
    if region is None:
        raise DomainError("region_outside", _("所在辖区不在本问卷的调查范围内"), status=422)
    return region


@router.post(
    "/public/{token}/responses",
    auth=None,
    response={201: ResponseOut, **PUBLIC_ERRORS},
    summary="Answer a survey online: one answer per phone, confirmed by the SMS code (public)",
)
def public_answer(request, token: str, payload: SurveyAnswerIn):
    survey = selectors.public_survey(token)
    response = services.response_submit_online(
        survey=survey,
        phone=payload.phone or "",
        code=payload.code or "",
        answers=payload.answers,
        region=_region_in(survey, payload.region),
    )
    return Status(201, response)


@router.get("/{survey_id}", response={200: SurveyDetailOut, **ERRORS}, summary="A survey")
def survey_detail(request, survey_id: int):
    return _detail(selectors.get_survey_for(request.user, survey_id))


@router.post(
    "/{survey_id}/responses",
    response={201: ResponseOut, **ERRORS},
    summary="Enter a paper questionnaire (staff): one per sheet number",
)
def paper_answer(request, survey_id: int, payload: SurveyAnswerIn):
    # Also a city-wide survey handed down to the user's town (their own respondents only).
    survey = selectors.get_survey_for_paper(request.user, survey_id)
    response = services.response_enter_paper(
        survey=survey,
        actor=request.user,
        sheet_number=payload.sheet_number or "",
        answers=payload.answers,
        region=_region_in(survey, payload.region),
    )
    return Status(201, response)
