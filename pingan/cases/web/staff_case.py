"""The case page: what the case is, who reported it (masked), what has happened to it, and the
actions the viewer may take now, each as a small form that loads in place (htmx).

A successful action swaps the case's section with its new state; a refused one shows the
service's message in the page's alert slot and changes nothing (a form drawn from an older
version of the case gets "该工单已被他人更新，请刷新后重试"). Without JavaScript the same forms
post and redirect back to the page.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pingan.cases import clock, selectors, services, workflow
from pingan.cases.duplicates import duplicates_of
from pingan.cases.models import ExtensionRequest, Satisfaction, SupervisionLevel
from pingan.cases.routing import suggest_departments
from pingan.cases.web import staff_forms
from pingan.cases.web.staff_common import (
    CASE_ROLES,
    deadline_view,
    format_deadline,
    linked_same_matter,
    may_reveal_reporter,
    reporter_hidden,
)
from pingan.cases.workflow import MERGE_TARGETS, Action, EventKind, Status
from pingan.core import audit
from pingan.core.errors import DomainError, NotFound
from pingan.org.decorators import role_required

# Button styles: the main way forward, the ways back or out, and the rest.
PRIMARY = {Action.ACCEPT, Action.DISPATCH, Action.SIGN, Action.ANSWER, Action.FOLLOW_UP}
DANGER = {Action.REJECT, Action.RETURN, Action.REOPEN, Action.SUPERVISE}


def _case_context(request, case, *, open_action: str = "", form=None) -> dict:
    user = request.user
    now = clock.now()
    pending = any(r.status == ExtensionRequest.State.PENDING for r in case.extension_requests.all())
    actions = [
        action
        for action in workflow.available_actions(case, user)
        # One extension request at a time; a decision needs a request to decide on.
        if not (action == Action.REQUEST_EXTENSION and pending)
        and not (action == Action.DECIDE_EXTENSION and not pending)
    ]
    buttons = [
        {
            "action": action,
            "label": Action(action).label,
            "style": "primary" if action in PRIMARY else "danger" if action in DANGER else "sec",
        }
        for action in actions
    ]
    # The way forward first, the ways back or out last.
    buttons.sort(key=lambda b: {"primary": 0, "sec": 1, "danger": 2}[b["style"]])
    if open_action and form is None and open_action in actions:
        form = _action_form(request, case, open_action)
    hidden = reporter_hidden(user, case)
    return {
        "deadlines": _deadlines(case),
        "case": case,
        "deadline": deadline_view(case, now),
        "events": [_timeline_row(row) for row in case.events.all()],
        "photos": list(case.photos.all()),
        "reports": list(case.merged_cases.all()),
        "extensions": list(case.extension_requests.all()),
        "buttons": buttons,
        "open_action": open_action if form is not None else "",
        "open_label": Action(open_action).label if form is not None else "",
        "action_form": form,
        "reporter_hidden": hidden,
        "may_reveal": not hidden and may_reveal_reporter(user, case),
        "now": now,
    }


def _deadlines(case) -> list[dict]:
    """The deadlines the header shows: signing while it is pending, the answer's, the
    follow-up's once answered."""
    rows = []
    if case.status == Status.DISPATCHED and case.sign_due_at:
        rows.append(
            {"key": "sign-due", "label": _("签收期限"), "text": format_deadline(case.sign_due_at)}
        )
    note = ""
    if case.extension_days_granted:
        note = _("（已延期 %(n)s 个工作日）") % {"n": case.extension_days_granted}
    rows.append(
        {
            "key": "due-at",
            "label": _("办理期限"),
            "text": format_deadline(case.due_at),
            "note": note,
        }
    )
    if case.status == Status.ANSWERED and case.follow_up_due_at:
        rows.append(
            {
                "key": "follow-up-due",
                "label": _("回访期限"),
                "text": format_deadline(case.follow_up_due_at),
            }
        )
    return rows


TONES = {
    EventKind.SLA_OVERDUE: "alert",
    EventKind.REJECT: "alert",
    EventKind.RETURN: "alert",
    EventKind.REOPEN: "alert",
    EventKind.SUPERVISE: "alert",
    EventKind.SLA_WARNING: "warn",
    EventKind.REMIND: "warn",
    EventKind.PAUSE: "warn",
    EventKind.EXTENSION_REQUEST: "warn",
    EventKind.ANSWER: "good",
    EventKind.CLOSE: "good",
    EventKind.RESOLVE_ON_SPOT: "good",
}
DEADLINE_NAMES = {"sign": _lazy("签收"), "answer": _lazy("办理")}


