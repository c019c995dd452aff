"""Writes of surveys (rule 1): build a questionnaire, publish and close it, take an answer
(online, the phone confirmed by an SMS code, or a paper sheet entered by staff)."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.core import pii
from pingan.core.errors import DomainError, NotFound
from pingan.core.fields import blind_index_for
from pingan.org import scoping
from pingan.org.models import Region
from pingan.people import phone_codes
from pingan.surveys.models import Answer, Choice, Measure, Question, Response, Survey, SurveyEvent
from pingan.surveys.roles import BUILD_ROLES, STAFF_ROLES
from pingan.surveys.workflow import SurveyAction, SurveyStatus, can_answer, can_edit, check

PHONE_PURPOSE = "survey_answer"
MAX_QUESTIONS = 50
MAX_CHOICES = 12


def _event(survey, action, old, new, actor) -> None:
    SurveyEvent.objects.create(
        survey=survey,
        action=action,
        old_status=old or "",
        new_status=new,
        actor=actor,
        at=timezone.now(),
    )


def _require_builder(actor, region) -> None:
    if not scoping.covers(actor, region, BUILD_ROLES):
        raise NotFound()


@transaction.atomic
def survey_create(
    *,
    actor,
    title: str,
    region: Region,
    period_start: date,
    period_end: date,
    intro: str = "",
) -> Survey:
    _require_builder(actor, region)
    title = (title or "").strip()
    if not title:
        raise DomainError("title_required", _("请填写问卷标题"), status=422)
    if len(title) > 80 or len(intro or "") > 1000:
        raise DomainError("text_too_long", _("标题或说明过长"), status=422)
    if period_end < period_start:
        raise DomainError("period_reversed", _("统计期结束日期不能早于开始日期"), status=422)
    status = check(SurveyAction.CREATE, Survey(status=None))
    survey = Survey.objects.create(
        title=title,
        intro=(intro or "").strip(),
        region=region,
        period_start=period_start,
        period_end=period_end,
        status=status,
        created_by=actor,
        created_at=timezone.now(),
    )
    _event(survey, SurveyAction.CREATE, None, status, actor)
    return survey


def _locked_draft(survey, actor) -> Survey:
    _require_builder(actor, survey.region)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if not can_edit(survey):
        raise DomainError("not_draft", _("问卷已发布，题目不能再修改"), status=409)
    return survey


@transaction.atomic
def question_add(
    *,
    survey: Survey,
    actor,
    text: str,
    kind: str,
    required: bool = True,
    measures: str = "",
    options: list[tuple[str, bool]] = (),
    satisfied_min: int | None = None,
) -> Question:
    """Add a question at the end. `options`: (label, counts as yes/satisfied) for choice
    questions. Only single-choice and rating questions may measure a rate (one answer each)."""
    survey = _locked_draft(survey, actor)
    text = (text or "").strip()
    if not text:
        raise DomainError("text_required", _("请填写题目"), status=422)
    if len(text) > 200:
        raise DomainError("text_too_long", _("题目不能超过 200 个字"), status=422)
    if kind not in Question.Kind.values:
        raise DomainError("invalid_kind", _("请选择题型"), status=422)
    if measures and measures not in Measure.values:
        raise DomainError("invalid_measure", _("计入的指标不正确"), status=422)
    if measures and kind not in Question.MEASURABLE:
        raise DomainError("measure_needs_single", _("只有单选题和评分题可以计入三率"), status=422)
    options = [(label.strip(), bool(counts)) for label, counts in options if label.strip()]
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        if not 2 <= len(options) <= MAX_CHOICES:
            raise DomainError(
                "choices_count",
                _("选择题需要 2 至 %(n)s 个选项") % {"n": MAX_CHOICES},
                status=422,
            )
        if len({label for label, _c in options}) != len(options):
            raise DomainError("choices_repeat", _("选项不能重复"), status=422)
        if any(len(label) > 100 for label, _c in options):
            raise DomainError("choice_too_long", _("选项不能超过 100 个字"), status=422)
        if measures and not any(counts for _l, counts in options):
            raise DomainError(
                "choices_none_count",
                _("计入三率的题目至少要有一个选项计为“是/满意”（在选项前加 *）"),
                status=422,
            )
    elif options:
        raise DomainError("choices_unexpected", _("评分题和文字题没有选项"), status=422)
    if kind == Question.Kind.RATING and measures:
        if satisfied_min is None or not 1 <= satisfied_min <= Question.RATING_MAX:
            raise DomainError(
                "satisfied_min_required",
                _("评分题计入三率时，请填写 1 至 5 的满意分数线"),
                status=422,
            )
    else:
        satisfied_min = None
    count = survey.questions.count()
    if count >= MAX_QUESTIONS:
        raise DomainError(
            "too_many_questions", _("每份问卷最多 %(n)s 题") % {"n": MAX_QUESTIONS}, status=422
        )
    question = Question.objects.create(
        survey=survey,
        position=count + 1,
        text=text,
        kind=kind,
        required=required,
        measures=measures or "",
        satisfied_min=satisfied_min,
    )
    Choice.objects.bulk_create(
        Choice(question=question, position=i, label=label, counts=counts)
        for i, (label, counts) in enumerate(options, start=1)
    )
    return question


@transaction.atomic
def question_remove(*, survey: Survey, question_id: int, actor) -> None:
    survey = _locked_draft(survey, actor)
    question = survey.questions.filter(pk=question_id).first()
    if question is None:
        raise NotFound()
    question.delete()
    for position, q in enumerate(survey.questions.order_by("position", "id"), start=1):
        if q.position != position:
            Question.objects.filter(pk=q.pk).update(position=position)


@transaction.atomic
def survey_publish(*, survey: Survey, actor) -> Survey:
    _require_builder(actor, survey.region)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    new = check(SurveyAction.PUBLISH, survey)
    if not survey.questions.exists():
        raise DomainError("no_questions", _("问卷还没有题目，不能发布"), status=422)
    old, survey.status, survey.published_at = survey.status, new, timezone.now()
    survey.save(update_fields=["status", "published_at"])
    _event(survey, SurveyAction.PUBLISH, old, new, actor)
    return survey


@transaction.atomic
def survey_close(*, survey: Survey, actor) -> Survey:
    _require_builder(actor, survey.region)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    new = check(SurveyAction.CLOSE, survey)
    old, survey.status = survey.status, new
    survey.save(update_fields=["status"])
    _event(survey, SurveyAction.CLOSE, old, new, actor)
    return survey


def _parse_answers(survey: Survey, answers: dict) -> list[Answer]:
    """Turn {question id: value} into unsaved Answer rows, or refuse naming the question.
    Values: a choice id (single), a list of choice ids (multiple), 1-5 (rating), text."""
    rows = []
    answers = {str(k): v for k, v in (answers or {}).items()}
    questions = list(survey.questions.prefetch_related("choices"))
    known = {str(q.pk) for q in questions}
    if set(answers) - known:
        raise DomainError("unknown_question", _("回答中有不属于本问卷的题目"), status=422)
    for q in questions:
        value = answers.get(str(q.pk))
        if isinstance(value, str):
            value = value.strip()
        if value in (None, "", []):
            if q.required:
                raise DomainError(
                    "answer_required",
                    _("第 %(n)s 题「%(text)s」为必答题") % {"n": q.position, "text": q.text},
                    status=422,
                )
            continue
        bad = DomainError(
            "invalid_answer",
            _("第 %(n)s 题「%(text)s」的回答不正确") % {"n": q.position, "text": q.text},
            status=422,
        )
        choices = {str(c.pk): c for c in q.choices.all()}
        if q.kind == Question.Kind.SINGLE:
            choice = choices.get(str(value))
            if choice is None:
                raise bad
            rows.append(Answer(question=q, choice=choice))
        elif q.kind == Question.Kind.MULTIPLE:
            picked = value if isinstance(value, list | tuple) else [value]
            picked = list(dict.fromkeys(str(v) for v in picked))
            if not picked or any(v not in choices for v in picked):
                raise bad
            rows += [Answer(question=q, choice=choices[v]) for v in picked]
        elif q.kind == Question.Kind.RATING:
            try:
                rating = int(str(value))
            except ValueError:
                raise bad from None
            if not 1 <= rating <= Question.RATING_MAX:
                raise bad
            rows.append(Answer(question=q, rating=rating))
        else:
            text = str(value)
            if len(text) > 500:
                raise DomainError(
                    "answer_too_long",
                    _("第 %(n)s 题的回答不能超过 500 个字") % {"n": q.position},
                    status=422,
                )
            rows.append(Answer(question=q, text=text))
    return rows


def _respondent_region(survey: Survey, region: Region | None) -> Region:
    if region is None:
        return survey.region
    if not region.code.startswith(survey.region.code):
        raise DomainError("region_outside", _("所在辖区不在本问卷的调查范围内"), status=422)
    return region


@transaction.atomic
def _save(survey, *, channel, region, rows, phone="", sheet_number="", actor=None) -> Response:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if not can_answer(survey):
        raise DomainError("not_open", _("问卷未发布或已结束，不能提交"), status=409)
    try:
        with transaction.atomic():
            response = Response.objects.create(
                survey=survey,
                channel=channel,
                region=region,
                phone=phone,
                sheet_number=sheet_number,
                entered_by=actor,
                submitted_at=timezone.now(),
            )
    except IntegrityError:
        raise _duplicate(channel) from None
    for row in rows:
        row.response = response
    Answer.objects.bulk_create(rows)
    return response


def _duplicate(channel) -> DomainError:
    if channel == Response.Channel.PAPER:
        return DomainError("sheet_taken", _("该编号的纸质问卷已录入"), status=409)
    return DomainError("already_answered", _("该手机号已提交过本问卷"), status=409)


def answer_code_send(*, survey: Survey, phone: str):
    """Send the SMS code that confirms the respondent's phone (refused once it has answered)."""
    if not can_answer(survey):
        raise DomainError("not_open", _("问卷未发布或已结束，不能提交"), status=409)
    number = pii.normalize_phone(phone)
    if Response.objects.filter(
        survey=survey, phone_index=blind_index_for("phone", number)
    ).exists():
        raise _duplicate(Response.Channel.ONLINE)
    return phone_codes.phone_code_send(phone=number, purpose=PHONE_PURPOSE)


