"""The deadline sweep: yellow and red lights written into the timeline, once per level.

Run every few minutes by the scheduler. Each light is announced once for each deadline (a
granted extension or a reopening starts a new one): an sla_warning or sla_overdue event, and a
催办 by the system, so the department sees it in the case's timeline and the KPIs count it.
"""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pingan.cases import clock
from pingan.cases.models import Case, SlaLevel
from pingan.cases.selectors import CLOCK_RUNNING
from pingan.cases.services._base import event, save
from pingan.cases.workflow import EventKind, Status
from pingan.core import audit

CHUNK = 200

REMINDER_TEXT = {
    ("answer", SlaLevel.YELLOW): _("系统提醒：办理时限已用去八成，请抓紧办理"),
    ("answer", SlaLevel.RED): _("系统催办：已超过办理期限"),
    ("sign", SlaLevel.YELLOW): _("系统提醒：签收时限将到，请尽快签收"),
    ("sign", SlaLevel.RED): _("系统催办：已超过签收期限"),
}

# (deadline, its due field, its yellow-light field, the field recording what was announced,
#  the statuses in which that clock runs)
CLOCKS = (
    ("answer", "due_at", "due_warn_at", "sla_notified", CLOCK_RUNNING),
    ("sign", "sign_due_at", "sign_warn_at", "sign_sla_notified", frozenset({Status.DISPATCHED})),
)


def _pending_q(due_field, warn_field, notified_field, statuses, now) -> Q:
    red = Q(**{f"{due_field}__lt": now}) & ~Q(**{notified_field: SlaLevel.RED})
    yellow = Q(**{f"{warn_field}__lte": now, notified_field: SlaLevel.NONE})
    return Q(status__in=statuses) & (red | yellow)


def _announce(case: Case, deadline: str, due_field: str, notified_field: str, now) -> str:
    due = getattr(case, due_field)
    level = SlaLevel.RED if now > due else SlaLevel.YELLOW
    setattr(case, notified_field, level)
    # The system's own bookkeeping: no version bump, so nobody's open form turns stale.
    save(case, notified_field, bump=False)
    event(
        case,
        EventKind.SLA_OVERDUE if level == SlaLevel.RED else EventKind.SLA_WARNING,
        actor=None,
        department=case.department,
        data={"deadline": deadline, "due_at": due.isoformat()},
        at=now,
    )
    event(
        case,
        EventKind.REMIND,
        actor=None,
        note=str(REMINDER_TEXT[(deadline, level)]),
        department=case.department,
        data={"by_system": True, "deadline": deadline},
        at=now,
    )
    return level


def sweep_deadlines(now=None) -> dict[str, int]:
    """Announce every yellow and red light not yet announced at `now`; returns the counts
    written per event kind. Safe to run concurrently with people working: rows someone holds
    locked are skipped and picked up by the next run."""
    now = now or clock.now()
    counts = {EventKind.SLA_WARNING.value: 0, EventKind.SLA_OVERDUE.value: 0}
    with audit.acting_as(None):
        for deadline, due_field, warn_field, notified_field, statuses in CLOCKS:
            pending = _pending_q(due_field, warn_field, notified_field, statuses, now)
            ids = list(Case.objects.filter(pending).order_by("pk").values_list("pk", flat=True))
            for start in range(0, len(ids), CHUNK):
                with transaction.atomic():
                    rows = (
                        Case.objects.select_for_update(skip_locked=True, of=("self",))
                        .filter(pending, pk__in=ids[start : start + CHUNK])
                        .select_related("department")
                    )
                    for case in rows:
                        level = _announce(case, deadline, due_field, notified_field, now)
                        kind = (
                            EventKind.SLA_OVERDUE
                            if level == SlaLevel.RED
                            else EventKind.SLA_WARNING
                        )
                        counts[kind.value] += 1
    return counts
