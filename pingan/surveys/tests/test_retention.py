"""Respondents' phones are blanked once the survey's period ended longer ago than the period
(surveys.respondent_phones, 180 days); the answers and the 三率 stay."""

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from pingan.core import retention
from pingan.people.testing import last_phone_code
from pingan.surveys import rates, services
from pingan.surveys.models import Response
from pingan.surveys.tests.factories import answers, paper, survey_of

pytestmark = pytest.mark.django_db

PHONE = "13957309001"


def _answered_online(*, ended_days_ago: int, title: str) -> Response:
    """A survey whose period ended `ended_days_ago` days ago, answered online during it."""
    end = timezone.localdate() - timedelta(days=ended_days_ago)
    with time_machine.travel(end - timedelta(days=10), tick=True):
        survey = survey_of(start=date(2025, 1, 1), end=end, title=title)
        services.answer_code_send(survey=survey, phone=PHONE)
        response = services.response_submit_online(
            survey=survey, phone=PHONE, code=last_phone_code(PHONE), answers=answers(survey)
        )
        paper(survey, 1, aware=False, rating=2)
    return response


def test_phones_of_a_long_finished_survey_are_blanked(demo_city):
    old = _answered_online(ended_days_ago=181, title="旧问卷")
    recent = _answered_online(ended_days_ago=179, title="近问卷")
    figures = rates.survey_rates(old.survey)

    policy = retention.get("surveys.respondent_phones")
    assert retention.due_count(policy) == 1
    assert retention.run_policy(policy) == 1

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.phone, old.phone_index, old.channel) == ("", "", "online")
    assert recent.phone == PHONE and recent.phone_index
    assert Response.objects.filter(survey=old.survey).count() == 2
    assert rates.survey_rates(old.survey) == figures
    assert retention.due_count(policy) == 0
