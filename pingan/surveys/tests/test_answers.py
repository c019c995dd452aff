"""Taking answers: online, one per phone, the phone confirmed by an SMS code; from paper, one per
sheet number; bad answers refused naming the question, nothing written."""

from datetime import date, timedelta

import pytest

from pingan.core.errors import DomainError
from pingan.people.testing import last_phone_code
from pingan.surveys import services
from pingan.surveys.models import Answer, Response
from pingan.surveys.tests.factories import answers, paper, region, survey_of, user

pytestmark = pytest.mark.usefixtures("demo_city")
PHONE = "13957305101"


def online(survey, phone=PHONE, **kw):
    services.answer_code_send(survey=survey, phone=phone)
    return services.response_submit_online(
        survey=survey, phone=phone, code=last_phone_code(phone), answers=answers(survey, **kw)
    )


def test_online_answer_with_code():
    survey = survey_of()
    response = online(survey, channels=("横幅", "短信"), text="多宣传")
    assert response.channel == "online" and response.phone == PHONE
    assert response.region.code == "330483103"  # not given: the survey's region
    assert Answer.objects.filter(response=response).count() == 6  # two ticks of the multiple


def test_one_answer_per_phone():
    survey = survey_of()
    online(survey)
    with pytest.raises(DomainError) as info:
        services.answer_code_send(survey=survey, phone=PHONE)
    assert info.value.code == "already_answered" and info.value.status == 409
    with pytest.raises(DomainError) as info:
        services.response_submit_online(
            survey=survey, phone=PHONE, code="000000", answers=answers(survey)
        )
    assert info.value.code == "already_answered"
    assert Response.objects.count() == 1


def test_same_phone_may_answer_another_survey():
    import time_machine
    from django.utils import timezone

    online(survey_of())
    # A second code to the same phone is allowed a minute later.
    with time_machine.travel(timezone.now() + timedelta(minutes=2), tick=False):
        online(survey_of(title="另一份"))
    assert Response.objects.count() == 2


def test_wrong_or_missing_code():
    survey = survey_of()
    services.answer_code_send(survey=survey, phone=PHONE)
    for code, expected in (("", "code_required"), ("123", "code_invalid")):
        with pytest.raises(DomainError) as info:
            services.response_submit_online(
                survey=survey, phone=PHONE, code=code, answers=answers(survey)
            )
        assert info.value.code == expected
    assert not Response.objects.exists()


def test_bad_phone():
    survey = survey_of()
    with pytest.raises(DomainError):
        services.answer_code_send(survey=survey, phone="12345")
    with pytest.raises(DomainError) as info:
        services.response_submit_online(
            survey=survey, phone="0573-88001234", code="1", answers=answers(survey)
        )
    assert info.value.code == "not_mobile"


def test_paper_one_per_sheet():
    survey = survey_of()
    paper(survey, 1, code="330483103002")
    with pytest.raises(DomainError) as info:
        paper(survey, 1)
    assert info.value.code == "sheet_taken" and "已录入" in str(info.value.message)
    assert Response.objects.get().region.code == "330483103002"


def refused(survey, body, code):
    with pytest.raises(DomainError) as info:
        services.response_enter_paper(
            survey=survey, actor=user("tudian_officer"), sheet_number="X1", answers=body
        )
    assert info.value.code == code
    assert not Response.objects.exists() and not Answer.objects.exists()
    return str(info.value.message)


def test_bad_answers():
    survey = survey_of()
    good = answers(survey)
    q = {x.position: x for x in survey.questions.all()}
    missing = dict(good)
    del missing[q[1].pk]
    assert "第 1 题" in refused(survey, missing, "answer_required")
    assert "第 3 题" in refused(survey, {**good, q[3].pk: 6}, "invalid_answer")
    refused(survey, {**good, q[3].pk: "五"}, "invalid_answer")
    refused(survey, {**good, q[1].pk: 999999}, "invalid_answer")
    refused(survey, {**good, q[4].pk: [999999]}, "invalid_answer")
    refused(survey, {**good, q[5].pk: "长" * 501}, "answer_too_long")
    refused(survey, {**good, 424242: "x"}, "unknown_question")
    # A choice of another question is not an answer to this one.
    other = q[2].choices.first().pk
    refused(survey, {**good, q[1].pk: other}, "invalid_answer")


def test_region_outside_the_survey():
    survey = survey_of()
    with pytest.raises(DomainError) as info:
        paper(survey, 1, code="330483001001")
    assert info.value.code == "region_outside"


def test_paper_needs_sheet_number_and_scope():
    survey = survey_of()
    with pytest.raises(DomainError):
        services.response_enter_paper(
            survey=survey, actor=user("tudian_officer"), sheet_number=" ", answers=answers(survey)
        )
    from pingan.core.errors import NotFound

    with pytest.raises(NotFound):
        paper(survey, 1, actor="wutong_grid")
    assert not Response.objects.exists()


def test_draft_and_closed_take_no_answers():
    draft = survey_of(publish=False)
    with pytest.raises(DomainError) as info:
        paper(draft, 1)
    assert info.value.code == "not_open"
    survey = survey_of(title="b")
    services.survey_close(survey=survey, actor=user("tudian_officer"))
    with pytest.raises(DomainError):
        paper(survey, 1)
    assert not Response.objects.exists()


def test_online_after_the_period():
    survey = survey_of(start=date(2025, 1, 1), end=date(2025, 12, 31))
    with pytest.raises(DomainError) as info:
        services.response_submit_online(
            survey=survey, phone=PHONE, code="1", answers=answers(survey)
        )
    assert info.value.code == "period_over"
    # Paper sheets of the period may still be typed in.
    paper(survey, 1)


def test_phone_is_encrypted_and_masked():
    survey = survey_of()
    response = online(survey)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("select phone from surveys_response where id = %s", [response.pk])
        assert PHONE not in cursor.fetchone()[0]
    assert response.masked_phone == "139****5101"
    assert region("330483103") == response.region