def response_submit_online(
    *, survey: Survey, phone: str, code: str, answers: dict, region: Region | None = None
) -> Response:
    """A resident's own answer: one per phone per survey, the phone proven by an SMS code.
    The answers are checked before the code, so a mistake does not use the code up; the code is
    checked before the transaction (phone_codes' rule: wrong guesses must stay counted)."""
    if not can_answer(survey):
        raise DomainError("not_open", _("问卷未发布或已结束，不能提交"), status=409)
    if timezone.localdate() > survey.period_end:
        raise DomainError("period_over", _("本问卷的调查期已结束"), status=409)
    number = pii.normalize_phone(phone)
    if not pii.is_mobile(number):
        raise DomainError("not_mobile", _("请填写手机号码（用于接收验证码）"), status=422)
    rows = _parse_answers(survey, answers)
    region = _respondent_region(survey, region)
    if Response.objects.filter(
        survey=survey, phone_index=blind_index_for("phone", number)
    ).exists():
        raise _duplicate(Response.Channel.ONLINE)
    if not (code or "").strip():
        raise DomainError("code_required", _("请填写短信验证码"), status=422)
    phone_codes.phone_code_check(phone=number, purpose=PHONE_PURPOSE, code=code.strip())
    return _save(survey, channel=Response.Channel.ONLINE, region=region, rows=rows, phone=number)


