"""Staff pages: the health officer's desk (find a person, change or renew a colour, approve a
second officer's red request, decide appeals) and the window registration for clerks.
Everything is scoped to the officer's jurisdiction (the person's residence region); a person
outside it is "not found"."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pingan.core.errors import DomainError
from pingan.health import selectors, services
from pingan.health.forms import AppealDecideForm, ChangeForm, DecideForm, FindForm, RegisterForm
from pingan.health.models import Channel
from pingan.health.views.citizen import _registration_input, send_code
from pingan.health.views.common import show_error
from pingan.health.workflow import can_decide_appeal, can_decide_request
from pingan.org.decorators import role_required
from pingan.org.roles import Role

OFFICER = (Role.HEALTH_OFFICER, Role.ADMIN)
WINDOW = (Role.CLERK, Role.HEALTH_OFFICER, Role.ADMIN)
LIST_SIZE = 50


@role_required(*OFFICER)
@never_cache
@require_GET
def officer(request):
    form = FindForm(request.GET or None)
    found, searched = None, False
    if request.GET.get("q") and form.is_valid():
        searched = True
        found = selectors.find_person_for(request.user, form.cleaned_data["q"])
        if found is not None:
            return redirect("health:person", pk=found.pk)
    requests = list(selectors.pending_requests_for(request.user)[:LIST_SIZE])
    appeals = list(selectors.open_appeals_for(request.user)[:LIST_SIZE])
    return render(
        request,
        "health/staff/officer.html",
        {
            "form": form,
            "searched": searched,
            "requests": requests,
            "appeals": appeals,
            "decide_form": DecideForm(),
        },
    )


def _person_page(request, person, *, change_form=None, appeal_form=None, status=200):
    context = selectors.person_detail(person)
    context.update(
        person=person,
        change_form=change_form or ChangeForm(),
        appeal_form=appeal_form or AppealDecideForm(),
        decide_form=DecideForm(),
        open_requests=[r for r in context["requests"] if can_decide_request(r)],
        open_appeals=[a for a in context["appeals"] if can_decide_appeal(a)],
    )
    return render(request, "health/staff/person.html", context, status=status)


@role_required(*OFFICER)
@never_cache
@require_GET
def person(request, pk):
    return _person_page(request, selectors.get_person_for(request.user, pk))


@role_required(*OFFICER)
@require_POST
def change(request, pk):
    person = selectors.get_person_for(request.user, pk)
    form = ChangeForm(request.POST)
    if not form.is_valid():
        return _person_page(request, person, change_form=form, status=422)
    data = form.cleaned_data
    try:
        outcome = services.status_change_manual(
            person=person,
            colour=data["colour"],
            reason_code=data["reason_code"],
            note=data["note"],
            actor=request.user,
        )
    except DomainError as exc:
        status = show_error(form, exc)
        return _person_page(request, person, change_form=form, status=status)
    if outcome.request is not None:
        messages.success(request, _("已提交赋红码申请，须由另一名防疫专员审批后生效"))
    else:
        messages.success(request, _("码色已更新"))
    return redirect("health:person", pk=person.pk)


REQUEST_ACTIONS = {
    "approve": (services.request_approve, _("已批准，码色已更新")),
    "reject": (services.request_reject, _("已驳回")),
    "withdraw": (services.request_withdraw, _("已撤回")),
}


@role_required(*OFFICER)
@require_POST
def request_decide(request, pk, action):
    found = selectors.get_request_for(request.user, pk)
    if action not in REQUEST_ACTIONS:
        raise DomainError("unknown_action", _("未知操作"))
    form = DecideForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    service, done = REQUEST_ACTIONS[action]
    # A refusal (same officer, wrong status) is shown by the DomainError middleware.
    service(request_id=found.pk, actor=request.user, note=note)
    messages.success(request, done)
    if request.POST.get("next") == "person":
        return redirect("health:person", pk=found.person_id)
    return redirect("health:officer")


@role_required(*OFFICER)
@require_POST
def appeal_decide(request, pk):
    appeal = selectors.get_appeal_for(request.user, pk)
    form = AppealDecideForm(request.POST)
    person = appeal.person
    if not form.is_valid():
        return _person_page(request, person, appeal_form=form, status=422)
    try:
        services.appeal_decide(
            appeal_id=appeal.pk,
            uphold=form.cleaned_data["decision"] == "uphold",
            answer=form.cleaned_data["answer"],
            actor=request.user,
        )
    except DomainError as exc:
        status = show_error(form, exc)
        return _person_page(request, person, appeal_form=form, status=status)
    messages.success(request, _("申诉已处理，已短信告知本人"))
    return redirect("health:person", pk=person.pk)


@role_required(*WINDOW)
@never_cache
@require_http_methods(["GET", "POST"])
def window_register(request):
    form = RegisterForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "send":
            status = send_code(request, form)
        elif form.is_valid():
            try:
                person, _account = services.registration_submit(
                    data=_registration_input(form), channel=Channel.WINDOW, actor=request.user
                )
            except DomainError as exc:
                status = show_error(form, exc)
            else:
                messages.success(
                    request,
                    _("已为 %(name)s 完成登记") % {"name": person.masked_name},
                )
                return redirect("health:window-register")
        else:
            status = 422
    return render(
        request,
        "health/citizen/register.html",
        {"form": form, "window": True, "with_password": False},
        status=status,
    )
