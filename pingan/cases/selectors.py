"""Reads of work orders, always through the actor's jurisdiction (rule 2 of the house).

- staff in the case roles (hotline, clerk, dispatcher, leader, grid, admin) see the cases of
  their region's subtree;
- a handler sees the cases of their post's department within that post's region, and the
  cases assigned to them;
- everyone sees the cases they registered and those they reported (with the main case of a
  report that was merged);
- a case outside all of that does not exist for them (NotFound → 404).
"""

import hmac
from functools import reduce
from operator import or_

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from pingan.cases import clock, workflow
from pingan.cases.models import Case, CaseEvent, Category, CategoryRoute
from pingan.cases.workflow import Status
from pingan.core import crypto
from pingan.core.errors import DomainError, NotFound
from pingan.core.fields import blind_index_for
from pingan.org import scoping
from pingan.org.models import Department, Region
from pingan.org.roles import Role

# Roles that see every case in their region's subtree.
REGION_ROLES = frozenset(
    {Role.HOTLINE, Role.CLERK, Role.DISPATCHER, Role.LEADER, Role.GRID, Role.ADMIN}
)


def _visibility_q(user) -> Q | None:
    """The filter for the user's cases; None means every case (superuser)."""
    if scoping.is_superuser(user):
        return None
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    parts = [Q(reporter=user), Q(created_by=user), Q(handler=user)]
    region_codes = scoping.jurisdiction_codes(user, REGION_ROLES) or []
    parts += [Q(region__code__startswith=code) for code in region_codes]
    for post in scoping.posts_of(user, [Role.HANDLER]):
        if post.department_id is not None:
            parts.append(
                Q(department_id=post.department_id, region__code__startswith=post.region.code)
            )
    # A reporter whose report was merged follows the main case.
    parts.append(
        Q(
            pk__in=Case.objects.filter(reporter=user, merged_into__isnull=False).values(
                "merged_into"
            )
        )
    )
    return reduce(or_, parts)


def cases_visible_to(user) -> QuerySet:
    q = _visibility_q(user)
    cases = Case.objects.all()
    return cases if q is None else cases.filter(q)


def get_case_for(user, pk, *, write: bool = False) -> Case:
    """One case the user may see, or NotFound. With write=True the row is locked until the
    end of the caller's transaction."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFound() from None
    cases = cases_visible_to(user).select_related("category", "region", "department")
    if write:
        cases = cases.select_for_update(of=("self",))
    return scoping.get_object_for(cases, pk=pk)


def lock_case(pk) -> Case:
    """The case row, locked, without a jurisdiction check: for the system (the sweep) and for
    a reporter who proved the query code."""
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("category", "region", "department")
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise NotFound()
    return case


def query_code_digest(number: str, code: str) -> str:
    # Keyed, so the 6-digit space cannot be searched offline by someone holding the table.
    return crypto.keyed_digest(f"{number}:{code}".encode(), purpose="case-query-code").hex()


def query_code_matches(case: Case, code: str) -> bool:
    code = (code or "").strip()
    if not code.isdigit() or len(code) != 6:
        return False
    return hmac.compare_digest(case.query_code_hash, query_code_digest(case.number, code))


def case_for_tracking(number: str, query_code: str) -> Case:
    """A case found by its number and query code (the citizen's tracking page). The same
    NotFound for a wrong number and a wrong code, so neither can be probed alone. Callers on
    public pages must rate-limit it."""
    case = (
        Case.objects.select_related("category", "region", "department", "merged_into")
        .filter(number=(number or "").strip().upper())
        .first()
    )
    if case is None or not query_code_matches(case, query_code):
        raise NotFound(_("工单号或查询码不正确"))
    return case


def case_timeline(case: Case) -> QuerySet:
    return CaseEvent.objects.filter(case=case).select_related("actor", "department")


def linked_reports(case: Case) -> QuerySet:
    """The reports merged into this case (each a Case with status merged)."""
    return Case.objects.filter(merged_into=case).order_by("created_at", "id")


def cases_by_phone(user, phone: str) -> QuerySet:
    """The user's visible cases reported from this phone number (the hotline's caller history)."""
    try:
        index = blind_index_for("phone", phone)
    except DomainError:
        return Case.objects.none()
    if not index:
        return Case.objects.none()
    return cases_visible_to(user).filter(reporter_phone_index=index)


# --- deadline lights -----------------------------------------------------------------------------

# Statuses whose answer clock runs; PAUSED keeps its light as it was when the clock stopped.
CLOCK_RUNNING = frozenset(
    {Status.ACCEPTED, Status.DISPATCHED, Status.SIGNED, Status.RETURNED, Status.REOPENED}
)
GREEN, YELLOW, RED = "green", "yellow", "red"


def sla_light(case: Case, now=None) -> str:
    """ "green", "yellow" (≥ 80% of the time used) or "red" (overdue). A finished case is red
    when it was answered after its deadline, else green."""
    now = now or clock.now()
    if case.status in (Status.ANSWERED, Status.CLOSED):
        late = case.due_at is not None and case.answered_at and case.answered_at > case.due_at
        return RED if late else GREEN
    if case.status == Status.PAUSED:
        now = case.paused_at or now
    elif case.status not in CLOCK_RUNNING:
        return GREEN
    signing = case.status == Status.DISPATCHED
    if (case.due_at and now > case.due_at) or (
        signing and case.sign_due_at and now > case.sign_due_at
    ):
        return RED
    if (case.due_warn_at and now >= case.due_warn_at) or (
        signing and case.sign_warn_at and now >= case.sign_warn_at
    ):
        return YELLOW
    return GREEN


def sla_q(level: str, now) -> Q:
    """Open cases whose light is `level` ("yellow" or "red") at `now`; the SQL twin of
    sla_light for open cases."""
    running = Q(status__in=CLOCK_RUNNING)
    paused = Q(status=Status.PAUSED)
    signing = Q(status=Status.DISPATCHED)
    red = (
        (running & Q(due_at__lt=now))
        | (signing & Q(sign_due_at__lt=now))
        | (paused & Q(due_at__lt=F("paused_at")))
    )
    if level == RED:
        return red
    yellow = (
        (running & Q(due_warn_at__lte=now))
        | (signing & Q(sign_warn_at__lte=now))
        | (paused & Q(due_warn_at__lte=F("paused_at")))
    )
    return yellow & ~red


# --- work queues ---------------------------------------------------------------------------------

QUEUES = {
    "new": _("待受理"),
    "to_dispatch": _("待派单"),
    "to_sign": _("待签收"),
    "in_progress": _("办理中"),
    "follow_up": _("待回访"),
    "due_soon": _("即将逾期"),
    "overdue": _("已逾期"),
}


def _queue_q(name: str, now) -> Q:
    if name == "new":
        return Q(status=Status.NEW)
    if name == "to_dispatch":
        return Q(status__in=[Status.ACCEPTED, Status.RETURNED, Status.REOPENED])
    if name == "to_sign":
        return Q(status=Status.DISPATCHED)
    if name == "in_progress":
        return Q(status__in=[Status.SIGNED, Status.PAUSED])
    if name == "follow_up":
        return Q(status=Status.ANSWERED)
    if name == "due_soon":
        return sla_q(YELLOW, now)
    if name == "overdue":
        return sla_q(RED, now)
    raise DomainError("unknown_queue", _("未知的工作队列：%(name)s") % {"name": name}, status=422)


def queue(user, name: str, *, now=None) -> QuerySet:
    """The user's cases in the named queue (QUEUES), most pressing first."""
    now = now or clock.now()
    cases = cases_visible_to(user).filter(_queue_q(name, now))
    return cases.order_by(F("due_at").asc(nulls_last=True), "created_at", "id")


