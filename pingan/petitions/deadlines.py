"""The statutory limits of a petition and their lights. Every due time comes from
pingan.core.workcalendar (rule 7): natural days (ending at 24:00 Asia/Shanghai) for the limits
the 信访工作条例 gives in days, working days for the unit's objection.

Which limits are obligations matters for the backlog: routing, the acceptance notice, the
handling and the two decisions are owed by a body and make a petition overdue when missed;
the objection window and the petitioner's two request windows only close a door.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.core import workcalendar
from pingan.petitions.workflow import Status

ROUTE_DAYS = 15  # the petition bureau routes (转送/交办) within 15 days of registration
NOTICE_DAYS = 15  # the unit decides and notifies the petitioner within 15 days of receipt
OBJECTION_WORKING_DAYS = 5  # ... or objects within 5 working days of receipt
HANDLE_DAYS = 60  # the unit replies in writing within 60 days of acceptance
EXTENSION_MAX_DAYS = 30  # once, with reasons told to the petitioner
REVIEW_ASK_DAYS = 30  # the petitioner asks for 复查 within 30 days of the reply
REVIEW_DECIDE_DAYS = 30  # the reviewing body decides within 30 days
RECHECK_ASK_DAYS = 30  # 复核 is asked within 30 days of the review decision
RECHECK_DECIDE_DAYS = 30  # and decided within 30 days

# The yellow light comes on when this share of a limit is used (DESIGN.md).
WARN_SHARE = 0.8
GREEN, YELLOW, RED, GREY = "green", "yellow", "red", "grey"


def days_after(start: datetime, days: int) -> datetime:
    return workcalendar.add_calendar_days(start, days)


def working_days_after(start: datetime, days: int) -> datetime:
    return workcalendar.add_working_days(start, days)


def overdue_q(now: datetime) -> Q:
    """Petitions past a limit some body owes at `now` (in SQL, for lists and the board)."""
    return (
        Q(status__in=[Status.REGISTERED, Status.OBJECTED], route_due__lt=now)
        | Q(status=Status.ROUTED, notice_due__lt=now)
        | Q(status=Status.HANDLING, handle_due__lt=now)
        | Q(status=Status.REVIEWING, review_decide_due__lt=now)
        | Q(status=Status.RECHECKING, recheck_decide_due__lt=now)
    )


def concluded_q(now: datetime) -> Q:
    """Petitions whose process has ended at `now`: re-reviewed (final), or a reply or review
    decision the petitioner let stand past their window."""
    return (
        Q(status=Status.FINAL)
        | Q(status=Status.REPLIED, review_ask_due__lt=now)
        | Q(status=Status.REVIEWED, recheck_ask_due__lt=now)
    )


def backlog_q(now: datetime) -> Q:
    """积案: past a limit, or a matter petitioned again after its reply and not yet concluded."""
    return overdue_q(now) | (Q(repeat_after_reply=True) & ~concluded_q(now))


# The obligation running in each status: (key, label, start field, due field).
OBLIGATIONS = {
    Status.REGISTERED: ("route", _("转送交办"), "registered_at", "route_due"),
    Status.OBJECTED: ("route", _("重新转送交办"), "objected_at", "route_due"),
    Status.ROUTED: ("notice", _("受理告知"), "routed_at", "notice_due"),
    Status.HANDLING: ("handle", _("办理答复"), "accepted_at", "handle_due"),
    Status.REVIEWING: ("review_decide", _("复查决定"), "review_asked_at", "review_decide_due"),
    Status.RECHECKING: ("recheck_decide", _("复核决定"), "recheck_asked_at", "recheck_decide_due"),
}
OVERDUE_LABELS = {
    "route": _("转送交办超期"),
    "notice": _("受理告知超期"),
    "handle": _("办理超期"),
    "review_decide": _("复查超期"),
    "recheck_decide": _("复核超期"),
}


def light(start: datetime | None, due: datetime | None, now: datetime) -> str:
    if start is None or due is None:
        return GREY
    if now > due:
        return RED
    return YELLOW if workcalendar.fraction_used(start, due, now) >= WARN_SHARE else GREEN


def overdue_reasons(petition, now: datetime) -> list[str]:
    """Why a petition is on the backlog at `now` (empty: it is not); mirrors backlog_q."""
    reasons = []
    running = OBLIGATIONS.get(petition.status)
    if running is not None:
        key, _label, _start, due_field = running
        due = getattr(petition, due_field)
        if due is not None and now > due:
            reasons.append(str(OVERDUE_LABELS[key]))
    if petition.repeat_after_reply and not is_concluded(petition, now):
        reasons.append(str(_("答复后重复信访")))
    return reasons


def is_concluded(petition, now: datetime) -> bool:
    if petition.status == Status.FINAL:
        return True
    if petition.status == Status.REPLIED:
        return petition.review_ask_due is not None and now > petition.review_ask_due
    if petition.status == Status.REVIEWED:
        return petition.recheck_ask_due is not None and now > petition.recheck_ask_due
    return False


@dataclass(frozen=True)
class Chip:
    """One limit as the detail page shows it: a coloured chip with its due time."""

    key: str
    label: str
    due: datetime | None
    light: str
    note: str

    @property
    def due_text(self) -> str:
        """The due time as people say it: 24:00 of the last day, not 00:00 of the next."""
        if self.due is None:
            return ""
        local = timezone.localtime(self.due)
        if (local.hour, local.minute, local.second) == (0, 0, 0):
            return (local - timedelta(days=1)).strftime("%Y-%m-%d 24:00")
        return local.strftime("%Y-%m-%d %H:%M")


def current_chip(petition, now: datetime) -> "Chip | None":
    """The limit running now (for list rows): a body's obligation, else the petitioner's
    window after a reply or a review decision, else None."""
    if petition.status == Status.REPLIED:
        return _window("review_ask", str(_("申请复查")), petition.review_ask_due, now, None)
    if petition.status == Status.REVIEWED:
        return _window("recheck_ask", str(_("申请复核")), petition.recheck_ask_due, now, None)
    running = OBLIGATIONS.get(petition.status)
    if running is None:
        return None
    key, label, start_field, due_field = running
    return _running(
        key, str(label), getattr(petition, start_field), getattr(petition, due_field), now
    )


def _done(key, label, due, done_at) -> Chip:
    if done_at is None or due is None:
        return Chip(key, label, due, GREY, "")
    if done_at > due:
        return Chip(key, label, due, RED, str(_("超期完成")))
    return Chip(key, label, due, GREEN, str(_("按期完成")))


def _running(key, label, start, due, now) -> Chip:
    colour = light(start, due, now)
    note = {RED: _("已超期"), YELLOW: _("即将到期"), GREEN: _("期限内")}.get(colour, "")
    return Chip(key, label, due, colour, str(note))


def _window(key, label, due, now, used_at) -> Chip:
    """A window the petitioner or the unit may use; shown grey once it has closed unused."""
    if used_at is not None:
        return Chip(key, label, due, GREEN, str(_("已提出")))
    if due is None:
        return Chip(key, label, due, GREY, "")
    if now > due:
        return Chip(key, label, due, GREY, str(_("已过期未提出")))
    return Chip(key, label, due, GREEN, str(_("可提出")))


def chips(petition, now: datetime) -> list[Chip]:
    """Every limit that applies to the petition so far, in the order of the procedure."""
    p, s = petition, petition.status
    rows = []
    if s in (Status.REGISTERED, Status.OBJECTED):
        key, label, start_field, _due = OBLIGATIONS[s]
        rows.append(_running(key, str(label), getattr(p, start_field), p.route_due, now))
    else:
        rows.append(_done("route", str(_("转送交办")), p.route_due, p.routed_at))
    if p.routed_at is None:
        return rows
    if s == Status.ROUTED:
        rows.append(_running("notice", str(_("受理告知")), p.routed_at, p.notice_due, now))
        rows.append(_window("objection", str(_("异议期限")), p.objection_due, now, None))
    elif s == Status.OBJECTED:
        rows.append(_window("objection", str(_("异议期限")), p.objection_due, now, p.objected_at))
    else:
        rows.append(_done("notice", str(_("受理告知")), p.notice_due, p.accepted_at))
    if p.accepted_at is None:
        return rows
    label = str(_("办理答复")) + (
        str(_("（已延期%(n)s日）") % {"n": p.extension_days}) if p.extension_days else ""
    )
    if s == Status.HANDLING:
        rows.append(_running("handle", label, p.accepted_at, p.handle_due, now))
        return rows
    rows.append(_done("handle", label, p.handle_due, p.replied_at))
    steps = [
        ("review_ask", _("申请复查"), "review_ask_due", "review_asked_at", None),
        ("review_decide", _("复查决定"), "review_decide_due", "reviewed_at", "review_asked_at"),
        ("recheck_ask", _("申请复核"), "recheck_ask_due", "recheck_asked_at", None),
        ("recheck_decide", _("复核决定"), "recheck_decide_due", "rechecked_at", "recheck_asked_at"),
    ]
    for key, step_label, due_field, done_field, start_field in steps:
        due = getattr(p, due_field)
        if due is None:
            break
        done_at = getattr(p, done_field)
        if start_field is None:
            rows.append(_window(key, str(step_label), due, now, done_at))
        elif done_at is None:
            rows.append(_running(key, str(step_label), getattr(p, start_field), due, now))
        else:
            rows.append(_done(key, str(step_label), due, done_at))
    return rows
