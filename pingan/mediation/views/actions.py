"""The dispute page's actions: each parses its form, calls one service and returns to the page.
A refused action (DomainError) changes nothing; the error middleware brings the user back to
the page with the message."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pingan.core.errors import DomainError
from pingan.mediation import forms, selectors, services
from pingan.org.decorators import staff_required


def _back(request, dispute_id: int, message: str):
    messages.success(request, message)
    return redirect("mediation:detail", pk=dispute_id)


def _dispute(request, pk):
    return selectors.get_dispute_for(request.user, pk)


@staff_required
@require_POST
def add_party(request, pk: int):
    dispute = _dispute(request, pk)
    data = forms.cleaned(forms.PartyForm(request.POST))
    services.dispute_add_party(dispute=dispute, actor=request.user, **data)
    return _back(request, pk, _("已增加当事人"))


@staff_required
@require_POST
def remove_party(request, pk: int, party_id: int):
    dispute = _dispute(request, pk)
    party = selectors.get_party_for(request.user, dispute, party_id)
    services.dispute_remove_party(party=party, actor=request.user)
    return _back(request, pk, _("已移除当事人"))


@staff_required
@require_POST
def reveal_party(request, pk: int, party_id: int):
    """htmx: a party's phone and ID number in full, for those allowed (audited)."""
    dispute = selectors.dispute_detail_for(request.user, pk)
    party = selectors.get_party_for(request.user, dispute, party_id)
    values = selectors.party_personal_data(request.user, dispute, party)
    return render(request, "mediation/_revealed.html", {"values": values, "party": party})


@staff_required
@require_POST
def update_details(request, pk: int):
    dispute = _dispute(request, pk)
    data = forms.cleaned(forms.DetailsForm(request.POST))
    services.dispute_update_details(dispute=dispute, actor=request.user, **data)
    return _back(request, pk, _("已保存"))


@staff_required
@require_POST
def assign_mediator(request, pk: int):
    dispute = _dispute(request, pk)
    data = forms.cleaned(forms.MediatorForm(request.POST))
    user = selectors.mediator_candidates(dispute).filter(pk=data["user"]).first()
    if user is None:
        raise DomainError("not_a_mediator", _("请选择本辖区的调解员或法律服务人员"), status=422)
    services.dispute_assign_mediator(dispute=dispute, actor=request.user, user=user)
    return _back(request, pk, _("已指派 %(name)s") % {"name": user.display_name})


@staff_required
@require_POST
def link_case(request, pk: int):
    dispute = _dispute(request, pk)
    case = selectors.case_for_mediation(request.user, request.POST.get("case"))
    services.dispute_link_case(dispute=dispute, case=case, actor=request.user)
    return _back(request, pk, _("已关联工单 %(number)s") % {"number": case.number})


# action name -> (form, service, success message)
TRANSITIONS = {
    "accept": (forms.NoteForm, services.dispute_accept, _("已受理")),
    "refuse": (forms.RefuseForm, services.dispute_refuse, _("已记录不予受理")),
    "start": (forms.NoteForm, services.dispute_start, _("已开始调解")),
    "terminate": (forms.TerminateForm, services.dispute_terminate, _("已终止调解并告知当事人")),
    "withdraw": (forms.ReasonForm, services.dispute_withdraw, _("已撤回")),
    "return_to_court": (forms.ReasonForm, services.dispute_return_to_court, _("已退回法院")),
    "escalate": (forms.EscalateForm, services.dispute_escalate, _("已提级调解")),
    "extend": (forms.ExtendForm, services.dispute_extend, _("已延长调解期限")),
    "follow_up": (forms.FollowUpForm, services.dispute_follow_up, _("已记录回访")),
    "close": (forms.NoteForm, services.dispute_close, _("已结案")),
}


@staff_required
@require_POST
def transition(request, pk: int, action: str):
    if action not in TRANSITIONS:
        raise DomainError("unknown_action", _("未知的操作"), status=404)
    form_class, service, message = TRANSITIONS[action]
    dispute = _dispute(request, pk)
    data = dict(forms.cleaned(form_class(request.POST)))
    if action == "refuse":
        party_id = data.pop("party", None)
        data["party"] = (
            selectors.get_party_for(request.user, dispute, party_id) if party_id else None
        )
    if action == "escalate":
        data["department"] = data.get("department") or None
    service(dispute=dispute, actor=request.user, **data)
    return _back(request, pk, str(message))


@staff_required
@require_POST
def schedule_session(request, pk: int):
    dispute = _dispute(request, pk)
    parties = selectors.active_parties(dispute)
    data = forms.cleaned(forms.SessionForm(request.POST, parties=parties))
    session = services.session_schedule(dispute=dispute, actor=request.user, **data)
    return _back(
        request,
        pk,
        _("已安排调解，短信通知 %(n)s 位当事人") % {"n": session.notified},
    )


@staff_required
@require_POST
def record_session(request, session_id: int):
    session = selectors.get_session_for(request.user, session_id)
    data = forms.cleaned(forms.RecordForm(request.POST))
    services.session_record(session=session, actor=request.user, **data)
    return _back(request, session.dispute_id, _("已保存调解笔录"))
