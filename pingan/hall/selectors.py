"""Reads of the hall, always through the actor's jurisdiction (rule 2 of the house): a centre
belongs to its region, and a clerk, admin or leader whose post covers that region sees it. A
centre, window or matter outside that scope is NotFound (404). Public pages read a centre by
its slug and show nothing personal."""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.cases.workflow import Status as CaseStatus
from pingan.core.errors import DomainError, NotFound
from pingan.hall.models import (
    DutySlot,
    DutySwap,
    HalfDay,
    Matter,
    ServiceCentre,
    Ticket,
    Visit,
    Window,
    WindowAssignment,
    WindowKind,
)
from pingan.hall.workflow import AT_WINDOW, MatterStatus, SwapStatus, TicketStatus
from pingan.org import scoping
from pingan.org.models import User
from pingan.org.roles import Role

# Who sees a centre's pages (its windows, queue statistics, matters).
CENTRE_ROLES = frozenset({Role.CLERK, Role.ADMIN, Role.LEADER})
# Who keeps a centre's duty roster and approves swaps.
ROSTER_ROLES = frozenset({Role.CLERK, Role.ADMIN})
# The afternoon half-day starts at noon, local time.
NOON = datetime.time(12, 0)
DISPLAY_CALLS = 8


def local_tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def today(now=None) -> datetime.date:
    return timezone.localdate(now or timezone.now())


def current_half(now=None) -> str:
    local = timezone.localtime(now or timezone.now())
    return HalfDay.AM if local.time() < NOON else HalfDay.PM


# --- centres and windows ------------------------------------------------------------------------


def centres_visible_to(user, roles=CENTRE_ROLES) -> QuerySet:
    centres = ServiceCentre.objects.filter(is_active=True).select_related("region")
    return scoping.scope(centres, user, roles=roles)


def get_centre_for(user, pk, roles=CENTRE_ROLES) -> ServiceCentre:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFound() from None
    return scoping.get_object_for(centres_visible_to(user, roles), pk=pk)


def public_centre(slug: str) -> ServiceCentre:
    """A centre for its public pages (kiosk, display, duty board)."""
    centre = (
        ServiceCentre.objects.filter(slug=slug, is_active=True).select_related("region").first()
    )
    if centre is None:
        raise NotFound(_("服务中心不存在"))
    return centre


def window_kinds(centre: ServiceCentre) -> list[WindowKind]:
    """The kinds a visitor may take a number for: those with an open window at the centre."""
    return list(
        WindowKind.objects.filter(
            is_active=True, windows__centre=centre, windows__is_active=True
        ).distinct()
    )


def windows_of_centre(centre: ServiceCentre) -> QuerySet:
    return centre.windows.filter(is_active=True).select_related("kind").order_by("number")


