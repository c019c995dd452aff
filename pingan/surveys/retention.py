"""Retention of survey respondents' phones (答卷手机号).

An online answer keeps the respondent's phone (encrypted) and its blind index, so that each
phone answers a survey once. Once the survey's period has ended longer ago than
PINGAN_SURVEY_PHONE_RETENTION_DAYS (180 by default), nobody can answer it any more and the
phone has no purpose left: it is blanked. The answers, the region and the 三率 stay as they are.
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.core.retention import ANONYMISE, Policy, blank_batch, register
from pingan.surveys.models import Response
from pingan.surveys.workflow import SurveyStatus


def _due(cutoff):
    # The period ends with its last day: a survey whose whole last day lies before the cutoff.
    day = timezone.localtime(cutoff).date()
    return (
        Response.objects.filter(survey__period_end__lt=day)
        .exclude(survey__status=SurveyStatus.DRAFT)
        .filter(~Q(phone_index=""))
    )


def _apply(cutoff, limit):
    return blank_batch(_due(cutoff), limit, phone="", phone_index="")


RESPONDENT_PHONES = register(
    Policy(
        name="surveys.respondent_phones",
        label=_("问卷答卷人的手机号"),
        setting="PINGAN_SURVEY_PHONE_RETENTION_DAYS",
        default_days=180,
        action=ANONYMISE,
        keeps=_("答卷、所在辖区和三率统计保留；手机号清空"),
        counted_from=_("问卷统计期结束"),
        due=_due,
        apply=_apply,
        order=45,
    )
)
