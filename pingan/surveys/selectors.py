"""Reads of surveys, scoped to the viewer (rule 2)."""

from django.db.models import Count, Q

from pingan.core.errors import NotFound
from pingan.org import scoping
from pingan.org.models import Region
from pingan.surveys.models import Survey
from pingan.surveys.roles import BUILD_ROLES, STAFF_ROLES
from pingan.surveys.workflow import SurveyStatus


def surveys_visible_to(user):
    qs = Survey.objects.select_related("region").annotate(answered=Count("responses"))
    return scoping.scope(qs, user, roles=STAFF_ROLES)


def get_survey_for(user, pk) -> Survey:
    return scoping.get_object_for(surveys_visible_to(user), pk=pk)


def surveys_handed_down_to(user):
    """Published surveys of a region above the user's jurisdiction (a city-wide survey, for a
    town's staff): its questionnaires are handed out and collected by the towns, so their
    staff enter the paper sheets of their own respondents, without seeing the survey's other
    answers or figures (those stay with the survey's own region)."""
    codes = scoping.jurisdiction_codes(user, STAFF_ROLES)
    if not codes:  # nobody above a superuser; no post, nothing
        return Survey.objects.none()
    above = {code[:n] for code in codes for n in range(1, len(code))}
    return (
        Survey.objects.select_related("region")
        .filter(status=SurveyStatus.PUBLISHED, region__code__in=above)
        .order_by("-published_at", "-id")
    )


def get_survey_for_paper(user, pk) -> Survey:
    """A survey the user may enter paper sheets for: one of their jurisdiction, or one handed
    down to it."""
    survey = surveys_visible_to(user).filter(pk=pk).first()
    if survey is None:
        survey = surveys_handed_down_to(user).filter(pk=pk).first()
    if survey is None:
        raise NotFound()
    return survey


def paper_regions(survey: Survey, user):
    """Where the respondent of a paper sheet entered by `user` may live: the survey's
    respondent regions inside the user's jurisdiction."""
    regions = respondent_regions(survey)
    if scoping.covers(user, survey.region, STAFF_ROLES):
        return regions
    codes = scoping.jurisdiction_codes(user, STAFF_ROLES) or []
    inside = Q(pk__in=[])
    for code in codes:
        inside |= Q(code__startswith=code)
    return regions.filter(inside)


def public_survey(token: str) -> Survey:
    """A survey as its respondents reach it: by link code, published or closed (a closed one
    says so), never a draft."""
    survey = (
        Survey.objects.select_related("region")
        .filter(token=token, status__in=[SurveyStatus.PUBLISHED, SurveyStatus.CLOSED])
        .first()
    )
    if survey is None:
        raise NotFound()
    return survey


def public_surveys():
    return Survey.objects.select_related("region").filter(status=SurveyStatus.PUBLISHED)


def questions_of(survey: Survey):
    return survey.questions.prefetch_related("choices").order_by("position", "id")


def respondent_regions(survey: Survey):
    """Where a respondent may say they live: the survey's region and the towns and villages in
    it (grids are too fine for a resident to know)."""
    return Region.objects.filter(
        code__startswith=survey.region.code,
        is_active=True,
        level__in=[Region.Level.CITY, Region.Level.TOWN, Region.Level.VILLAGE],
    ).order_by("code")


def build_regions(user):
    return (
        scoping.regions_visible_to(user)
        .filter(
            is_active=True, level__in=[Region.Level.CITY, Region.Level.TOWN, Region.Level.VILLAGE]
        )
        .filter(_build_q(user))
    )


def _build_q(user) -> Q:
    codes = scoping.jurisdiction_codes(user, BUILD_ROLES)
    if codes is None:
        return Q()
    q = Q(pk__in=[])
    for code in codes:
        q |= Q(code__startswith=code)
    return q


def rate_regions(user):
    return scoping.regions_visible_to(user).filter(
        is_active=True, level__in=[Region.Level.CITY, Region.Level.TOWN, Region.Level.VILLAGE]
    )


def responses_of(survey: Survey):
    return survey.responses.select_related("region", "entered_by").order_by("-submitted_at")


def default_region(user):
    """Where the 三率 page opens: the top of the viewer's jurisdiction."""
    regions = scoping.top_regions(user)
    return regions[0] if regions else None
