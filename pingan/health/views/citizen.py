"""The holder's pages, phone first: register (登记), declare (健康申报), my code status and why
(我的健康码), appeal (申诉). A holder sees their own records only; nothing here takes an id."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.forms.utils import ErrorDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from pingan.core.errors import DomainError
from pingan.health import selectors, services
from pingan.health.forms import AppealForm, DeclareForm, RegisterForm
from pingan.health.models import Channel, Colour
from pingan.health.views.common import show_error
from pingan.org import scoping
from pingan.people import code_budget
from pingan.people.phone_codes import phone_code_send

LOGIN_BACKEND = "pingan.org.backends.UsernameOrPhoneBackend"


def _registration_input(form) -> services.RegistrationInput:
    data = form.cleaned_data
    return services.RegistrationInput(
        name=data["name"],
        id_number=data["id_number"],
        phone=data["phone"],
        code=data.get("code") or "",
        kind=data["kind"],
        residence=data.get("residence"),
        room=data.get("room") or "",
        employer=data.get("employer"),
        password=data.get("password") or "",
    )


def send_code(request, form) -> int:
    """The 获取验证码 button of a registration form: only the phone is needed. A window clerk
    registering one resident after another is not held to the public's budget of codes per
    address (people.code_budget)."""
    phone = (form.data.get("phone") or "").strip()
    # The rest of the form is not checked yet: it is shown again as typed, with no errors.
    form.cleaned_data = {}
    form._errors = ErrorDict()
    public = not scoping.is_staff_member(request.user)
    try:
        if public:
            code_budget.check(request)
        phone_code_send(phone=phone, purpose=services.PHONE_CODE_PURPOSE)
        if public:
            code_budget.spent(request)
    except DomainError as exc:
        return show_error(form, exc)
    form.code_sent = True
    return 200


@never_cache
@require_http_methods(["GET", "POST"])
def register(request):
    user = request.user if request.user.is_authenticated else None
    if user is not None and scoping.is_staff_member(user):
        # Staff register others at the window page.
        return redirect("health:window-register")
    person = selectors.person_of(user) if user else None
    if person is not None and selectors.registration_of(person) is not None:
        messages.info(request, _("您已完成登记"))
        return redirect("health:mine")
    form = RegisterForm(request.POST or None, with_password=user is None)
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "send":
            status = send_code(request, form)
        elif form.is_valid():
            try:
                person, account = services.registration_submit(
                    data=_registration_input(form), channel=Channel.PHONE, actor=user
                )
            except DomainError as exc:
                status = show_error(form, exc)
            else:
                if account is not None:
                    login(request, account, backend=LOGIN_BACKEND)
                messages.success(request, _("登记成功，已为您生成健康码"))
                return redirect("health:mine")
        else:
            status = 422
    return render(
        request,
        "health/citizen/register.html",
        {"form": form, "window": False, "with_password": user is None},
        status=status,
    )


def _own_person(request):
    person = selectors.person_of(request.user)
    if person is None or selectors.registration_of(person) is None:
        return None
    return person


@login_required
@never_cache
def mine(request):
    person = _own_person(request)
    if person is None:
        return render(request, "health/citizen/not_registered.html")
    context = selectors.my_overview(person)
    context["person"] = person
    context["can_appeal"] = (
        context["status"] is not None
        and context["status"].colour != Colour.GREEN
        and context["open_appeal"] is None
    )
    return render(request, "health/citizen/mine.html", context)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def declare(request):
    person = _own_person(request)
    if person is None:
        return redirect("health:register")
    form = DeclareForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.declaration_submit(
                    person=person,
                    symptoms=data["symptoms"],
                    temperature=data["temperature"],
                    travelled_ids=[int(pk) for pk in data["travelled"]],
                    close_contact=data["close_contact"],
                    actor=request.user,
                )
            except DomainError as exc:
                status = show_error(form, exc)
            else:
                messages.success(request, _("申报已提交"))
                return redirect("health:mine")
        else:
            status = 422
    return render(request, "health/citizen/declare.html", {"form": form}, status=status)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def appeal(request):
    person = _own_person(request)
    if person is None:
        return redirect("health:register")
    overview = selectors.my_overview(person)
    form = AppealForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.appeal_submit(
                    person=person, text=form.cleaned_data["text"], actor=request.user
                )
            except DomainError as exc:
                status = show_error(form, exc)
            else:
                messages.success(request, _("申诉已提交，防疫专员处理后会短信告知您"))
                return redirect("health:mine")
        else:
            status = 422
    return render(
        request,
        "health/citizen/appeal.html",
        {"form": form, **overview},
        status=status,
    )
