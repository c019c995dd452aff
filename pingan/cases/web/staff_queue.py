"""The work queues (工作队列): one tab per queue the user's roles work, with counts, filters and
pages. Every row's light comes from the same rule the queues filter on; overdue rows are red."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from pingan.cases import clock, selectors
from pingan.cases.web.staff_common import CASE_ROLES, INTAKE_ROLES, deadline_view
from pingan.cases.web.staff_forms import ALL, QUEUE_CHOICES, QueueFilterForm
from pingan.org import scoping
from pingan.org.decorators import role_required
from pingan.org.roles import Role

PAGE_SIZE = 25

# The queues each role works, and (first) the one its page opens on.
ROLE_QUEUES = {
    Role.LEADER: ["overdue", "due_soon", "to_dispatch", "to_sign", "in_progress"],
    Role.DISPATCHER: ["to_dispatch", "new", "to_sign", "follow_up", "due_soon", "overdue"],
    Role.HANDLER: ["to_sign", "in_progress", "due_soon", "overdue"],
    Role.HOTLINE: ["new", "follow_up", "due_soon", "overdue"],
    Role.CLERK: ["new", "to_dispatch", "in_progress", "overdue"],
    Role.GRID: ["new", "in_progress", "overdue"],
}


def user_queues(user) -> tuple[list[str], str]:
    """(the queues shown as tabs, in the usual order; the default one)."""
    if scoping.is_superuser(user) or scoping.posts_of(user, [Role.ADMIN]):
        return list(selectors.QUEUES), "overdue"
    held = {post.role for post in scoping.posts_of(user)}
    wanted: set[str] = set()
    default = None
    for role, names in ROLE_QUEUES.items():
        if role in held:
            wanted.update(names)
            default = default or names[0]
    names = [name for name in selectors.QUEUES if name in wanted]
    return names, default or ALL


@role_required(*CASE_ROLES)
@require_GET
def queue(request):
    user = request.user
    now = clock.now()
    names, default = user_queues(user)
    current = request.GET.get("queue") or default
    if current not in dict(QUEUE_CHOICES):
        current = default
    counts = selectors.queue_counts(user, now=now)
    form = QueueFilterForm(request.GET, user=user)
    cases = (
        selectors.cases_visible_to(user).order_by("-created_at", "-id")
        if current == ALL
        else selectors.queue(user, current, now=now)
    )
    cases = form.apply(cases).select_related("category", "region__parent", "department")
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(case, deadline_view(case, now)) for case in page.object_list]
    # Tabs keep the filters; pages keep the tab and the filters.
    filters = request.GET.copy()
    filters.pop("page", None)
    filters.pop("queue", None)
    tabs = [
        {"name": name, "label": label, "count": counts.get(name)}
        for name, label in QUEUE_CHOICES
        if name in names or name in (ALL, current)
    ]
    context = {
        "tabs": tabs,
        "current": current,
        "form": form,
        "page": page,
        "rows": rows,
        "filters": filters.urlencode(),
        "filtered": any(form.data.get(name) for name in form.fields),
        "can_log": scoping.has_role(user, *INTAKE_ROLES),
        "now": now,
    }
    return render(request, "cases/staff/queue.html", context)


@role_required(Role.LEADER, Role.ADMIN)
@require_GET
def supervise(request):
    """The leader's 督办 entry: the overdue queue of their jurisdiction."""
    return redirect(f"{reverse('cases_staff:queue')}?queue=overdue")
