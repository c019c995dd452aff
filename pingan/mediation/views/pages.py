"""Mediation pages: the mediator's workbench, registering a dispute (directly, from a work
order, by court referral), the dispute page, the leaders' risk board and the figures."""

from datetime import timedelta
from functools import reduce
from operator import or_

from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from pingan.core.errors import DomainError
from pingan.mediation import clock, documents, figures, forms, selectors, services, workflow
from pingan.mediation.models import NEXT_LEVEL, Level, Route
from pingan.mediation.services.intake import MEDIATING_KINDS
from pingan.mediation.workflow import ConfirmationStatus, Status
from pingan.org import scoping
from pingan.org.decorators import role_required, staff_required
from pingan.org.models import Department, Region
from pingan.org.roles import Role


def prefixes(code: str) -> list[str]:
    return [code[:n] for n in (6, 9, 12, 15) if n <= len(code)]


def departments_covering(region: Region):
    """Mediation organisations whose area includes `region` (village, town and city ones)."""
    return Department.objects.filter(
        is_active=True, kind__in=MEDIATING_KINDS, region__code__in=prefixes(region.code)
    ).order_by("region__code", "code")


def departments_for(user):
    """Mediation organisations in or above the user's jurisdiction."""
    codes = scoping.jurisdiction_codes(user)
    departments = Department.objects.filter(is_active=True, kind__in=MEDIATING_KINDS)
    if codes is not None:
        parts = [Q(region__code__startswith=c) | Q(region__code__in=prefixes(c)) for c in codes]
        departments = departments.filter(reduce(or_, parts, Q(pk__in=[])))
    return departments.order_by("region__code", "code")


def region_choices(user) -> list[tuple[str, str]]:
    regions = (
        scoping.regions_visible_to(user)
        .exclude(level=Region.Level.GRID)
        .filter(is_active=True)
        .select_related("parent")
        .order_by("code")
    )
    return [
        (r.code, f"{r.parent.name} · {r.name}" if r.level == Region.Level.VILLAGE else r.name)
        for r in regions
    ]


# Who sees the risk board and the figures (the workbench links to them only for these roles).
FIGURES_ROLES = (Role.LEADER, Role.MEDIATOR, Role.ADMIN)


def courts():
    return Department.objects.filter(kind=Department.Kind.COURT, is_active=True).order_by("code")


@staff_required
def workbench(request):
    context = selectors.workbench(request.user)
    context["now"] = clock.now()
    context["today"] = timezone.localdate(context["now"])
    context["may_register"] = scoping.has_role(request.user, *workflow.INTAKE_ROLES)
    context["may_see_figures"] = scoping.has_role(request.user, *FIGURES_ROLES)
    return render(request, "mediation/workbench.html", context)


def _form_page(request, template_context: dict, status: int = 200):
    return render(request, "mediation/dispute_form.html", template_context, status=status)


@role_required(*workflow.INTAKE_ROLES)
def dispute_new(request):
    departments = departments_for(request.user)
    regions = region_choices(request.user)
    form = forms.DirectDisputeForm(request.POST or None, departments=departments, regions=regions)
    context = {"form": form, "heading": _("登记矛盾纠纷"), "error": None}
    if request.method == "POST":
        try:
            data = forms.cleaned(form)
            dispute = services.dispute_create(actor=request.user, **data)
        except DomainError as error:
            context["error"] = error
            return _form_page(request, context, status=error.status)
        return redirect("mediation:detail", pk=dispute.pk)
    return _form_page(request, context)


@role_required(*workflow.INTAKE_ROLES)
def dispute_from_case(request):
    case = selectors.case_for_mediation(
        request.user, request.POST.get("case") or request.GET.get("case")
    )
    initial = {
        "title": case.title,
        "description": case.description,
        "level": Level.TOWN,
        "people_count": 1,
    }
    form = forms.FromCaseForm(
        request.POST or None, initial=initial, departments=departments_covering(case.region)
    )
    context = {
        "form": form,
        "case": case,
        "merged_count": case.merged_cases.count(),
        "heading": _("工单转为调解案件"),
        "error": None,
    }
    if request.method == "POST" and "dispute_type" in request.POST:
        try:
            data = forms.cleaned(form)
            dispute = services.dispute_from_case(case=case, actor=request.user, **data)
        except DomainError as error:
            context["error"] = error
            return _form_page(request, context, status=error.status)
        return redirect("mediation:detail", pk=dispute.pk)
    return _form_page(request, context)


