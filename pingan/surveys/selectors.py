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
