"""The quick-entry form (来电登记): the hotline operator logs a call while the caller talks.

As the number is typed, the caller's earlier cases appear; as the matter is described, probable
duplicates and the suggested department appear beside the form (htmx fragments that only read).

"This is the same matter": merging is a dispatcher's decision (the workflow table), so
- an operator who may merge the new case (a dispatcher) has it merged into the chosen case right
  after it is created, through the merge service, and the caller's report follows that case;
- anyone else (hotline, window, grid) creates the case and leaves the link in its timeline
  (pingan.cases.services.links); the dispatcher's merge form then offers that case first.
Either way the caller gets their own number and query code, and hears the main case's answer
once merged.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pingan.cases import selectors, services, workflow
from pingan.cases.duplicates import find_duplicates
from pingan.cases.models import Channel
from pingan.cases.routing import suggest_departments
from pingan.cases.services.links import case_link_same_matter
from pingan.cases.web.staff_common import INTAKE_ROLES
from pingan.cases.web.staff_forms import IntakeForm
from pingan.cases.workflow import MERGE_TARGETS, Action
from pingan.core.errors import DomainError
from pingan.core.pii import normalize_phone
from pingan.org.decorators import role_required
from pingan.org.models import Region

HISTORY_LIMIT = 8
# Below this many characters a description says too little to compare.
MIN_DESCRIPTION = 6


@role_required(*INTAKE_ROLES)
@require_http_methods(["GET", "POST"])
def intake(request):
    user = request.user
    form = IntakeForm(request.POST or None, user=user)
    error = None
    if request.method == "POST":
        if form.is_valid():
            try:
                case, query_code = services.case_create(actor=user, **form.arguments())
            except DomainError as exc:
                error = exc.message
            else:
                _same_matter(request, case, form.cleaned_data.get("same_as"))
                messages.success(
                    request,
                    _("工单 %(number)s 已登记。查询码 %(code)s 已短信发送给反映人。")
                    % {"number": case.number, "code": query_code},
                )
                return redirect("cases_staff:case", pk=case.pk)
        else:
            error = form.problems()
    on_the_phone = form["channel"].value() == Channel.HOTLINE
    context = {
        "form": form,
        "error": error,
        "title": _("来电登记") if on_the_phone else _("登记工单"),
    }
    return render(request, "cases/staff/intake.html", context, status=422 if error else 200)


def _same_matter(request, case, main_pk) -> None:
    """Merge the new case into the one the operator chose, or leave the link for dispatch.
    The case exists either way; a refusal here is told, not raised."""
    if not main_pk:
        return
    user = request.user
    main = selectors.cases_visible_to(user).filter(pk=main_pk).first()
    try:
        if main is None:
            raise DomainError("not_found", _("所选的同一事项工单不存在或不在您的辖区内"))
        if workflow.can(Action.MERGE, case, user) and main.status in MERGE_TARGETS:
            services.case_merge(case=case, into=main, actor=user, note=_("登记时认定为同一事项"))
            messages.info(
                request, _("已合并到 %(number)s，随主工单办理和答复。") % {"number": main.number}
            )
        else:
            case_link_same_matter(case=case, main=main, actor=user)
            messages.info(
                request,
                _("已记录与 %(number)s 为同一事项，由分流员核实后合并。") % {"number": main.number},
            )
    except DomainError as exc:
        messages.warning(request, _("工单已登记，但未能标记同一事项：%(m)s") % {"m": exc.message})


@role_required(*INTAKE_ROLES)
@require_GET
def caller_history(request):
    """htmx: the caller's earlier cases in the user's sight, newest first. Only the typed number
    is matched (through its blind index); names stay masked."""
    raw = (request.GET.get("reporter_phone") or "").strip()
    digits = "".join(ch for ch in raw if ch.isdigit())
    context = {"state": "empty"}
    if len(digits) >= 11:
        try:
            phone = normalize_phone(raw)
        except DomainError as exc:
            context = {"state": "invalid", "message": exc.message}
        else:
            cases = (
                selectors.cases_by_phone(request.user, phone)
                .select_related("category", "region", "department")
                .order_by("-created_at", "-id")
            )
            rows = list(cases[: HISTORY_LIMIT + 1])
            context = {
                "state": "found" if rows else "none",
                "cases": rows[:HISTORY_LIMIT],
                "more": len(rows) > HISTORY_LIMIT,
                "open_count": sum(1 for c in rows if c.is_open),
            }
    elif digits:
        context = {"state": "typing"}
    return render(request, "cases/staff/_caller_history.html", context)


@role_required(*INTAKE_ROLES)
@require_POST
def intake_assist(request):
    """htmx: probable duplicates (with score and reasons) and the suggested departments (with
    confidence) for what the form holds so far. Reads only."""
    data = request.POST
    description = (data.get("description") or "").strip()[:4000]
    region = Region.objects.filter(code=(data.get("region") or "").strip(), is_active=True).first()
    category = (
        selectors.active_categories().filter(code=(data.get("category") or "").strip()).first()
    )
    try:
        phone = normalize_phone(data.get("reporter_phone") or "")
    except DomainError:
        phone = ""
    duplicates = []
    if len(description) >= MIN_DESCRIPTION or phone:
        # Only cases in the operator's sight are offered.
        duplicates = find_duplicates(
            description=description,
            region=region,
            reporter_phone=phone,
            category=category,
            limit=5,
            user=request.user,
        )
    suggestions = []
    if category is not None and region is not None:
        suggestions = suggest_departments(category=category, region=region, description=description)
    try:
        same_as = int(data.get("same_as") or 0)
    except ValueError:
        same_as = 0
    context = {
        "duplicates": duplicates,
        "suggestions": suggestions,
        "same_as": same_as,
        "asked": bool(description or phone),
        "complete": category is not None and region is not None,
    }
    return render(request, "cases/staff/_assist.html", context)
