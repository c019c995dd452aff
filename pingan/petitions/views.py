"""Pages of the petitions app (desktop, for staff): parse, call one service or selector, render.
A petition outside the viewer's jurisdiction is a 404; a refused action shows its message and
changes nothing."""

import io

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from pingan.cases import clock
from pingan.cases.models import Category
from pingan.core import audit
from pingan.core.errors import DomainError
from pingan.org import scoping
from pingan.org.decorators import role_required
from pingan.org.models import Region
from pingan.people.selectors import find_person
from pingan.petitions import deadlines, documents, forms, selectors, services, workflow
from pingan.petitions.similarity import REPEAT_THRESHOLD
from pingan.petitions.workflow import Action

PETITION_ROLES = tuple(selectors.PETITION_ROLES)
INTAKE_ROLES = tuple(selectors.INTAKE_ROLES)
BOARD_ROLES = tuple(selectors.REGION_ROLES)
PAGE_SIZE = 30

SERVICES = {
    Action.ROUTE: services.petition_route,
    Action.OBJECT: services.petition_object,
    Action.ACCEPT: services.petition_accept,
    Action.EXTEND: services.petition_extend,
    Action.REPLY: services.petition_reply,
    Action.ASK_REVIEW: services.petition_ask_review,
    Action.DECIDE_REVIEW: services.petition_decide_review,
    Action.ASK_RECHECK: services.petition_ask_recheck,
    Action.DECIDE_RECHECK: services.petition_decide_recheck,
    Action.ASSIGN_LEADER: services.petition_assign_leader,
}


@role_required(*PETITION_ROLES)
@require_GET
def petition_list(request):
    now = clock.now()
    form = forms.FilterForm(request.GET or None, user=request.user)
    petitions = selectors.petition_list(request.user, form.filters(), now=now)
    page = Paginator(petitions, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(p, deadlines.current_chip(p, now)) for p in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "query": query.urlencode(),
        "can_register": bool(_intake(request.user)),
    }
    return render(request, "petitions/list.html", context)


def _intake(user) -> bool:
    return scoping.has_role(user, *INTAKE_ROLES)


def _rows(request) -> int:
    try:
        rows = int(request.GET.get("rows") or request.POST.get("rows") or forms.DEFAULT_ROWS)
    except ValueError:
        rows = forms.DEFAULT_ROWS
    return min(max(rows, 1), forms.MAX_ROWS)


def _petitioners(formset) -> list[dict]:
    return [row for row in (f.data_or_none() for f in formset.forms) if row is not None]


@role_required(*INTAKE_ROLES)
def petition_new(request):
    rows = _rows(request)
    form = forms.PetitionForm(request.POST or None, user=request.user)
    formset = forms.petitioner_formset(request.POST or None, rows=rows)
    error = None
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = form.cleaned_data
        try:
            petition = services.petition_create(
                actor=request.user,
                channel=data["channel"],
                category=data["category"],
                region=data["region"],
                description=data["description"],
                petitioners=_petitioners(formset),
                headcount=data["headcount"],
                over_level=data["over_level"],
                intake_region=data["intake_region"],
                leader=data["leader"],
                title=data["title"],
                address=data["address"],
            )
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("信访件 %(number)s 已登记") % {"number": petition.number})
            return redirect("petitions:detail", pk=petition.pk)
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "formset": formset, "rows": rows, "error": error}
    return render(request, "petitions/new.html", context, status=status)


@role_required(*INTAKE_ROLES)
@require_POST
def petition_check(request):
    """What registration would find (htmx fragment): who is already known, a final decision
    on the same facts, a repeat and why, an over-level hint. Reads only."""
    form = forms.PetitionForm(request.POST, user=request.user)
    formset = forms.petitioner_formset(request.POST, rows=_rows(request))
    form.is_valid()
    formset.is_valid()
    data = form.cleaned_data
    known, new = [], []
    for row in _petitioners(formset):
        person = find_person(query=row["id_number"]) or find_person(query=row["phone"])
        (known if person else new).append(person or row)
    category = Category.objects.filter(code=data.get("category") or "").first()
    region = Region.objects.filter(code=data.get("region") or "", is_active=True).first()
    intake = None
    if region is not None:
        code = data.get("intake_region") or ""
        intake = (
            Region.objects.filter(code=code).first()
            if code
            else selectors.default_intake_region(request.user, region)
        )
    found = selectors.precheck(
        persons=known,
        category=category,
        region=region,
        intake_region=intake,
        description=data.get("description") or "",
    )
    context = {"known": known, "new": new, "found": found, "complete": bool(category and region)}
    return render(request, "petitions/_check.html", context)


@role_required(*PETITION_ROLES)
@require_GET
def petition_detail(request, pk: int):
    petition = selectors.petition_detail_for(request.user, pk)
    now = clock.now()
    actions = workflow.available_actions(petition, request.user, now)
    action_forms = [
        (action, Action(action).label, forms.ACTION_FORMS[action](petition=petition))
        for action in actions
    ]
    context = {
        "petition": petition,
        "case": petition.case,
        "chips": deadlines.chips(petition, now),
        "reasons": deadlines.overdue_reasons(petition, now),
        "action_forms": action_forms,
        "events": list(petition.events.all()),
        "petitioners": [row.person for row in petition.petitioner_rows.all()],
        "repeats": list(petition.repeats.all()),
        "threshold": REPEAT_THRESHOLD,
    }
    return render(request, "petitions/detail.html", context)


@role_required(*PETITION_ROLES)
@require_POST
def petition_act(request, pk: int, action: str):
    if action not in SERVICES:
        raise Http404
    petition = selectors.get_petition_for(request.user, pk)
    form = forms.ACTION_FORMS[action](request.POST, petition=petition)
    if not form.is_valid():
        problems = "；".join(
            f"{form.fields[name].label if name in form.fields else ''}{' '.join(errors)}"
            for name, errors in form.errors.items()
        )
        messages.error(
            request,
            _("未完成「%(action)s」：%(problems)s")
            % {"action": Action(action).label, "problems": problems},
        )
        return redirect("petitions:detail", pk=petition.pk)
    try:
        SERVICES[action](petition=petition, actor=request.user, **form.arguments())
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("已完成「%(action)s」") % {"action": Action(action).label})
    return redirect("petitions:detail", pk=petition.pk)


@role_required(*PETITION_ROLES)
@require_GET
def reply_print(request, pk: int):
    petition = selectors.petition_detail_for(request.user, pk)
    reply = documents.reply_for(petition)
    return render(request, "petitions/reply_print.html", {"petition": petition, "reply": reply})


@role_required(*PETITION_ROLES)
@require_GET
def reply_word(request, pk: int):
    petition = selectors.petition_detail_for(request.user, pk)
    content = documents.reply_docx(petition)
    audit.record("export", petition, actor=request.user, reason="reply docx")
    return FileResponse(
        io.BytesIO(content),
        as_attachment=True,
        filename=f"{petition.number}-答复意见书.docx",
        content_type=("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    )


@role_required(*BOARD_ROLES)
@require_GET
def backlog(request):
    now = clock.now()
    rows = selectors.backlog_by_town(request.user, now)
    context = {
        "rows": rows,
        "now": now,
        "total": sum(row.count for row in rows),
        "with_backlog": sum(1 for row in rows if row.count),
    }
    return render(request, "petitions/backlog.html", context)