def _handed_down(survey: Survey, actor) -> bool:
    codes = scoping.jurisdiction_codes(actor, STAFF_ROLES) or []
    return any(code.startswith(survey.region.code) for code in codes)


def response_enter_paper(
    *, survey: Survey, actor, sheet_number: str, answers: dict, region: Region | None = None
) -> Response:
    """A paper sheet typed in by staff: one per sheet number per survey. Staff of the survey's
    region enter any sheet; staff of a town below it (a city-wide survey handed down) enter
    the sheets of respondents living in their own jurisdiction."""
    whole_survey = scoping.covers(actor, survey.region, STAFF_ROLES)
    if not whole_survey:
        if survey.status != SurveyStatus.PUBLISHED or not _handed_down(survey, actor):
            raise NotFound()
        if region is None:
            raise DomainError(
                "region_required", _("请选择受访者所在的镇（街道）或村（社区）"), status=422
            )
        if not scoping.covers(actor, region, STAFF_ROLES):
            raise DomainError("region_not_yours", _("只能录入本辖区受访者的问卷"), status=422)
    sheet_number = (sheet_number or "").strip()
    if not sheet_number:
        raise DomainError("sheet_required", _("请填写纸质问卷编号"), status=422)
    if len(sheet_number) > 30:
        raise DomainError("sheet_too_long", _("问卷编号不能超过 30 个字符"), status=422)
    rows = _parse_answers(survey, answers)
    region = _respondent_region(survey, region)
    return _save(
        survey,
        channel=Response.Channel.PAPER,
        region=region,
        rows=rows,
        sheet_number=sheet_number,
        actor=actor,
    )
