"""What a citizen sees of their case: its status in plain words, the steps it has passed, the
deadline, the answer, and the public part of its timeline."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.cases import clock, selectors
from pingan.cases.models import Case, Satisfaction, TimeUnit
from pingan.cases.workflow import EventKind, Status

STEPS = (_("提交"), _("受理"), _("办理"), _("答复"), _("办结"))

# status -> (step reached, headline in plain words, tone of the banner)
STATUS_WORDS = {
    Status.NEW: (0, _("已提交，等待工作人员受理"), "primary"),
    Status.ACCEPTED: (1, _("已受理，正在安排承办单位"), "primary"),
    Status.RETURNED: (1, _("正在重新安排承办单位"), "primary"),
    Status.REOPENED: (1, _("正在重新办理"), "warning"),
    Status.DISPATCHED: (2, _("已转交承办单位"), "primary"),
    Status.SIGNED: (2, _("承办单位正在办理"), "primary"),
    Status.PAUSED: (2, _("等待您补充情况"), "warning"),
    Status.ANSWERED: (3, _("已答复，请您评价"), "success"),
    Status.CLOSED: (4, _("已办结"), "success"),
    Status.RESOLVED_ON_SPOT: (4, _("已当场办结"), "success"),
    Status.REJECTED: (1, _("不予受理"), "danger"),
    Status.MERGED: (1, _("已与同一事项合并办理"), "primary"),
}

# THE RULE for what of the timeline is public (the tracking page, "我的事项").
# A row is shown when it tells the reporter what happened to their matter: registered, accepted,
# sent to a unit, signed for, answered, paused for them, resumed, merged, closed, reopened, the
# deadline extended, a rating, photos added. Staff names never show: the unit acts in its own
# name. A note shows only where it was written for the reporter: the reason for not accepting,
# what they are asked while the case is paused, the answer, and the reporter's own comment with
# their rating. Everything else stays internal: returns between units (the citizen sees "being
# re-assigned"), extension requests and refusals, reminders (催办), supervision cards (督办),
# deadline lights, staff notes, and the notes of dispatch, sign-for, reopening and closing.
#
# kind -> (plain words, show the note, name the unit)
PUBLIC_EVENTS = {
    EventKind.CREATE: (_("问题已登记"), False, False),
    EventKind.ACCEPT: (_("工作人员已受理"), False, False),
    EventKind.REJECT: (_("不予受理"), True, False),
    EventKind.RESOLVE_ON_SPOT: (_("已当场答复并办结"), True, False),
    EventKind.DISPATCH: (_("已转交承办单位"), False, True),
    EventKind.SIGN: (_("承办单位已签收，正在办理"), False, True),
    EventKind.ANSWER: (_("承办单位已答复"), True, True),
    EventKind.PAUSE: (_("需要您补充情况，答复期限暂停计算"), True, False),
    EventKind.RESUME: (_("恢复办理"), False, False),
    EventKind.MERGE: (_("与同一事项合并办理"), False, False),
    EventKind.CLOSE: (_("已办结"), False, False),
    EventKind.REOPEN: (_("重新办理"), False, False),
    EventKind.EXTENSION_GRANT: (_("办理期限已延长"), False, False),
    EventKind.FOLLOW_UP: (_("已评价"), True, False),
    EventKind.PHOTO: (_("补充了照片"), False, False),
}
# Notes that carry an answer: the newest one is shown in full above the timeline instead.
ANSWER_EVENTS = frozenset({EventKind.ANSWER, EventKind.RESOLVE_ON_SPOT})
# Statuses in which the answer clock runs and a due time means something to the reporter.
RUNNING = frozenset(
    {Status.ACCEPTED, Status.RETURNED, Status.REOPENED, Status.DISPATCHED, Status.SIGNED}
)


def limit_words(amount: int, unit: str) -> str:
    """A time limit as people say it: "15 个工作日", "24 小时"."""
    if unit == TimeUnit.HOURS:
        return _("%(n)s 小时") % {"n": amount}
    return _("%(n)s 个工作日") % {"n": amount}


@dataclass(frozen=True)
class PublicEvent:
    at: datetime
    label: str  # the event's Chinese label (EventKind)
    words: str  # what it means for the reporter
    department: str
    note: str
    detail: str  # a rating's level, an extension's days


@dataclass
class Step:
    label: str
    state: str  # done | current | todo


@dataclass
class Progress:
    case: Case  # the report the citizen holds
    main: Case  # whose progress is shown: the case itself, or the one it was merged into
    headline: str
    tone: str
    steps: list[Step]
    events: list[PublicEvent]
    due_at: datetime | None = None
    # A deadline at local midnight is the end of the day before: say that day, not "00:00".
    due_day: date | None = None
    overdue: bool = False
    answer_within: str = ""  # the answer limit in words, before acceptance starts the clock
    can_rate: bool = False
    rated: str = ""  # the satisfaction label once the current answer is rated
    photo_count: int = 0

    @property
    def merged(self) -> bool:
        return self.main.pk != self.case.pk

    @property
    def answer(self) -> str:
        return self.main.answer


def _event_view(row, *, show_rating_comment: bool) -> PublicEvent | None:
    rule = PUBLIC_EVENTS.get(row.kind)
    if rule is None:
        return None
    words, show_note, name_unit = rule
    note = row.note if show_note else ""
    detail = ""
    if row.kind == EventKind.FOLLOW_UP:
        level = (row.data or {}).get("satisfaction", "")
        detail = str(Satisfaction(level).label) if level in Satisfaction.values else ""
        # Only the reporter's own words; a note taken on a follow-up call stays with staff.
        if not (show_rating_comment and (row.data or {}).get("by_reporter")):
            note = ""
    elif row.kind == EventKind.EXTENSION_GRANT:
        days = (row.data or {}).get("days")
        detail = _("%(n)s 个工作日") % {"n": days} if days else ""
    elif row.kind == EventKind.PHOTO:
        count = (row.data or {}).get("count")
        detail = _("%(n)s 张") % {"n": count} if count else ""
    department = row.department.name if name_unit and row.department_id else ""
    return PublicEvent(
        at=row.at,
        label=str(row.get_kind_display()),
        words=str(words),
        department=department,
        note=note,
        detail=str(detail),
    )


def public_timeline(rows, *, show_rating_comment: bool = True, since=None) -> list[PublicEvent]:
    """The public rows of a case's events (oldest first), per the rule above. The newest answer
    loses its note when it is the case's current answer (shown in full above the timeline)."""
    events = []
    rows = [r for r in rows if since is None or r.at >= since]
    last_answer = max((i for i, r in enumerate(rows) if r.kind in ANSWER_EVENTS), default=None)
    for index, row in enumerate(rows):
        view = _event_view(row, show_rating_comment=show_rating_comment)
        if view is None:
            continue
        if index == last_answer and row.case.answer:
            view = PublicEvent(view.at, view.label, view.words, view.department, "", view.detail)
        events.append(view)
    return events


