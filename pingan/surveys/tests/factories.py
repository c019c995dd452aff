"""Test data for surveys: a survey with one question per measure (awareness: 知道*/不知道;
participation: 参加过*/没有; satisfaction: a rating counted from 4), a multiple-choice and a
text question."""

from datetime import date

from pingan.org.models import Region, User
from pingan.surveys import services

TOWN = "330483103"


def user(username: str) -> User:
    return User.objects.get(username=username)


def region(code: str) -> Region:
    return Region.objects.get(code=code)


def survey_of(
    *,
    code=TOWN,
    actor="tudian_officer",
    start=date(2026, 1, 1),
    end=date(2026, 12, 31),
    publish=True,
    title="屠甸镇平安建设问卷",
):
    survey = services.survey_create(
        actor=user(actor), title=title, region=region(code), period_start=start, period_end=end
    )
    add = dict(survey=survey, actor=user(actor))
    services.question_add(
        **add,
        text="是否知道平安桐乡日",
        kind="single",
        measures="awareness",
        options=[("知道", True), ("不知道", False)],
    )
    services.question_add(
        **add,
        text="是否参加过活动",
        kind="single",
        measures="participation",
        options=[("参加过", True), ("没有", False)],
    )
    services.question_add(
        **add, text="满意程度", kind="rating", measures="satisfaction", satisfied_min=4
    )
    services.question_add(
        **add,
        text="了解渠道",
        kind="multiple",
        required=False,
        options=[("横幅", False), ("短信", False), ("电子屏", False)],
    )
    services.question_add(**add, text="建议", kind="text", required=False)
    if publish:
        survey = services.survey_publish(survey=survey, actor=user(actor))
    return survey


def answers(survey, *, aware=True, took_part=False, rating=5, channels=(), text=""):
    qs = {q.position: q for q in survey.questions.prefetch_related("choices")}

    def pick(position, yes):
        return next(c.pk for c in qs[position].choices.all() if c.counts == yes)

    body = {qs[1].pk: pick(1, aware), qs[2].pk: pick(2, took_part), qs[3].pk: rating}
    if channels:
        labels = {c.label: c.pk for c in qs[4].choices.all()}
        body[qs[4].pk] = [labels[c] for c in channels]
    if text:
        body[qs[5].pk] = text
    return body


def paper(survey, n, *, actor="tudian_officer", code=None, **kw):
    return services.response_enter_paper(
        survey=survey,
        actor=user(actor),
        sheet_number=f"S{n:04d}",
        answers=answers(survey, **kw),
        region=region(code) if code else None,
    )
