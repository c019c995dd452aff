"""The respondent's pages (phone-first, no account): answer a published survey through its
link or QR code, the phone confirmed by an SMS code; one answer per phone."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from pingan.core.errors import DomainError
from pingan.people import code_budget
from pingan.surveys import selectors, services
from pingan.surveys.forms import answers_from_post, keep_posted
from pingan.surveys.workflow import can_answer


@require_http_methods(["GET", "POST"])
def answer(request, token):
    survey = selectors.public_survey(token)
    questions = list(selectors.questions_of(survey))
    regions = selectors.respondent_regions(survey)
    error = notice = None
    posted = {}
    phone = request.POST.get("phone", "").strip()
    code = request.POST.get("code", "").strip()
    chosen = request.POST.get("region", "")
    status = 200
    if request.method == "POST":
        posted = answers_from_post(questions, request.POST)
        try:
            if request.POST.get("action") == "send_code":
                code_budget.check(request)
                services.answer_code_send(survey=survey, phone=phone)
                code_budget.spent(request)
                notice = _("验证码已发送，请查收短信")
            else:
                services.response_submit_online(
                    survey=survey,
                    phone=phone,
                    code=code,
                    answers=posted,
                    region=regions.filter(code=chosen).first() if chosen else None,
                )
                return redirect("surveys:done", token=survey.token)
        except DomainError as exc:
            error = exc.message
            status = exc.status if 400 <= exc.status < 500 else 422
    keep_posted(questions, posted)
    context = {
        "survey": survey,
        "questions": questions,
        "regions": regions if regions.count() > 1 else None,
        "chosen_region": chosen,
        "posted": posted,
        "phone": phone,
        "error": error,
        "notice": notice,
        "open": can_answer(survey),
    }
    return render(request, "surveys/public/answer.html", context, status=status)


@require_GET
def done(request, token):
    survey = selectors.public_survey(token)
    return render(request, "surveys/public/done.html", {"survey": survey})
