"""Work-order counts. Flows are dated by the event they count (created, signed, answered,
closed); the rates' numerators and denominators are counted over the same rows."""

from django.db.models import F, Q

from pingan.analytics.sources import Source, monthly_counts, stock_counts
from pingan.cases.models import Case
from pingan.cases.models.case import Satisfaction
from pingan.cases.workflow import Status

FINISHED = [Status.CLOSED, Status.RESOLVED_ON_SPOT]
NOT_A_CASE = [Status.MERGED]


def root_category(code: str) -> str:
    """Categories are a dotted tree (labour.wages); the dashboard shows the top level."""
    return code.split(".", 1)[0]


def collect(start, end):
    cases = Case.objects.all()
    work_orders = cases.exclude(status__in=NOT_A_CASE)
    common = {"region": "region__code", "start": start, "end": end}
    yield from monthly_counts(
        work_orders, measure="cases.received", at="created_at", key="channel", **common
    )
    yield from monthly_counts(
        work_orders, measure="cases.by_kind", at="created_at", key="kind", **common
    )
    yield from monthly_counts(
        work_orders,
        measure="cases.by_category",
        at="created_at",
        key="category__code",
        key_map=root_category,
        **common,
    )
    yield from monthly_counts(
        cases.filter(status=Status.MERGED), measure="cases.merged", at="created_at", **common
    )
    # 办结率: of the work orders taken in the month, those finished (so far).
    yield from monthly_counts(
        work_orders,
        measure="cases.finished_of_received",
        at="created_at",
        where=Q(status__in=FINISHED),
        **common,
    )
    # 按时签收率
    yield from monthly_counts(cases, measure="cases.signed", at="signed_at", **common)
    yield from monthly_counts(
        cases,
        measure="cases.signed_on_time",
        at="signed_at",
        where=Q(sign_due_at__isnull=True) | Q(signed_at__lte=F("sign_due_at")),
        **common,
    )
    # 按时办结率: answers given in the month, and those within the (extended) limit.
    yield from monthly_counts(cases, measure="cases.answered", at="answered_at", **common)
    yield from monthly_counts(
        cases,
        measure="cases.answered_on_time",
        at="answered_at",
        where=Q(due_at__isnull=True) | Q(answered_at__lte=F("due_at")),
        **common,
    )
    yield from monthly_counts(
        cases.filter(status__in=FINISHED), measure="cases.closed", at="closed_at", **common
    )
    # 满意率 and 重办率: over the work orders closed in the month.
    yield from monthly_counts(
        cases.filter(status__in=FINISHED).exclude(satisfaction=""),
        measure="cases.rated",
        at="closed_at",
        key="satisfaction",
        **common,
    )
    yield from monthly_counts(
        cases.filter(status__in=FINISHED, reopen_count__gt=0),
        measure="cases.reopened",
        at="closed_at",
        **common,
    )


def collect_backlog(start, end):
    work_orders = Case.objects.exclude(status__in=NOT_A_CASE)

    def still_open(moment):
        return Q(created_at__lt=moment) & (Q(closed_at__isnull=True) | Q(closed_at__gte=moment))

    def overdue(moment):
        return (
            still_open(moment)
            & Q(due_at__lt=moment)
            & (Q(answered_at__isnull=True) | Q(answered_at__gte=moment))
        )

    common = {"region": "region__code", "start": start, "end": end}
    yield from stock_counts(work_orders, measure="cases.backlog", open_at=still_open, **common)
    yield from stock_counts(work_orders, measure="cases.overdue", open_at=overdue, **common)


SATISFIED_KEYS = (Satisfaction.SATISFIED, Satisfaction.BASIC)

SOURCE = Source(
    name="cases",
    measures=(
        "cases.received",
        "cases.by_kind",
        "cases.by_category",
        "cases.merged",
        "cases.finished_of_received",
        "cases.signed",
        "cases.signed_on_time",
        "cases.answered",
        "cases.answered_on_time",
        "cases.closed",
        "cases.rated",
        "cases.reopened",
    ),
    collect=collect,
)
BACKLOG = Source(
    name="cases.backlog",
    measures=("cases.backlog", "cases.overdue"),
    collect=collect_backlog,
)
