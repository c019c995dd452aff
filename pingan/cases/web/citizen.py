"""The citizen pages of work orders, phone first: 我要反映 (report), 查询进度 (track with the case
number and the query code), 我的事项 (a signed-in citizen's own cases) and the rating (评价).

The query code travels by SMS only and is never shown on a page, not even to a signed-in
reporter on the success page: the SMS is what ties the code to the phone that reported, and a
page can be read over a shoulder, kept in a shared browser's history or screenshotted. A
signed-in reporter does not need the code at all: "我的事项" finds their cases by their login.

Tracking and rating with a code are counted by citizen_throttle against guessing; the
tracking form is a POST, so the code never sits in a URL, a log line or a Referer.
"""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pingan.cases import selectors, services
from pingan.cases.models import Case, Channel, Satisfaction
from pingan.cases.services.intake import INTAKE_ROLES
from pingan.cases.web import citizen_throttle as throttle
from pingan.cases.web.citizen_forms import (
    CITIZEN_KINDS,
    RateForm,
    ReportForm,
    TrackForm,
    category_groups,
    category_picker,
    error_field,
    villages_of,
)
from pingan.cases.web.citizen_progress import STATUS_WORDS, limit_words, progress_for
from pingan.cases.workflow import Status
from pingan.core.errors import DomainError, NotFound
from pingan.core.masking import mask_phone
from pingan.org import scoping

SESSION_DONE = "cases_citizen_done"
SESSION_SUBMISSIONS = "cases_citizen_submissions"
KEPT_SUBMISSIONS = 20
MY_CASES_PER_PAGE = 20

WRONG_PAIR = gettext_lazy("工单号或查询码不正确，请核对短信后重试")
TOO_MANY_TRIES = gettext_lazy("查询次数过多，请 15 分钟后再试，或拨打 12345 咨询")
TOO_MANY_REPORTS = gettext_lazy("提交次数过多，请一小时后再试；紧急情况请拨打 110 或 12345")


def _status(exc: DomainError) -> int:
    return exc.status if 400 <= exc.status < 500 else 422


def _known_phone(user) -> str:
    """The signed-in citizen's own number, which case_create uses when the form leaves the
    phone empty. Staff filing on this page are not its reporters (case_create records them as
    the registering person only), so they give a number like anybody else."""
    if not getattr(user, "is_authenticated", False) or scoping.has_role(user, *INTAKE_ROLES):
        return ""
    return user.phone or ""


# --- 我要反映 ------------------------------------------------------------------------------


def _render_report(request, form: ReportForm, *, status: int = 200):
    known = form.known_phone
    context = {
        "form": form,
        "kinds": [(kind.value, kind.label, icon) for kind, icon in CITIZEN_KINDS],
        "picker": form.picker(),
        "villages": form.current_villages(),
        "known_phone": known,
        "masked_known_phone": mask_phone(known) if known else "",
        # Browsers cannot refill a file input: say so when the photos were sent and lost.
        "photos_dropped": form.is_bound and bool(request.FILES),
    }
    return render(request, "cases/citizen/report.html", context, status=status)


def _remember(request, submission: str, case: Case) -> None:
    amount, unit = case.category.answer_policy(case.kind, urgent=case.urgent)
    summary = {
        "number": case.number,
        "phone": case.masked_reporter_phone,
        "amount": amount,
        "unit": unit,
    }
    request.session[SESSION_DONE] = summary
    if submission:
        kept = request.session.get(SESSION_SUBMISSIONS, {})
        kept[submission] = summary
        request.session[SESSION_SUBMISSIONS] = dict(list(kept.items())[-KEPT_SUBMISSIONS:])