def _steps(reached: int, status: str) -> list[Step]:
    steps = []
    for index, label in enumerate(STEPS):
        if index < reached or (index == reached and reached == len(STEPS) - 1):
            state = "done"
        elif index == reached:
            state = "stopped" if status == Status.REJECTED else "current"
        else:
            state = "todo"
        steps.append(Step(str(label), state))
    return steps


def progress_for(case: Case, *, now=None) -> Progress:
    """The citizen's view of `case` (fetched by the caller through a selector that checked
    they may see it: the query code, or their own login). A report merged into another case
    follows that case: its status, deadline and answer, and its timeline after the merge."""
    now = now or clock.now()
    main = case.merged_into if case.status == Status.MERGED and case.merged_into_id else case
    own_rows = list(selectors.case_timeline(case))
    for row in own_rows:
        row.case = case
    events = public_timeline(own_rows)
    if main.pk != case.pk:
        merged_at = next((r.at for r in own_rows if r.kind == EventKind.MERGE), None)
        main_rows = list(selectors.case_timeline(main))
        for row in main_rows:
            row.case = main
        # Another citizen's rating comment on the main case is theirs, not this reporter's.
        events += public_timeline(main_rows, show_rating_comment=False, since=merged_at)
    reached, headline, tone = STATUS_WORDS[main.status]
    progress = Progress(
        case=case,
        main=main,
        headline=str(headline),
        tone=tone,
        steps=_steps(reached, main.status),
        events=events,
        photo_count=case.photos.count(),
    )
    if main.status in RUNNING and main.due_at:
        progress.due_at = main.due_at
        progress.overdue = now > main.due_at
        local = timezone.localtime(main.due_at)
        if (local.hour, local.minute, local.second) == (0, 0, 0):
            progress.due_day = local.date() - timedelta(days=1)
    elif main.status == Status.NEW:
        amount, unit = main.category.answer_policy(main.kind, urgent=main.urgent)
        progress.answer_within = limit_words(amount, unit)
    progress.can_rate = main.pk == case.pk and case.status == Status.ANSWERED
    if case.satisfaction and case.status == Status.CLOSED:
        progress.rated = str(Satisfaction(case.satisfaction).label)
    return progress