def _timeline_row(row) -> dict:
    """One timeline entry: the event, its colour, and what its data adds in words."""
    data = row.data or {}
    detail = ""
    if row.kind == EventKind.DISPATCH and row.department:
        detail = _("派往 %(d)s") % {"d": row.department.name}
    elif row.kind == EventKind.MERGE and data.get("into"):
        detail = _("并入 %(n)s") % {"n": data["into"]}
    elif row.kind == EventKind.MERGE and data.get("merged"):
        detail = _("并入了 %(n)s") % {"n": "、".join(data["merged"])}
    elif row.kind == EventKind.SUPERVISE and data.get("level"):
        detail = str(SupervisionLevel(data["level"]).label)
    elif row.kind == EventKind.FOLLOW_UP and data.get("satisfaction"):
        detail = str(Satisfaction(data["satisfaction"]).label)
        if data.get("by_reporter"):
            detail += _("（群众自评）")
    elif row.kind in (EventKind.EXTENSION_REQUEST, EventKind.EXTENSION_GRANT) and data.get("days"):
        detail = _("%(n)s 个工作日") % {"n": data["days"]}
    elif row.kind in (EventKind.SLA_WARNING, EventKind.SLA_OVERDUE) and data.get("deadline"):
        detail = _("%(d)s时限") % {"d": DEADLINE_NAMES.get(data["deadline"], "")}
    elif row.kind == EventKind.PHOTO and data.get("count"):
        detail = _("%(n)s 张") % {"n": data["count"]}
    if row.actor_id is None and row.kind != EventKind.CREATE:
        tone = TONES.get(row.kind, "system")
    else:
        tone = TONES.get(row.kind, "")
    if row.kind == EventKind.SUPERVISE and data.get("level") == SupervisionLevel.YELLOW:
        tone = "warn"
    return {"event": row, "tone": tone, "detail": detail}


def _action_form(request, case, action: str, data=None):
    """The form for `action`; drawn (data None) it also carries what helps decide: the
    suggested departments for a dispatch, the duplicate candidates for a merge."""
    form_class = staff_forms.ACTION_FORMS[action]
    kwargs = {"case": case, "user": request.user}
    drawn = data is None
    suggestions = []
    if action == Action.DISPATCH and drawn:
        suggestions = suggest_departments(
            category=case.category,
            region=case.region,
            description=case.description,
            exclude_id=case.pk,
        )
        kwargs["suggested"] = (
            suggestions[0].department
            if suggestions
            else selectors.default_department(case.category, case.region)
        )
    if action == Action.MERGE and drawn:
        kwargs["candidates"] = _merge_candidates(request.user, case)
    form = form_class(data, **kwargs)
    form.suggestions = suggestions
    return form


def _merge_candidates(user, case) -> list:
    """Open cases this one may be merged into: the one named at intake first, then the
    duplicate search's candidates in the user's sight."""
    found = duplicates_of(case, user=user, limit=5)
    named = linked_same_matter(case)
    ids = [c.case.pk for c in found] + ([named] if named else [])
    visible = {
        c.pk: c
        for c in selectors.cases_visible_to(user)
        .filter(pk__in=ids, status__in=MERGE_TARGETS)
        .select_related("region")
    }
    rows = []
    if named in visible:
        rows.append({"case": visible[named], "score": None, "reasons": [_("登记人认定为同一事项")]})
    for candidate in found:
        if candidate.case.pk in visible and candidate.case.pk != named:
            rows.append(
                {
                    "case": visible[candidate.case.pk],
                    "score": candidate.score,
                    "reasons": candidate.reasons,
                }
            )
    return rows


@role_required(*CASE_ROLES)
@require_GET
def case_page(request, pk: int):
    case = selectors.case_detail_for(request.user, pk)
    context = _case_context(request, case, open_action=request.GET.get("action", ""))
    return render(request, "cases/staff/case.html", context)


@role_required(*CASE_ROLES)
@require_http_methods(["GET", "POST"])
def action(request, pk: int, action: str):
    """GET (htmx): the small form for one action, loaded under the buttons. POST: take it."""
    if action not in staff_forms.ACTION_FORMS:
        raise Http404
    case = selectors.case_detail_for(request.user, pk)
    if request.method == "POST":
        return _act(request, case, action)
    # The role and status are checked before a form is offered (403/409 message otherwise).
    workflow.check(action, case, request.user)
    if not request.htmx:
        return redirect(f"{reverse('cases_staff:case', args=[pk])}?action={action}#actions")
    form = _action_form(request, case, action)
    context = {"case": case, "form": form, "action": action, "label": Action(action).label}
    return render(request, "cases/staff/_action_form.html", context)


def _act(request, case, action: str):
    user = request.user
    form = _action_form(request, case, action, data=request.POST)
    label = Action(action).label
    if not form.is_valid():
        message = _("未能「%(action)s」：%(problems)s") % {
            "action": label,
            "problems": form.problems(),
        }
        raise DomainError("invalid_form", message, status=422)
    service = getattr(services, f"case_{action}")
    service(case=case, actor=user, **form.arguments())
    done = _("已「%(action)s」") % {"action": label}
    if not request.htmx:
        messages.success(request, done)
        return redirect("cases_staff:case", pk=case.pk)
    # The actor sees the outcome of what they did, even when it takes the case out of their
    # sight (a handler returning it to dispatch).
    fresh = selectors.case_detail_after_action(case)
    context = _case_context(request, fresh)
    context["done"] = done
    return render(request, "cases/staff/_case_body.html", context)


@role_required(*CASE_ROLES)
@require_POST
def reveal_reporter(request, pk: int):
    """htmx: the reporter's name and phone in full, for roles that need them; each read is
    written to the audit log."""
    case = selectors.get_case_for(request.user, pk)
    if reporter_hidden(request.user, case) or not may_reveal_reporter(request.user, case):
        raise NotFound()
    reason = _("工单页查看反映人")
    values = {
        "name": audit.reveal(case, "reporter_name", actor=request.user, reason=reason),
        "phone": audit.reveal(case, "reporter_phone", actor=request.user, reason=reason),
    }
    return render(request, "cases/staff/_reporter_revealed.html", {"case": case, **values})
