"""The survey's state machine: built as a draft, published for a region and a period (answers
accepted, questions frozen so that every answer meant the same question), closed."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")  # questions being written; no answers
    PUBLISHED = "published", _("已发布")  # answered online and from paper; questions frozen
    CLOSED = "closed", _("已结束")  # no more answers; the figures stay


class SurveyAction(models.TextChoices):
    CREATE = "create", _("新建")
    PUBLISH = "publish", _("发布")
    CLOSE = "close", _("结束")


S = SurveyStatus
# action -> (statuses it may start from, status it leads to); None as a start: a new survey.
SURVEY_TRANSITIONS: dict[str, tuple[frozenset, str]] = {
    SurveyAction.CREATE: (frozenset({None}), S.DRAFT),
    SurveyAction.PUBLISH: (frozenset({S.DRAFT}), S.PUBLISHED),
    SurveyAction.CLOSE: (frozenset({S.PUBLISHED}), S.CLOSED),
}


def allowed(action: str, status: str | None) -> bool:
    return status in SURVEY_TRANSITIONS[action][0]


def can_publish(survey) -> bool:
    return allowed(SurveyAction.PUBLISH, survey.status)


def can_close(survey) -> bool:
    return allowed(SurveyAction.CLOSE, survey.status)


def can_edit(survey) -> bool:
    return survey.status == S.DRAFT


def can_answer(survey) -> bool:
    return survey.status == S.PUBLISHED


def check(action: str, survey) -> str:
    if not allowed(action, survey.status):
        raise DomainError(
            "wrong_status",
            _("问卷当前为「%(status)s」，不能%(action)s")
            % {"status": survey.get_status_display(), "action": SurveyAction(action).label},
            status=409,
        )
    return SURVEY_TRANSITIONS[action][1]