@role_required(Role.LEGAL_DUTY, Role.ADMIN)
def dispute_refer(request):
    form = forms.ReferralForm(
        request.POST or None,
        departments=departments_for(request.user),
        regions=region_choices(request.user),
        courts=courts(),
    )
    context = {"form": form, "heading": _("委派诉前调解"), "error": None, "referral": True}
    if request.method == "POST":
        try:
            data = forms.cleaned(form)
            dispute = services.dispute_refer(actor=request.user, **data)
        except DomainError as error:
            context["error"] = error
            return _form_page(request, context, status=error.status)
        return redirect("mediation:detail", pk=dispute.pk)
    return _form_page(request, context)


PAGE_ACTIONS = frozenset(
    {"accept", "start", "close", "follow_up", "refuse", "terminate", "withdraw", "escalate"}
)


def detail_context(user, pk) -> dict:
    dispute = selectors.dispute_detail_for(user, pk)
    now = clock.now()
    today = timezone.localdate(now)
    parties = list(dispute.parties.all())
    mediators = dispute.active_mediators()
    agreement = selectors.agreement_of(dispute)
    actions = {str(a) for a in workflow.available_actions(dispute, user)}
    reports = list(selectors.linked_cases(dispute).select_related("region"))
    missing = (
        documents.missing_elements(dispute, agreement, parties, mediators)
        if dispute.status == Status.MEDIATING
        else []
    )
    confirmation = getattr(agreement, "confirmation", None) if agreement else None
    can_extend = workflow.can_extend(dispute, user)
    can_return = workflow.can_return_to_court(dispute, user)
    if dispute.level not in NEXT_LEVEL:
        actions.discard("escalate")
    return {
        "dispute": dispute,
        "now": now,
        "today": today,
        "risk": selectors.risk_of(dispute, now),
        "parties": parties,
        "applicants": [p for p in parties if p.side == "applicant"],
        "respondents": [p for p in parties if p.side == "respondent"],
        "mediators": mediators,
        "sessions": list(dispute.sessions.all()),
        "events": list(dispute.events.all()),
        "reports": reports,
        "police_reports": sum(1 for r in reports if r.channel == "police"),
        "agreement": agreement,
        "terms": list(agreement.terms.all()) if agreement else [],
        "confirmation": confirmation,
        "missing": missing,
        "actions": actions,
        "may_see_pii": selectors.may_see_personal_data(user, dispute),
        "can_return_to_court": can_return,
        "can_extend": can_extend,
        # The actions card holds the transitions; side actions live in their own sections.
        "show_actions": bool(actions & PAGE_ACTIONS) or can_extend or can_return,
        "overdue": bool(dispute.is_open and dispute.due_at and now > dispute.due_at),
        "party_form": forms.PartyForm(),
        "session_form": forms.SessionForm(
            parties=parties,
            initial={"place": dispute.department.name if dispute.department_id else ""},
        ),
        "details_form": forms.DetailsForm(
            initial={
                "people_count": dispute.people_count,
                "amount": dispute.amount,
                "escalation_signs": dispute.escalation_signs,
                "risk_note": dispute.risk_note,
            }
        ),
        "finalise_form": forms.FinaliseForm(initial={"signed_on": today}),
        "followup_form": forms.FollowUpForm(),
        "terminate_form": forms.TerminateForm(),
        "extend_form": forms.ExtendForm(),
        "confirmation_form": forms.ConfirmationApplyForm(),
        "decision_form": forms.ConfirmationDecisionForm(),
        "candidates": selectors.mediator_candidates(dispute).exclude(
            pk__in=[m.user_id for m in mediators]
        ),
        "escalation_departments": departments_covering(dispute.region),
        "routes": Route.choices,
        "confirmation_open": confirmation is not None
        and confirmation.status in (ConfirmationStatus.APPLIED, ConfirmationStatus.ACCEPTED),
    }


@staff_required
def dispute_detail(request, pk: int):
    return render(request, "mediation/detail.html", detail_context(request.user, pk))


@role_required(*FIGURES_ROLES)
def risks(request):
    rows = selectors.risk_board(request.user)
    return render(
        request,
        "mediation/risks.html",
        {
            "rows": rows,
            "now": clock.now(),
            "regions": scoping.top_regions(request.user),
            "high": sum(1 for _d, risk in rows if risk.level == "high"),
        },
    )


@role_required(*FIGURES_ROLES)
def figures_page(request):
    today = timezone.localdate(clock.now())
    initial = {"start": today.replace(month=1, day=1), "end": today, "by": "type"}
    form = forms.PeriodForm(request.GET or None, initial=initial)
    values = forms.cleaned(form) if request.GET else initial
    rows, total = figures.dispute_figures(
        request.user, start=values["start"], end=values["end"], by=values["by"]
    )
    if not request.GET:
        form = forms.PeriodForm(initial=initial)
    return render(
        request,
        "mediation/figures.html",
        {
            "form": form,
            "rows": rows,
            "total": total,
            "by_label": figures.GROUPINGS[values["by"]],
            "period_days": (values["end"] - values["start"] + timedelta(days=1)).days,
        },
    )
