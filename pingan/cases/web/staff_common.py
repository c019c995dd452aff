"""What the staff pages of work orders share: who may use them, how a deadline reads, and who
may see a reporter's details in full."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _

from pingan.cases import selectors
from pingan.cases.models import Case, Channel
from pingan.cases.services import intake
from pingan.cases.services.links import SAME_AS
from pingan.cases.workflow import FINISHED, EventKind, Status
from pingan.org import scoping
from pingan.org.models import Region
from pingan.org.roles import ROLES_SEEING_PII, Role

# Staff who work cases and see a queue: those who see their region's cases, and handlers.
CASE_ROLES = tuple(sorted(selectors.REGION_ROLES | {Role.HANDLER}))
# Staff who log cases on the quick-entry form: the services' intake roles.
INTAKE_ROLES = tuple(sorted(intake.INTAKE_ROLES))
# The channel the quick-entry form starts with, by the first of these roles the user holds.
ROLE_CHANNEL = (
    (Role.HOTLINE, Channel.HOTLINE),
    (Role.CLERK, Channel.WINDOW),
    (Role.GRID, Channel.GRID),
    (Role.DISPATCHER, Channel.HOTLINE),
)


def default_channel(user) -> str:
    for role, channel in ROLE_CHANNEL:
        if scoping.posts_of(user, [role]):
            return channel
    return Channel.HOTLINE


# --- deadlines as people read them ---------------------------------------------------------


@dataclass(frozen=True)
class DeadlineView:
    light: str  # green | yellow | red | done (finished: no light)
    label: str  # which deadline: 签收 / 办结 / 回访
    due: datetime | None
    words: str  # "剩余 2 天 3 小时", "已超期 1 天", "挂起中，时限暂停"

    @property
    def is_overdue(self) -> bool:
        return self.light == selectors.RED

    @property
    def due_text(self) -> str:
        return format_deadline(self.due)


def format_deadline(value: datetime | None) -> str:
    """A due time in Asia/Shanghai. Day limits end at midnight, which reads as the end of the
    day before ("11-10 24:00", as official notices say 24时), not as the start of the next."""
    if value is None:
        return "—"
    local = timezone.localtime(value)
    if (local.hour, local.minute, local.second) == (0, 0, 0):
        return f"{local - timedelta(days=1):%Y-%m-%d} 24:00"
    return f"{local:%Y-%m-%d %H:%M}"


def _left(due: datetime, now: datetime) -> str:
    if now <= due:
        return _("剩余 %(t)s") % {"t": timeuntil(due, now, depth=2)}
    return _("已超期 %(t)s") % {"t": timeuntil(now, due, depth=2)}


def deadline_view(case: Case, now: datetime) -> DeadlineView:
    """The deadline that matters now for the case, its light and the time left in words.

    The light is selectors.sla_light (the same rule the queues filter on in SQL); this only
    picks which due time to show beside it."""
    if case.status in FINISHED:
        return DeadlineView("done", _("已结束"), None, case.get_status_display())
    light = selectors.sla_light(case, now)
    if case.status == Status.NEW:
        return DeadlineView(light, _("受理"), None, _("待受理，尚未计时"))
    if case.status == Status.ANSWERED:
        words = _("已答复，待回访")
        return DeadlineView(light, _("回访"), case.follow_up_due_at, words)
    if case.status == Status.PAUSED:
        return DeadlineView(light, _("办结"), case.due_at, _("挂起中，时限暂停"))
    if case.status == Status.DISPATCHED and case.sign_due_at is not None:
        # Signing comes first; once its time is up, that is what is late.
        sign_late = now > case.sign_due_at
        answer_late = case.due_at is not None and now > case.due_at
        if sign_late or not answer_late:
            return DeadlineView(light, _("签收"), case.sign_due_at, _left(case.sign_due_at, now))
    if case.due_at is None:
        return DeadlineView(light, _("办结"), None, "")
    return DeadlineView(light, _("办结"), case.due_at, _left(case.due_at, now))


# --- personal data of the reporter ------------------------------------------------------------


def may_reveal_reporter(user, case: Case) -> bool:
    """Whether the user's work needs the reporter's name and phone in full (each reveal is
    audited): intake and hotline staff over the case's region, and the case's own handler or
    department, unless the reporter asked to stay anonymous to the department."""
    if scoping.is_superuser(user):
        return True
    region_roles = [r for r in ROLES_SEEING_PII if r != Role.HANDLER]
    if scoping.covers(user, case.region, region_roles):
        return True
    if case.anonymous:
        return False
    if case.handler_id is not None and case.handler_id == user.pk:
        return True
    return any(
        post.department_id == case.department_id and case.region.code.startswith(post.region.code)
        for post in scoping.posts_of(user, [Role.HANDLER])
        if case.department_id is not None
    )


def reporter_hidden(user, case: Case) -> bool:
    """An anonymous reporter is hidden from everyone but intake staff (masked there too)."""
    return case.anonymous and not scoping.covers(user, case.region, INTAKE_ROLES)


# --- regions for filters and intake -----------------------------------------------------------


def region_choices(user, *, include_all: bool = False) -> list:
    """Towns and villages (and the user's own top regions) grouped by town, for a select.

    With include_all, every active region qualifies (intake may log a matter anywhere in the
    city: a walk-in at one town's window about another town); otherwise the user's scope."""
    regions = (
        Region.objects.filter(is_active=True)
        if include_all or scoping.is_superuser(user)
        else scoping.regions_visible_to(user).filter(is_active=True)
    )
    tops = set(scoping.jurisdiction_codes(user) or [])
    rows = [
        r
        for r in regions.order_by("code").only("code", "name", "level")
        if r.level != Region.Level.GRID or r.code in tops
    ]
    groups: list = []
    current_town, options = None, []
    for region in rows:
        if region.level in (Region.Level.CITY, Region.Level.TOWN):
            if options:
                groups.append((current_town, options))
            current_town = region.name
            options = [(region.code, region.name)]
        else:
            options.append((region.code, region.name))
    if options:
        groups.append((current_town or _("辖区"), options))
    return groups


def linked_same_matter(case: Case) -> int | None:
    """The case an intake note (pingan.cases.services.links) names as the same matter as
    this one, read from the case's prefetched events; the latest note wins."""
    for row in reversed(list(case.events.all())):
        if row.kind == EventKind.NOTE and SAME_AS in (row.data or {}):
            return row.data[SAME_AS]
    return None