def queue_counts(user, *, now=None) -> dict[str, int]:
    """How many of the user's cases sit in each queue, in one query."""
    now = now or clock.now()
    aggregates = {name: Count("pk", filter=_queue_q(name, now)) for name in QUEUES}
    return cases_visible_to(user).aggregate(**aggregates)


# --- routing ---------------------------------------------------------------------------------


def default_department(category: Category, region: Region) -> Department | None:
    """The department the category's rules name for the region: the rule for the most specific
    region wins; without a rule for the category, its parent's rules apply, and so on up."""
    lineage = category.lineage()
    prefixes = [region.code[:n] for n in sorted(set(Region.CODE_LENGTHS.values()))]
    routes = list(
        CategoryRoute.objects.filter(
            category__in=lineage,
            region__code__in=[p for p in prefixes if len(p) <= len(region.code)],
            department__is_active=True,
        ).select_related("region", "department")
    )
    depth = {c.pk: i for i, c in enumerate(lineage)}
    if not routes:
        return None
    best = min(routes, key=lambda r: (depth[r.category_id], -len(r.region.code)))
    return best.department


def active_categories() -> QuerySet:
    return Category.objects.filter(is_active=True).select_related("parent")


def available_actions(case: Case, user) -> list[str]:
    return workflow.available_actions(case, user)


def _with_details(cases: QuerySet) -> QuerySet:
    return cases.select_related(
        "category", "region", "department", "handler", "merged_into"
    ).prefetch_related(
        Prefetch("events", queryset=CaseEvent.objects.select_related("actor", "department")),
        "photos",
        Prefetch("merged_cases", queryset=Case.objects.order_by("created_at", "id")),
        "extension_requests",
    )


def case_detail_for(user, pk) -> Case:
    """A visible case with everything its page shows, in a fixed number of queries."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFound() from None
    return scoping.get_object_for(_with_details(cases_visible_to(user)), pk=pk)


def case_detail_after_action(case: Case) -> Case:
    """The case as it stands after the caller's own successful action on it. Not scoped: an
    action may take the case out of the actor's sight (a handler returning it), and they still
    see the outcome of what they just did."""
    return _with_details(Case.objects.all()).get(pk=case.pk)
