"""Survey pages for staff: the list, building a questionnaire, publishing it with its link and
QR code, entering paper sheets, and the 三率 for a region and a period."""

import io
from datetime import date

import segno
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pingan.core.errors import DomainError
from pingan.org import scoping
from pingan.org.decorators import role_required
from pingan.surveys import rates, selectors, services
from pingan.surveys.forms import PaperForm, QuestionForm, SurveyForm, answers_from_post, keep_posted
from pingan.surveys.roles import BUILD_ROLES, STAFF_ROLES
from pingan.surveys.workflow import can_answer, can_close, can_edit, can_publish

LIST_LIMIT = 200


def public_url(request, survey) -> str:
    return request.build_absolute_uri(reverse("surveys:answer", args=[survey.token]))


@role_required(*STAFF_ROLES)
@require_GET
def survey_list(request):
    surveys = selectors.surveys_visible_to(request.user)[:LIST_LIMIT]
    context = {
        "surveys": surveys,
        "handed_down": selectors.surveys_handed_down_to(request.user)[:LIST_LIMIT],
        "can_build": scoping.has_role(request.user, *BUILD_ROLES),
    }
    return render(request, "surveys/list.html", context)


@role_required(*BUILD_ROLES)
@require_http_methods(["GET", "POST"])
def survey_new(request):
    form = SurveyForm(request.POST or None, regions=selectors.build_regions(request.user))
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            error = exc.message
        else:
            return redirect("surveys:survey", pk=survey.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "surveys/new.html", {"form": form, "error": error}, status=status)


def _survey_context(request, survey, **extra):
    questions = list(selectors.questions_of(survey))
    context = {
        "survey": survey,
        "questions": questions,
        "can_edit": can_edit(survey),
        "can_publish": can_publish(survey),
        "can_close": can_close(survey),
        "can_answer": can_answer(survey),
        "builds": scoping.covers(request.user, survey.region, BUILD_ROLES),
        "rates": rates.survey_rates(survey).values(),
        "public_url": public_url(request, survey),
        "question_form": QuestionForm(),
        "events": survey.events.select_related("actor"),
        "recent": selectors.responses_of(survey)[:20],
    }
    context.update(extra)
    return context


@role_required(*STAFF_ROLES)
@require_GET
def survey_page(request, pk):
    survey = selectors.get_survey_for(request.user, pk)
    return render(request, "surveys/survey.html", _survey_context(request, survey))


@role_required(*BUILD_ROLES)
@require_POST
def question_add(request, pk):
    survey = selectors.get_survey_for(request.user, pk)
    form = QuestionForm(request.POST)
    error = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.question_add(
                survey=survey,
                actor=request.user,
                text=data["text"],
                kind=data["kind"],
                required=data["required"],
                measures=data["measures"],
                options=form.parsed_options(),
                satisfied_min=data["satisfied_min"],
            )
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("题目已添加"))
            return redirect("surveys:survey", pk=survey.pk)
    context = _survey_context(request, survey, question_form=form, question_error=error)
    return render(request, "surveys/survey.html", context, status=422)


@role_required(*BUILD_ROLES)
@require_POST
def question_remove(request, pk, question_pk):
    survey = selectors.get_survey_for(request.user, pk)
    services.question_remove(survey=survey, question_id=question_pk, actor=request.user)
    messages.success(request, _("题目已删除"))
    return redirect("surveys:survey", pk=survey.pk)


@role_required(*BUILD_ROLES)
@require_POST
def survey_publish(request, pk):
    survey = selectors.get_survey_for(request.user, pk)
    services.survey_publish(survey=survey, actor=request.user)
    messages.success(request, _("问卷已发布"))
    return redirect("surveys:survey", pk=survey.pk)


@role_required(*BUILD_ROLES)
@require_POST
def survey_close(request, pk):
    survey = selectors.get_survey_for(request.user, pk)
    services.survey_close(survey=survey, actor=request.user)
    messages.success(request, _("问卷已结束"))
    return redirect("surveys:survey", pk=survey.pk)


@role_required(*STAFF_ROLES)
@require_GET
def survey_qr(request, pk):
    survey = selectors.get_survey_for(request.user, pk)
    # Error level Q: printed on posters and handouts that get folded and scuffed.
    code = segno.make_qr(public_url(request, survey), error="q")
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", scale=8, border=2, dark="#0b3d6e", xmldecl=False)
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


@role_required(*STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def paper_entry(request, pk):
    survey = selectors.get_survey_for_paper(request.user, pk)
    regions = selectors.paper_regions(survey, request.user)
    questions = list(selectors.questions_of(survey))
    form = PaperForm(request.POST or None)
    error = None
    posted = {}
    if request.method == "POST":
        posted = answers_from_post(questions, request.POST)
        if form.is_valid():
            region = regions.filter(code=request.POST.get("region", "")).first()
            try:
                services.response_enter_paper(
                    survey=survey,
                    actor=request.user,
                    sheet_number=form.cleaned_data["sheet_number"],
                    answers=posted,
                    region=region,
                )
            except DomainError as exc:
                error = exc.message
            else:
                messages.success(
                    request,
                    _("第 %(n)s 号问卷已录入") % {"n": form.cleaned_data["sheet_number"]},
                )
                return redirect("surveys:paper", pk=survey.pk)
    keep_posted(questions, posted)
    context = {
        "survey": survey,
        "questions": questions,
        "form": form,
        "error": error,
        "posted": posted,
        "regions": regions,
        "chosen_region": request.POST.get("region", ""),
        # Staff of a town below a city-wide survey enter sheets; the survey's page is not theirs.
        "whole_survey": scoping.covers(request.user, survey.region, STAFF_ROLES),
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "surveys/paper.html", context, status=status)


def parse_period(request) -> tuple[date, date]:
    today = timezone.localdate()
    try:
        start = date.fromisoformat(request.GET.get("start") or f"{today.year}-01-01")
        end = date.fromisoformat(request.GET.get("end") or f"{today.year}-12-31")
    except ValueError:
        raise DomainError(
            "invalid_date", _("日期格式不正确，应为 YYYY-MM-DD"), status=400
        ) from None
    if end < start:
        raise DomainError("period_reversed", _("结束日期不能早于开始日期"), status=400)
    return start, end


@role_required(*STAFF_ROLES)
@require_GET
def rates_page(request):
    start, end = parse_period(request)
    code = request.GET.get("region")
    region = (
        scoping.get_region_for(request.user, code)
        if code
        else selectors.default_region(request.user)
    )
    if region is None:
        raise DomainError("no_region", _("您没有可查看的辖区"), status=404)
    report = rates.rate_report(user=request.user, region=region, start=start, end=end)
    context = {
        "report": report,
        "regions": selectors.rate_regions(request.user).order_by("code"),
        "formulas": [str(f) for f in rates.FORMULAS.values()],
    }
    return render(request, "surveys/rates.html", context)