def get_window_for(user, pk) -> Window:
    """A window of a centre the user may see (clerks, admins, leaders), or one they sit at as
    the person on duty."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFound() from None
    windows = Window.objects.filter(is_active=True, centre__is_active=True).select_related(
        "centre__region", "kind"
    )
    visible = scoping.region_q(user, "centre__region", CENTRE_ROLES)
    on_duty = Q(duty_slots__person=user) if getattr(user, "is_authenticated", False) else Q()
    found = windows.filter(pk=pk).filter(visible | on_duty if on_duty else visible).first()
    if found is None:
        raise NotFound()
    return found


def is_assigned(user, window: Window) -> bool:
    return WindowAssignment.objects.filter(user=user, window=window, is_active=True).exists()


def duty_slot_now(user, window: Window, now=None) -> DutySlot | None:
    now = now or timezone.now()
    return DutySlot.objects.filter(
        window=window, person=user, date=today(now), half=current_half(now)
    ).first()


def serves_window(user, window: Window, now=None) -> bool:
    """Posted at the window (a clerk's assignment) or sitting there now by the duty roster."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return is_assigned(user, window) or duty_slot_now(user, window, now) is not None


def windows_of(user, now=None) -> list[Window]:
    """The windows the user works at: their assignments, and where they are on duty now."""
    now = now or timezone.now()
    if not getattr(user, "is_authenticated", False):
        return []
    posted = Q(assignments__user=user, assignments__is_active=True)
    duty = Q(
        duty_slots__person=user, duty_slots__date=today(now), duty_slots__half=current_half(now)
    )
    return list(
        Window.objects.filter(posted | duty, is_active=True, centre__is_active=True)
        .select_related("centre", "kind")
        .distinct()
        .order_by("centre__name", "number")
    )


# --- the queue -----------------------------------------------------------------------------------


def waiting_for(centre: ServiceCentre, kind_id: int, day: datetime.date) -> QuerySet:
    return Ticket.objects.filter(
        centre=centre, kind_id=kind_id, business_date=day, status=TicketStatus.WAITING
    ).order_by("seq")


def ticket_at_window(window: Window, now=None) -> Ticket | None:
    return (
        Ticket.objects.filter(window=window, business_date=today(now), status__in=AT_WINDOW)
        .select_related("kind")
        .order_by("-last_called_at")
        .first()
    )


def public_ticket(token: str) -> Ticket:
    ticket = (
        Ticket.objects.filter(token=(token or "").strip())
        .select_related("centre", "kind", "window")
        .first()
    )
    if ticket is None:
        raise NotFound(_("号码不存在"))
    return ticket


def people_ahead(ticket: Ticket) -> int:
    if ticket.status != TicketStatus.WAITING:
        return 0
    return (
        waiting_for(ticket.centre, ticket.kind_id, ticket.business_date)
        .filter(seq__lt=ticket.seq)
        .count()
    )


def display_state(centre: ServiceCentre, *, now=None) -> dict:
    """What the display screen shows: the latest calls of the day (the newest first) and how
    many wait for each kind of window."""
    now = now or timezone.now()
    day = today(now)
    calls = list(
        Ticket.objects.filter(centre=centre, business_date=day, last_called_at__isnull=False)
        .select_related("window", "kind")
        .order_by("-last_called_at", "-id")[:DISPLAY_CALLS]
    )
    counts = dict(
        Ticket.objects.filter(centre=centre, business_date=day, status=TicketStatus.WAITING)
        .values_list("kind_id")
        .annotate(n=Count("id"))
    )
    waiting = [{"kind": kind, "count": counts.get(kind.pk, 0)} for kind in window_kinds(centre)]
    return {"centre": centre, "calls": calls, "waiting": waiting, "now": now}


@dataclass(frozen=True)
class KindStats:
    kind: WindowKind
    taken: int
    waiting: int
    served: int
    no_show: int
    avg_wait_minutes: float | None
    avg_service_minutes: float | None


def _minutes(seconds) -> float | None:
    return None if seconds is None else round(seconds / 60, 1)


def queue_stats(centre: ServiceCentre, day: datetime.date | None = None) -> list[KindStats]:
    """Today's queue per window kind, in one query."""
    day = day or today()
    rows = (
        Ticket.objects.filter(centre=centre, business_date=day)
        .values("kind")
        .annotate(
            taken=Count("id"),
            waiting=Count("id", filter=Q(status=TicketStatus.WAITING)),
            served=Count("id", filter=Q(status=TicketStatus.DONE)),
            no_show=Count("id", filter=Q(status=TicketStatus.NO_SHOW)),
            wait=Avg("wait_seconds"),
            service=Avg("service_seconds"),
        )
    )
    by_kind = {row["kind"]: row for row in rows}
    stats = []
    for kind in window_kinds(centre):
        row = by_kind.get(kind.pk, {})
        stats.append(
            KindStats(
                kind=kind,
                taken=row.get("taken", 0),
                waiting=row.get("waiting", 0),
                served=row.get("served", 0),
                no_show=row.get("no_show", 0),
                avg_wait_minutes=_minutes(row.get("wait")),
                avg_service_minutes=_minutes(row.get("service")),
            )
        )
    return stats


# --- 最多跑一次 ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OneVisitShare:
    """Matters settled in the month, and how many of them took a single trip."""

    month: datetime.date
    settled: int
    one_visit: int

    @property
    def share(self) -> float | None:
        return None if self.settled == 0 else self.one_visit / self.settled

    @property
    def percent(self) -> str:
        return "—" if self.share is None else f"{self.share * 100:.1f}%"


FORMULA = _("一次办结率 = 当月办结事项中来访次数为 1 的事项数 ÷ 当月办结事项数")


# Dates the platform reasons about; outside them date arithmetic would overflow, and nothing
# real lies there.
FIRST_YEAR, LAST_YEAR = 2000, 2100


def check_year(day: datetime.date) -> datetime.date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise DomainError(
            "invalid_date",
            _("日期须在 %(a)s 年至 %(b)s 年之间") % {"a": FIRST_YEAR, "b": LAST_YEAR},
            status=422,
        )
    return day


def parse_month(value) -> datetime.date:
    """The first day of the month named by a date or by "YYYY-MM"; DomainError otherwise."""
    if isinstance(value, datetime.date):
        return check_year(value.replace(day=1))
    try:
        parsed = datetime.datetime.strptime((value or "").strip(), "%Y-%m").date()
    except ValueError:
        raise DomainError(
            "invalid_month", _("月份格式不正确，应为 YYYY-MM，如 2026-05"), status=422
        ) from None
    return check_year(parsed)


def month_bounds(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    start = month.replace(day=1)
    end = (start + datetime.timedelta(days=32)).replace(day=1)
    tz = local_tz()
    return (
        datetime.datetime.combine(start, datetime.time.min, tzinfo=tz),
        datetime.datetime.combine(end, datetime.time.min, tzinfo=tz),
    )


def one_visit_share(centre: ServiceCentre, month) -> OneVisitShare:
    """The share of the centre's matters settled in `month` (a date in it, or "YYYY-MM") that
    took one trip: settled matters with visit_count == 1 ÷ settled matters. A matter is settled
    when it was answered on the spot or by the person on duty, or when the department's answer
    was handed over at the window or delivered to the visitor directly."""
    month = parse_month(month)
    start, end = month_bounds(month)
    totals = Matter.objects.filter(
        centre=centre, status=MatterStatus.SETTLED, settled_at__gte=start, settled_at__lt=end
    ).aggregate(settled=Count("id"), one_visit=Count("id", filter=Q(visit_count=1)))
    return OneVisitShare(month=month, settled=totals["settled"], one_visit=totals["one_visit"])


def recent_months(count: int, now=None) -> list[datetime.date]:
    month = today(now).replace(day=1)
    months = []
    for _step in range(count):
        months.append(month)
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return months


# --- matters and visits --------------------------------------------------------------------------

# Case statuses in which the department's result exists and can go back to the visitor.
RESULT_STATUSES = frozenset({CaseStatus.ANSWERED, CaseStatus.CLOSED, CaseStatus.REJECTED})


def result_case(case):
    """The case whose answer the visitor gets: their own, or the main case it was merged into."""
    if case is not None and case.status == CaseStatus.MERGED and case.merged_into_id:
        return case.merged_into
    return case


def has_result(matter: Matter) -> bool:
    case = result_case(matter.case)
    return case is not None and case.status in RESULT_STATUSES


def matters_visible_to(user) -> QuerySet:
    return Matter.objects.filter(
        scoping.region_q(user, "centre__region", CENTRE_ROLES)
    ).select_related("centre", "case", "person")


def get_matter_for(user, pk) -> Matter:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFound() from None
    return scoping.get_object_for(matters_visible_to(user), pk=pk)


def matters_of_person(user, person) -> QuerySet:
    """The person's matters at centres the user sees, those still waiting on something first."""
    return matters_visible_to(user).filter(person=person).order_by("settled_at", "-last_visit_at")


def answers_to_return(centre: ServiceCentre) -> QuerySet:
    """Matters whose answer is ready and not yet handed over or delivered."""
    return (
        Matter.objects.filter(centre=centre, status=MatterStatus.ANSWER_READY)
        .select_related("case", "person")
        .order_by("answer_notified_at")
    )


def visits_of_matter(matter: Matter) -> QuerySet:
    return matter.visits.select_related("window", "staff", "routed_to", "ticket").order_by(
        "created_at", "id"
    )


def routed_visits_for(user) -> QuerySet:
    """Visitors a clerk sent to this person on duty, not yet answered by them."""
    return (
        Visit.objects.filter(routed_to=user, duty_answered_at__isnull=True)
        .select_related("centre", "window", "routed_window", "person", "matter", "staff")
        .order_by("created_at")
    )


def get_routed_visit_for(user, pk) -> Visit:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFound() from None
    return scoping.get_object_for(
        Visit.objects.filter(routed_to=user).select_related("matter", "centre"), pk=pk
    )


def visits_today(window: Window, now=None) -> QuerySet:
    return (
        Visit.objects.filter(window=window, day=today(now))
        .select_related("matter", "person", "case")
        .order_by("-created_at")
    )


# --- the duty roster -----------------------------------------------------------------------------


def duty_on(centre: ServiceCentre, day: datetime.date) -> QuerySet:
    return (
        DutySlot.objects.filter(centre=centre, date=day)
        .select_related("window", "person")
        .order_by("half", "window__number")
    )


def roster(centre: ServiceCentre, start: datetime.date, days: int = 7) -> QuerySet:
    return (
        DutySlot.objects.filter(
            centre=centre, date__gte=start, date__lt=start + datetime.timedelta(days=days)
        )
        .select_related("window", "person")
        .order_by("date", "half", "window__number")
    )


def get_slot_for(user, pk) -> DutySlot:
    """A slot of a centre whose roster the user keeps, or the user's own slot."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFound() from None
    slots = DutySlot.objects.select_related("centre__region", "window", "person")
    keeps = scoping.region_q(user, "centre__region", ROSTER_ROLES)
    own = Q(person=user) if getattr(user, "is_authenticated", False) else Q(pk__in=[])
    return scoping.get_object_for(slots.filter(keeps | own), pk=pk)


def swaps_visible_to(user) -> QuerySet:
    swaps = DutySwap.objects.select_related(
        "slot_a__window", "slot_b__window", "person_a", "person_b", "requested_by", "decided_by"
    )
    keeps = scoping.region_q(user, "slot_a__centre__region", ROSTER_ROLES)
    if not getattr(user, "is_authenticated", False):
        return swaps.none()
    return swaps.filter(keeps | Q(person_a=user) | Q(person_b=user))


def get_swap_for(user, pk) -> DutySwap:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFound() from None
    return scoping.get_object_for(swaps_visible_to(user), pk=pk)


def pending_swaps(centre: ServiceCentre) -> QuerySet:
    return (
        DutySwap.objects.filter(slot_a__centre=centre, status=SwapStatus.REQUESTED)
        .select_related("slot_a__window", "slot_b__window", "person_a", "person_b", "requested_by")
        .order_by("requested_at")
    )


def slots_of(user, start: datetime.date, days: int = 14) -> QuerySet:
    return (
        DutySlot.objects.filter(
            person=user, date__gte=start, date__lt=start + datetime.timedelta(days=days)
        )
        .select_related("centre", "window")
        .order_by("date", "half")
    )


def legal_duty_people(centre: ServiceCentre) -> QuerySet:
    """Staff who may sit at the centre's legal windows: a legal_duty post over its region."""
    region = centre.region
    prefixes = [region.code[:n] for n in range(1, len(region.code) + 1)]
    return (
        User.objects.filter(
            is_active=True,
            posts__role=Role.LEGAL_DUTY,
            posts__is_active=True,
            posts__region__code__in=prefixes,
        )
        .distinct()
        .order_by("username")
    )
