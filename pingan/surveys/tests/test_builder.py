"""Building a questionnaire: questions of four kinds, which answers count for which rate;
publish (needs a question) and close; who may; the timeline."""

from datetime import date

import pytest

from pingan.core.errors import DomainError, NotFound
from pingan.surveys import services
from pingan.surveys.models import Question, Survey, SurveyEvent
from pingan.surveys.tests.factories import region, survey_of, user

pytestmark = pytest.mark.usefixtures("demo_city")


def draft(actor="tudian_officer"):
    return services.survey_create(
        actor=user(actor),
        title="问卷",
        region=region("330483103"),
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
    )


def add(survey, **kw):
    spec = {"survey": survey, "actor": user("tudian_officer"), "text": "题", "kind": "single"}
    spec.update(kw)
    return services.question_add(**spec)


def test_build_publish_close_timeline():
    survey = survey_of()
    assert survey.status == "published" and survey.published_at
    assert [q.position for q in survey.questions.all()] == [1, 2, 3, 4, 5]
    assert survey.questions.get(position=3).satisfied_min == 4
    survey = services.survey_close(survey=survey, actor=user("tudian_leader"))
    events = list(SurveyEvent.objects.filter(survey=survey).values_list("action", "new_status"))
    assert events == [("create", "draft"), ("publish", "published"), ("close", "closed")]


@pytest.mark.parametrize(
    ("spec", "code"),
    [
        ({"text": " "}, "text_required"),
        ({"kind": "essay"}, "invalid_kind"),
        ({"options": [("只有一个", False)]}, "choices_count"),
        ({"options": [("是", False), ("是", False)]}, "choices_repeat"),
        (
            {"measures": "awareness", "options": [("是", False), ("否", False)]},
            "choices_none_count",
        ),
        (
            {"kind": "multiple", "measures": "awareness", "options": [("a", True), ("b", False)]},
            "measure_needs_single",
        ),
        ({"kind": "rating", "measures": "satisfaction"}, "satisfied_min_required"),
        (
            {"kind": "rating", "measures": "satisfaction", "satisfied_min": 6},
            "satisfied_min_required",
        ),
        ({"kind": "text", "options": [("a", False), ("b", False)]}, "choices_unexpected"),
        ({"measures": "happiness", "options": [("a", True), ("b", False)]}, "invalid_measure"),
    ],
)
def test_bad_questions(spec, code):
    survey = draft()
    with pytest.raises(DomainError) as info:
        add(survey, **spec)
    assert info.value.code == code and info.value.status == 422
    assert not Question.objects.exists()


def test_publish_needs_a_question_and_only_from_draft():
    survey = draft()
    with pytest.raises(DomainError) as info:
        services.survey_publish(survey=survey, actor=user("tudian_officer"))
    assert info.value.code == "no_questions"
    add(survey, options=[("a", False), ("b", False)])
    services.survey_publish(survey=survey, actor=user("tudian_officer"))
    with pytest.raises(DomainError) as info:
        services.survey_publish(survey=survey, actor=user("tudian_officer"))
    assert info.value.status == 409


def test_published_questions_are_frozen():
    survey = survey_of()
    with pytest.raises(DomainError) as info:
        add(survey, options=[("a", False), ("b", False)])
    assert info.value.code == "not_draft"
    with pytest.raises(DomainError):
        services.question_remove(
            survey=survey, question_id=survey.questions.first().pk, actor=user("tudian_officer")
        )


def test_close_only_when_published():
    with pytest.raises(DomainError) as info:
        services.survey_close(survey=draft(), actor=user("tudian_officer"))
    assert info.value.status == 409


def test_remove_renumbers():
    survey = draft()
    first = add(survey, text="一", options=[("a", False), ("b", False)])
    add(survey, text="二", kind="text")
    services.question_remove(survey=survey, question_id=first.pk, actor=user("tudian_officer"))
    assert list(survey.questions.values_list("text", "position")) == [("二", 1)]


def test_wrong_role_or_region():
    with pytest.raises(NotFound):
        draft("wutong_grid")  # grid members enter sheets but do not publish for a region
    with pytest.raises(NotFound):
        services.survey_create(
            actor=user("tudian_officer"),
            title="x",
            region=region("330483001"),
            period_start=date(2026, 1, 1),
            period_end=date(2026, 1, 2),
        )
    survey = draft()
    with pytest.raises(NotFound):
        services.survey_publish(survey=survey, actor=user("wutong_grid"))
    assert Survey.objects.count() == 1


def test_period_in_order():
    with pytest.raises(DomainError) as info:
        services.survey_create(
            actor=user("tudian_officer"),
            title="x",
            region=region("330483103"),
            period_start=date(2026, 2, 1),
            period_end=date(2026, 1, 1),
        )
    assert info.value.code == "period_reversed"
