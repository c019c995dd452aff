"""The hazard page's actions: each parses its form, calls one service and returns to the page.
A refused action (DomainError) changes nothing; the error middleware brings the user back to
the page with the message."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pingan.core.errors import DomainError
from pingan.hazards import forms, selectors, services, workflow
from pingan.org.decorators import role_required

VIEWERS = tuple(workflow.VIEW_ROLES)

# action -> (form, service, which form fields the service takes, success message)
TRANSITIONS = {
    "fix_on_spot": (
        forms.RequiredNoteForm,
        services.hazard_fix_on_spot,
        gettext_lazy("已立行立改并销号"),
    ),
    "order": (forms.OrderForm, services.hazard_order, gettext_lazy("已下达整改通知")),
    "request_review": (
        forms.RequiredNoteForm,
        services.hazard_request_review,
        gettext_lazy("已申请复查"),
    ),
    "pass": (forms.PassForm, services.hazard_pass, gettext_lazy("复查合格，待销号")),
    "fail": (forms.FailForm, services.hazard_fail, gettext_lazy("复查不合格，继续整改")),
    "close": (forms.NoteForm, services.hazard_close, gettext_lazy("已销号")),
    "dismiss": (forms.ReasonForm, services.hazard_dismiss, gettext_lazy("已记录不予认定")),
    "supervise": (forms.SuperviseForm, services.hazard_supervise, gettext_lazy("已挂牌督办")),
}


@role_required(*VIEWERS)
@require_POST
def transition(request, pk: int, action: str):
    if action not in TRANSITIONS:
        raise DomainError("unknown_action", _("未知的操作"), status=404)
    form_class, service, message = TRANSITIONS[action]
    hazard = selectors.get_hazard_for(request.user, pk)
    data = dict(forms.cleaned(form_class(request.POST, request.FILES)))
    if "photos" in data:
        data["photos"] = tuple(request.FILES.getlist("photos"))
    service(hazard=hazard, actor=request.user, **data)
    messages.success(request, str(message))
    return redirect("hazards:detail", pk=pk)