@never_cache
@require_http_methods(["GET", "POST"])
def report(request):
    known_phone = _known_phone(request.user)
    if request.method == "GET":
        form = ReportForm(known_phone=known_phone, initial={"submission": uuid.uuid4().hex})
        return _render_report(request, form)
    submission = request.POST.get("submission", "")[:40]
    earlier = request.session.get(SESSION_SUBMISSIONS, {}).get(submission) if submission else None
    if earlier is not None:
        # The same filling-in sent again (a double tap, a retry on a slow network).
        request.session[SESSION_DONE] = earlier
        return redirect("cases_citizen:report_done")
    form = ReportForm(request.POST, request.FILES, known_phone=known_phone)
    if not form.is_valid():
        return _render_report(request, form, status=422)
    if throttle.reporting_blocked(request):
        form.add_error(None, TOO_MANY_REPORTS)
        return _render_report(request, form, status=429)
    data = form.cleaned_data
    try:
        # The query code comes back too; it is deliberately dropped here (SMS only).
        case, _query_code = services.case_create(
            actor=request.user,
            channel=Channel.ONLINE,
            kind=data["kind"],
            category=data["category_code"],
            region=data["region_code"],
            description=data["description"],
            address=data["address"],
            latitude=data["latitude"],
            longitude=data["longitude"],
            reporter_phone=data["phone"],
            reporter_name=data["name"],
            anonymous=data["anonymous"],
            photos=tuple(request.FILES.getlist("photos")),
        )
    except DomainError as exc:
        form.add_error(error_field(form, exc), str(exc.message))
        return _render_report(request, form, status=_status(exc))
    throttle.reported(request)
    _remember(request, submission, case)
    return redirect("cases_citizen:report_done")


@never_cache
@require_GET
def report_done(request):
    summary = request.session.get(SESSION_DONE)
    if not summary:
        return redirect("cases_citizen:report")
    context = {"summary": summary, "within": limit_words(summary["amount"], summary["unit"])}
    return render(request, "cases/citizen/report_done.html", context)


@require_GET
def report_categories(request):
    """The sub-category choices for the kind and top-level category now chosen (htmx). The
    top-level select itself is never replaced, so a choice made in it cannot be lost."""
    picker = category_picker(
        category_groups(),
        kind=request.GET.get("kind", ""),
        group=request.GET.get("group", ""),
        category=request.GET.get("category", ""),
    )
    return render(request, "cases/citizen/_category_children.html", {"picker": picker})


@require_GET
def report_villages(request):
    """The village choices of the town now chosen (htmx)."""
    context = {
        "villages": villages_of(request.GET.get("town", "")),
        "selected": request.GET.get("village", ""),
    }
    return render(request, "cases/citizen/_village_field.html", context)


# --- 查询进度 ------------------------------------------------------------------------------


def _find_tracked(request, number: str, code: str) -> Case:
    """The case for a number and query code, under the throttle. One message for a wrong number
    and a wrong code, so neither can be probed on its own."""
    if throttle.tracking_blocked(request, number):
        raise DomainError("throttled", TOO_MANY_TRIES, status=429)
    try:
        case = selectors.case_for_tracking(number, code)
    except NotFound:
        throttle.tracking_failed(request, number)
        raise DomainError("not_found", WRONG_PAIR, status=404) from None
    throttle.tracking_succeeded(number)
    return case


