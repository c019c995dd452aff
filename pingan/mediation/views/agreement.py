"""The agreement: the editor, the A4 print page, the Word file, signing it into force, the
performance of its terms and the judicial confirmation."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pingan.core import audit
from pingan.core.errors import DomainError, NotFound
from pingan.mediation import documents, forms, selectors, services, workflow
from pingan.mediation.workflow import Action
from pingan.org.decorators import staff_required

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _agreement_or_404(dispute):
    agreement = selectors.agreement_of(dispute)
    if agreement is None:
        raise NotFound(_("尚未起草调解协议书"))
    return agreement


def _document(user, pk) -> tuple[object, object, dict]:
    dispute = selectors.dispute_detail_for(user, pk)
    agreement = _agreement_or_404(dispute)
    context = documents.agreement_context(
        dispute,
        agreement,
        list(dispute.parties.all()),
        dispute.active_mediators(),
        full=selectors.may_see_personal_data(user, dispute),
        viewer=user,
    )
    return dispute, agreement, context


def docx_response(user, pk) -> HttpResponse:
    """The agreement as a Word file; shared by the page and the API."""
    _dispute, agreement, context = _document(user, pk)
    audit.record("export", agreement, actor=user, reason="docx")
    response = HttpResponse(documents.build_docx(context), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{agreement.number}.docx"'
    return response


@staff_required
def agreement_docx(request, pk: int):
    return docx_response(request.user, pk)


@staff_required
def agreement_print(request, pk: int):
    dispute, agreement, context = _document(request.user, pk)
    context.update({"dispute": dispute, "agreement": agreement})
    return render(request, "mediation/agreement_print.html", context)


def _editor_context(dispute, agreement, form, formset, error=None) -> dict:
    parties = list(dispute.parties.all())
    return {
        "dispute": dispute,
        "agreement": agreement,
        "form": form,
        "formset": formset,
        "error": error,
        "missing": documents.missing_elements(
            dispute, agreement, parties, dispute.active_mediators()
        ),
    }


@staff_required
def agreement_edit(request, pk: int):
    dispute = selectors.dispute_detail_for(request.user, pk)
    agreement = selectors.agreement_of(dispute)
    parties = list(dispute.parties.all())
    if request.method == "POST":
        form = forms.AgreementForm(request.POST)
        formset = forms.TermFormSet(request.POST, form_kwargs={"parties": parties})
        try:
            data = forms.cleaned(form)
            if not formset.is_valid():
                raise DomainError(
                    "invalid_input", _("协议条款填写有误，请检查日期和履行方"), status=422
                )
            terms = [f.cleaned_data for f in formset.forms if f.cleaned_data]
            agreement = services.agreement_save(
                dispute=dispute, actor=request.user, terms=terms, **data
            )
        except DomainError as error:
            context = _editor_context(dispute, agreement, form, formset, error)
            return render(request, "mediation/agreement_edit.html", context, status=error.status)
        messages.success(request, _("协议书草稿已保存（%(n)s）") % {"n": agreement.number})
        return redirect("mediation:agreement-edit", pk=pk)
    workflow.check(Action.DRAFT_AGREEMENT, dispute, request.user)
    initial = {"committee_name": dispute.committee_name}
    terms = []
    if agreement is not None:
        initial.update(
            facts=agreement.facts,
            issues=agreement.issues,
            responsibilities=agreement.responsibilities,
        )
        terms = [
            {"content": t.content, "obligor": t.obligor_id, "method": t.method, "due_on": t.due_on}
            for t in agreement.terms.all()
        ]
    form = forms.AgreementForm(initial=initial)
    formset = forms.TermFormSet(initial=terms, form_kwargs={"parties": parties})
    return render(
        request, "mediation/agreement_edit.html", _editor_context(dispute, agreement, form, formset)
    )


@staff_required
@require_POST
def agreement_finalise(request, pk: int):
    dispute = selectors.get_dispute_for(request.user, pk)
    data = forms.cleaned(forms.FinaliseForm(request.POST))
    agreement = services.agreement_finalise(dispute=dispute, actor=request.user, **data)
    messages.success(request, _("调解协议书 %(n)s 已生效") % {"n": agreement.number})
    return redirect("mediation:detail", pk=pk)


@staff_required
@require_POST
def record_performance(request, term_id: int):
    term = selectors.get_term_for(request.user, term_id)
    data = forms.cleaned(forms.PerformanceForm(request.POST))
    services.term_record_performance(term=term, actor=request.user, **data)
    messages.success(request, _("已登记第 %(n)s 项的履行") % {"n": term.position})
    return redirect("mediation:detail", pk=term.agreement.dispute_id)


@staff_required
@require_POST
def confirmation_apply(request, pk: int):
    dispute = selectors.get_dispute_for(request.user, pk)
    data = forms.cleaned(forms.ConfirmationApplyForm(request.POST))
    services.confirmation_apply(dispute=dispute, actor=request.user, **data)
    messages.success(request, _("已登记司法确认申请"))
    return redirect("mediation:detail", pk=pk)


@staff_required
@require_POST
def confirmation_decide(request, pk: int):
    dispute = selectors.get_dispute_for(request.user, pk)
    data = forms.cleaned(forms.ConfirmationDecisionForm(request.POST))
    services.confirmation_decide(dispute=dispute, actor=request.user, **data)
    messages.success(request, _("已记录法院的决定"))
    return redirect("mediation:detail", pk=pk)
