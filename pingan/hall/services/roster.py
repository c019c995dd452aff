"""The 三官一师 duty roster: slots, recurring patterns, removals and swaps.

The roster is kept by the centre's clerks and admins. Whoever sits at a legal-service window
holds a legal_duty post over the centre's region (a judge of the court, a prosecutor, a police
officer, a lawyer of a law firm). Nobody sits in two places in the same half-day, and a window
has one person per half-day: a clash is refused with a message naming it, and nothing changes.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.core import workcalendar
from pingan.core.errors import DomainError
from pingan.hall import selectors, workflow
from pingan.hall.models import DutyPattern, DutySlot, DutySwap, HalfDay, Profession, Window
from pingan.hall.services._base import text, writing
from pingan.hall.workflow import SwapStatus
from pingan.org import scoping
from pingan.org.models import Department
from pingan.org.roles import Role

# A pattern covers at most a year, and nothing is planned further ahead than that: a longer
# span is a typo more often than a plan.
MAX_PATTERN_DAYS = 366
MAX_DAYS_AHEAD = 400
SHOWN_CONFLICTS = 5

TITLE_PROFESSION = {
    "法官": Profession.JUDGE,
    "检察官": Profession.PROSECUTOR,
    "警官": Profession.POLICE,
    "民警": Profession.POLICE,
    "律师": Profession.LAWYER,
}
DEPARTMENT_PROFESSION = {
    Department.Kind.COURT: Profession.JUDGE,
    Department.Kind.PROCURATORATE: Profession.PROSECUTOR,
    Department.Kind.PUBLIC_SECURITY: Profession.POLICE,
    Department.Kind.POLICE_STATION: Profession.POLICE,
    Department.Kind.LAW_FIRM: Profession.LAWYER,
}


def _duty_posts(person, centre):
    return [
        post
        for post in scoping.posts_of(person, [Role.LEGAL_DUTY])
        if centre.region.code.startswith(post.region.code)
    ]


def profession_of(person, centre) -> str | None:
    """The profession of the person's legal_duty post over the centre: from the post's title
    (法官, 检察官, 警官, 律师), else from its department (court, procuratorate, police, law
    firm)."""
    for post in _duty_posts(person, centre):
        for title, profession in TITLE_PROFESSION.items():
            if title in post.title:
                return profession
        if post.department_id and post.department.kind in DEPARTMENT_PROFESSION:
            return DEPARTMENT_PROFESSION[post.department.kind]
    return None


def _check_person(person, centre, profession: str) -> str:
    if person is None or not person.is_active or not _duty_posts(person, centre):
        raise DomainError(
            "not_legal_duty",
            _("%(name)s 不是本中心辖区的「三官一师」值班人员")
            % {"name": getattr(person, "display_name", "—")},
            status=422,
        )
    if profession:
        if profession not in Profession.values:
            raise DomainError("invalid_profession", _("身份不正确"), status=422)
        return profession
    found = profession_of(person, centre)
    if found is None:
        raise DomainError("profession_required", _("请选择值班人员的身份"), status=422)
    return found


def _require_keeper(actor, centre) -> None:
    if not scoping.covers(actor, centre.region, selectors.ROSTER_ROLES):
        raise DomainError("forbidden", _("只有本中心的窗口人员或管理员可以安排值班"), status=403)


def _check_window(window: Window) -> None:
    if not window.is_active or not window.kind.is_legal:
        raise DomainError("not_legal_window", _("值班只能安排在启用的法律服务窗口"), status=422)


def _check_half(half: str) -> None:
    if half not in HalfDay.values:
        raise DomainError("invalid_half", _("时段须为上午或下午"), status=422)


def _check_not_past(day: datetime.date) -> None:
    today = selectors.today()
    if day < today:
        raise DomainError("past_date", _("不能安排或调整过去日期的值班"), status=422)
    if (day - today).days > MAX_DAYS_AHEAD:
        raise DomainError("too_far_ahead", _("值班最多提前一年安排"), status=422)


def _when(day: datetime.date, half: str) -> str:
    return f"{day:%Y-%m-%d}{HalfDay(half).label}"


def _check_free(person, window, day, half, *, exclude=()) -> None:
    clash = (
        DutySlot.objects.filter(person=person, date=day, half=half)
        .exclude(pk__in=exclude)
        .select_related("window__centre")
        .first()
    )
    if clash is not None:
        raise DomainError(
            "person_busy",
            _("%(name)s %(when)s 已在「%(place)s」值班")
            % {
                "name": person.display_name,
                "when": _when(day, half),
                "place": f"{clash.window.centre.name} {clash.window.name}",
            },
            status=409,
        )
    taken = (
        DutySlot.objects.filter(window=window, date=day, half=half)
        .exclude(pk__in=exclude)
        .select_related("person")
        .first()
    )
    if taken is not None:
        raise DomainError(
            "slot_taken",
            _("「%(window)s」%(when)s 已由 %(name)s 值班")
            % {"window": window.name, "when": _when(day, half), "name": taken.person.display_name},
            status=409,
        )


def _save_slot(slot: DutySlot) -> DutySlot:
    try:
        with transaction.atomic():
            slot.save()
    except IntegrityError as exc:
        # Someone else took the person or the window a moment ago.
        raise DomainError("slot_taken", _("该时段刚被安排，请刷新后重试"), status=409) from exc
    return slot


def slot_create(
    *, actor, window: Window, date: datetime.date, half: str, person, profession: str = ""
) -> DutySlot:
    centre = window.centre
    _require_keeper(actor, centre)
    _check_window(window)
    _check_half(half)
    _check_not_past(date)
    profession = _check_person(person, centre, profession)
    with writing(actor):
        _check_free(person, window, date, half)
        return _save_slot(
            DutySlot(
                centre=centre,
                window=window,
                date=date,
                half=half,
                person=person,
                profession=profession,
                created_by=actor,
            )
        )


def pattern_create(
    *,
    actor,
    window: Window,
    person,
    weekday: int,
    half: str,
    start_date: datetime.date,
    end_date: datetime.date,
    profession: str = "",
) -> DutyPattern:
    """A recurring duty, expanded into one slot per matching working day of the range. Any clash
    refuses the whole pattern, naming the dates, so that a roster is never half-made."""
    centre = window.centre
    _require_keeper(actor, centre)
    _check_window(window)
    _check_half(half)
    if weekday not in range(7):
        raise DomainError("invalid_weekday", _("星期不正确"), status=422)
    if end_date < start_date:
        raise DomainError("invalid_range", _("结束日期不能早于开始日期"), status=422)
    if (end_date - start_date).days > MAX_PATTERN_DAYS:
        raise DomainError("range_too_long", _("固定值班最长安排一年"), status=422)
    _check_not_past(start_date)
    _check_not_past(end_date)
    profession = _check_person(person, centre, profession)
    first = start_date + datetime.timedelta(days=(weekday - start_date.weekday()) % 7)
    days = []
    day = first
    while day <= end_date:
        # A holiday Tuesday is not a duty day; an official make-up working day is not a
        # Tuesday, so it is left to a single slot.
        if workcalendar.is_workday(day):
            days.append(day)
        day += datetime.timedelta(days=7)
    if not days:
        raise DomainError("pattern_empty", _("该日期范围内没有符合条件的工作日"), status=422)
    with writing(actor):
        conflicts = []
        for day in days:
            try:
                _check_free(person, window, day, half)
            except DomainError as exc:
                conflicts.append(str(exc.message))
        if conflicts:
            shown = "；".join(conflicts[:SHOWN_CONFLICTS])
            more = len(conflicts) - SHOWN_CONFLICTS
            if more > 0:
                shown += str(_("；另有 %(n)s 处冲突") % {"n": more})
            raise DomainError(
                "pattern_conflict",
                _("以下时段有冲突，未做任何安排：%(list)s") % {"list": shown},
                status=409,
            )
        pattern = DutyPattern.objects.create(
            centre=centre,
            window=window,
            person=person,
            profession=profession,
            weekday=weekday,
            half=half,
            start_date=start_date,
            end_date=end_date,
            created_by=actor,
        )
        for day in days:
            _save_slot(
                DutySlot(
                    centre=centre,
                    window=window,
                    date=day,
                    half=half,
                    person=person,
                    profession=profession,
                    pattern=pattern,
                    created_by=actor,
                )
            )
    return pattern


def slot_remove(*, actor, slot: DutySlot) -> None:
    _require_keeper(actor, slot.centre)
    _check_not_past(slot.date)
    with writing(actor):
        slot = DutySlot.objects.select_for_update().get(pk=slot.pk)
        if (
            DutySwap.objects.filter(slot_a=slot).exists()
            or DutySwap.objects.filter(slot_b=slot).exists()
        ):
            raise DomainError(
                "slot_has_swaps", _("该班次有换班记录，不能删除；可再次换班调整"), status=409
            )
        slot.delete()


def _involved(actor, *slots) -> bool:
    return any(slot.person_id == getattr(actor, "pk", None) for slot in slots)


def swap_request(*, actor, slot: DutySlot, other: DutySlot, reason: str) -> DutySwap:
    """Ask to exchange the people of two slots: one of the two asks, or a clerk for them."""
    reason = text(
        reason, required=True, code="reason_required", message=_("请填写换班原因"), limit=200
    )
    if other is None or slot.pk == other.pk:
        raise DomainError("swap_same_slot", _("请选择另一个班次"), status=422)
    if slot.centre_id != other.centre_id:
        raise DomainError("swap_other_centre", _("只能与本中心的班次互换"), status=422)
    if slot.person_id == other.person_id:
        raise DomainError("swap_same_person", _("两个班次是同一人，无需换班"), status=422)
    if (slot.date, slot.half) == (other.date, other.half):
        raise DomainError("swap_same_time", _("同一时段的两个班次无需换班"), status=422)
    if not _involved(actor, slot, other) and not scoping.covers(
        actor, slot.centre.region, selectors.ROSTER_ROLES
    ):
        raise DomainError("forbidden", _("只有换班双方或本中心窗口人员可以申请换班"), status=403)
    _check_not_past(slot.date)
    _check_not_past(other.date)
    with writing(actor):
        pending = DutySwap.objects.filter(status=SwapStatus.REQUESTED).filter(
            slot_a__in=[slot, other]
        ) | DutySwap.objects.filter(status=SwapStatus.REQUESTED, slot_b__in=[slot, other])
        if pending.exists():
            raise DomainError("swap_pending", _("该班次已有待审批的换班申请"), status=409)
        _check_free(other.person, slot.window, slot.date, slot.half, exclude=[slot.pk, other.pk])
        _check_free(slot.person, other.window, other.date, other.half, exclude=[slot.pk, other.pk])
        return DutySwap.objects.create(
            slot_a=slot,
            slot_b=other,
            person_a=slot.person,
            person_b=other.person,
            reason=reason,
            requested_by=actor,
            requested_at=timezone.now(),
        )


def swap_decide(*, actor, swap: DutySwap, approve: bool, note: str = "") -> DutySwap:
    """A clerk or admin of the centre approves (the two slots exchange their people) or
    refuses the swap; both are recorded with who decided."""
    note = text(note, required=False, limit=200)
    with writing(actor):
        swap = DutySwap.objects.select_for_update().get(pk=swap.pk)
        slots = {
            s.pk: s
            for s in DutySlot.objects.select_for_update(of=("self",))
            .select_related("centre__region", "window__centre", "person")
            .filter(pk__in=[swap.slot_a_id, swap.slot_b_id])
            .order_by("pk")
        }
        a, b = slots[swap.slot_a_id], slots[swap.slot_b_id]
        _require_keeper(actor, a.centre)
        workflow.check_swap("approve" if approve else "reject", swap)
        now = timezone.now()
        swap.decided_by = actor
        swap.decided_at = now
        swap.decision_note = note
        if not approve:
            swap.status = SwapStatus.REJECTED
            swap.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
            return swap
        if a.person_id != swap.person_a_id or b.person_id != swap.person_b_id:
            raise DomainError("swap_stale", _("班次已有变动，该换班申请已失效"), status=409)
        _check_not_past(a.date)
        _check_not_past(b.date)
        _check_free(b.person, a.window, a.date, a.half, exclude=[a.pk, b.pk])
        _check_free(a.person, b.window, b.date, b.half, exclude=[a.pk, b.pk])
        # Each person takes their own profession along to the other slot.
        (a.person, a.profession), (b.person, b.profession) = (
            (b.person, b.profession),
            (a.person, a.profession),
        )
        a.save(update_fields=["person", "profession"])
        b.save(update_fields=["person", "profession"])
        swap.status = SwapStatus.APPROVED
        swap.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    return swap