def _track_page(request, form, *, case=None, rate_form=None, thanks=False, status=200):
    context = {"form": form, "thanks": thanks}
    if case is not None:
        context |= {
            "progress": progress_for(case),
            "rate_form": rate_form or RateForm(),
            "code": form.cleaned_data["code"],
        }
    return render(request, "cases/citizen/track.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def track(request):
    if request.method == "GET":
        form = TrackForm(initial={"number": request.GET.get("number", "")[:20]})
        return _track_page(request, form)
    form = TrackForm(request.POST)
    if not form.is_valid():
        return _track_page(request, form, status=422)
    try:
        case = _find_tracked(request, form.cleaned_data["number"], form.cleaned_data["code"])
    except DomainError as exc:
        form.add_error(None, str(exc.message))
        return _track_page(request, form, status=exc.status)
    return _track_page(request, form, case=case)


def _rate_refused(case: Case) -> str:
    if case.status != Status.ANSWERED and case.satisfaction:
        return _("这条答复已经评价过，不能重复评价")
    return _("该事项现在不能评价：答复之后才能评价")


def _rate(request, case: Case, rate_form: RateForm, *, query_code: str = "") -> int:
    """Record the rating; returns the page's status (200 when recorded)."""
    if not rate_form.is_valid():
        return 422
    try:
        services.case_follow_up(
            case=case,
            actor=request.user,
            satisfaction=rate_form.cleaned_data["satisfaction"],
            comment=rate_form.cleaned_data["comment"],
            query_code=query_code,
        )
    except NotFound:
        rate_form.add_error(None, WRONG_PAIR)
        return 404
    except DomainError as exc:
        if exc.code in ("invalid_transition", "forbidden"):
            rate_form.add_error(None, _rate_refused(case))
        else:
            rate_form.add_error(error_field(rate_form, exc), str(exc.message))
        return _status(exc)
    return 200


@never_cache
@require_POST
def track_rate(request):
    form = TrackForm(request.POST)
    if not form.is_valid():
        return _track_page(request, form, status=422)
    number, code = form.cleaned_data["number"], form.cleaned_data["code"]
    try:
        case = _find_tracked(request, number, code)
    except DomainError as exc:
        form.add_error(None, str(exc.message))
        return _track_page(request, form, status=exc.status)
    rate_form = RateForm(request.POST)
    status = _rate(request, case, rate_form, query_code=code)
    if status == 200:
        case = selectors.case_for_tracking(number, code)
    return _track_page(
        request, form, case=case, rate_form=rate_form, thanks=status == 200, status=status
    )


# --- 我的事项 ------------------------------------------------------------------------------


def _my_cases(user):
    # Through the scoped selector, then only those this user reported: a staff member sees
    # here what they reported as a citizen, not their work.
    return selectors.cases_visible_to(user).filter(reporter=user)


@never_cache
@login_required
@require_GET
def my_cases(request):
    cases = _my_cases(request.user).select_related("category", "region", "merged_into")
    page = Paginator(cases, MY_CASES_PER_PAGE).get_page(request.GET.get("page"))
    rows = []
    for case in page:
        main = case.merged_into if case.status == Status.MERGED and case.merged_into else case
        _step, words, tone = STATUS_WORDS[main.status]
        rows.append({"case": case, "words": words, "tone": tone, "to_rate": _can_rate(case)})
    return render(request, "cases/citizen/my_cases.html", {"page": page, "rows": rows})


def _can_rate(case: Case) -> bool:
    return case.status == Status.ANSWERED


def _my_case(request, number: str) -> Case:
    cases = _my_cases(request.user).select_related(
        "category", "region", "department", "merged_into", "merged_into__category"
    )
    return scoping.get_object_for(cases, number=number)


def _my_case_page(request, case, rate_form=None, status=200):
    context = {
        "progress": progress_for(case),
        "rate_form": rate_form or RateForm(),
    }
    return render(request, "cases/citizen/my_case.html", context, status=status)


@never_cache
@login_required
@require_GET
def my_case(request, number):
    return _my_case_page(request, _my_case(request, number))


@login_required
@require_POST
def my_case_rate(request, number):
    case = _my_case(request, number)
    rate_form = RateForm(request.POST)
    status = _rate(request, case, rate_form)
    if status != 200:
        return _my_case_page(request, case, rate_form, status=status)
    satisfaction = rate_form.cleaned_data["satisfaction"]
    if satisfaction == Satisfaction.UNSATISFIED:
        messages.warning(request, _("感谢您的评价。您的事项将重新办理，我们会再次答复您。"))
    else:
        messages.success(request, _("感谢您的评价，该事项已办结。"))
    return redirect("cases_citizen:my_case", number=case.number)
