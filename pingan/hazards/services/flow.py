"""The hazard's transitions: fixed on the spot, rectification ordered, re-inspection asked,
passed or failed, 销号, dismissed; and the side action 挂牌督办."""

from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError
from pingan.core.pii import normalize_phone
from pingan.hazards import clock, deadlines, notices
from pingan.hazards import photos as photo_checks
from pingan.hazards.models import Hazard, PhotoStage
from pingan.hazards.services._base import event, grade_of, lock_for, move, text, writing
from pingan.hazards.services.record import place_for
from pingan.hazards.workflow import Action, EventKind, Grade


def _phone(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    try:
        return normalize_phone(value)
    except DomainError as exc:
        raise DomainError("invalid_phone", _("责任人电话不正确"), status=422) from exc


def _place_in_town(actor, place, hazard: Hazard):
    found = place_for(actor, place)
    if not found.region.code.startswith(hazard.region.code[:9]):
        raise DomainError("place_elsewhere", _("所选场所不在隐患所在的镇街"), status=422)
    return found


def _photos(hazard: Hazard, uploads):
    return photo_checks.check_photos(uploads, already=hazard.photos.count() if uploads else 0)


def hazard_fix_on_spot(*, hazard: Hazard, actor, note: str, photos: tuple = ()) -> Hazard:
    """立行立改: a 一般 hazard put right while the inspector is there; it is closed (销号) at
    once, with what was done and, ideally, a photo of the result."""
    note = text(note, required=True, code="note_required", message=_("请填写现场整改情况"))
    checked = _photos(hazard, photos)
    with writing(actor):
        hazard = lock_for(Action.FIX_ON_SPOT, hazard, actor)
        now = clock.now()
        hazard.grade = Grade.GENERAL
        hazard.fixed_on_spot = True
        hazard.closed_at = now
        hazard.closed_by = actor
        photo_checks.store(hazard, checked, stage=PhotoStage.RECTIFIED, actor=actor, now=now)
        move(
            hazard,
            Action.FIX_ON_SPOT,
            "grade",
            "fixed_on_spot",
            "closed_at",
            "closed_by",
            actor=actor,
            note=note,
            data={"photos": len(checked)},
        )
    return hazard


def hazard_order(
    *,
    hazard: Hazard,
    actor,
    grade: str,
    due_on,
    requirements: str,
    plan: str = "",
    responsible_name: str = "",
    responsible_phone: str = "",
    place=None,
) -> Hazard:
    """Grade the hazard and order its rectification by a deadline. A 重大 hazard needs a
    rectification plan. The responsible contact (by default the place's) is told by SMS.

    A hazard reported as a work order arrives without a place; `place` ties it to the register
    (a place of the same town, within the actor's jurisdiction) and brings its contact."""
    grade = grade_of(grade, required=True)
    requirements = text(
        requirements, required=True, code="requirements_required", message=_("请填写整改要求")
    )
    plan = text(
        plan,
        required=grade == Grade.MAJOR,
        code="plan_required",
        message=_("重大隐患须制定整改方案（措施、责任、资金、时限、预案）"),
    )
    responsible_name = text(responsible_name, required=False, limit=60)
    responsible_phone = _phone(responsible_phone)
    now = clock.now()
    due_at = deadlines.due_from(due_on, now)
    with writing(actor):
        hazard = lock_for(Action.ORDER, hazard, actor)
        if place not in (None, "") and hazard.place_id is None:
            hazard.place = _place_in_town(actor, place, hazard)
            hazard.responsible_name = hazard.place.contact_name or hazard.place.owner
            hazard.responsible_phone = hazard.place.contact_phone
        hazard.grade = grade
        hazard.requirements = requirements
        hazard.plan = plan
        if responsible_name:
            hazard.responsible_name = responsible_name
        if responsible_phone:
            hazard.responsible_phone = responsible_phone
        hazard.inspector = actor
        hazard.ordered_at = now
        hazard.due_at = due_at
        move(
            hazard,
            Action.ORDER,
            "grade",
            "requirements",
            "plan",
            "responsible_name",
            "responsible_phone",
            "responsible_phone_index",
            "inspector",
            "ordered_at",
            "due_at",
            "place",
            actor=actor,
            note=requirements,
            data={
                "grade": grade,
                "due_at": due_at.isoformat(),
                "place": hazard.place.name if hazard.place_id else "",
            },
        )
        notices.send(hazard, "hazard_order", [hazard.responsible_phone], key="order")
    return hazard


def hazard_request_review(*, hazard: Hazard, actor, note: str, photos: tuple = ()) -> Hazard:
    """The place reports the rectification done (recorded by its inspector or grid worker, with
    photos of the result); an inspector must now come and check."""
    note = text(note, required=True, code="note_required", message=_("请填写整改完成情况"))
    checked = _photos(hazard, photos)
    with writing(actor):
        hazard = lock_for(Action.REQUEST_REVIEW, hazard, actor)
        now = clock.now()
        hazard.review_requested_at = now
        photo_checks.store(hazard, checked, stage=PhotoStage.RECTIFIED, actor=actor, now=now)
        move(
            hazard,
            Action.REQUEST_REVIEW,
            "review_requested_at",
            actor=actor,
            note=note,
            data={"photos": len(checked), "late": bool(hazard.due_at and now > hazard.due_at)},
        )
    return hazard


def hazard_pass(*, hazard: Hazard, actor, note: str = "", photos: tuple = ()) -> Hazard:
    """The re-inspection found the hazard rectified; it waits for 销号."""
    note = text(note, required=False)
    checked = _photos(hazard, photos)
    with writing(actor):
        hazard = lock_for(Action.PASS, hazard, actor)
        now = clock.now()
        hazard.reinspected_at = now
        hazard.reinspections += 1
        photo_checks.store(hazard, checked, stage=PhotoStage.REINSPECTED, actor=actor, now=now)
        move(
            hazard,
            Action.PASS,
            "reinspected_at",
            "reinspections",
            actor=actor,
            note=note,
            data={"photos": len(checked)},
        )
    return hazard


def hazard_fail(*, hazard: Hazard, actor, reason: str, due_on=None, photos: tuple = ()) -> Hazard:
    """The re-inspection found it not rectified: back to rectifying. A new deadline may be set
    (and must be, when the old one has passed); it gets its own warning and escalation."""
    reason = text(
        reason, required=True, code="reason_required", message=_("请填写复查不合格的原因")
    )
    checked = _photos(hazard, photos)
    now = clock.now()
    new_due = deadlines.due_from(due_on, now) if due_on not in (None, "") else None
    with writing(actor):
        hazard = lock_for(Action.FAIL, hazard, actor)
        if new_due is None and (hazard.due_at is None or hazard.due_at <= now):
            raise DomainError("due_required", _("原整改期限已过，请重新确定整改期限"), status=422)
        old_due = hazard.due_at
        fields = ["reinspected_at", "reinspections"]
        hazard.reinspected_at = now
        hazard.reinspections += 1
        if new_due is not None:
            hazard.due_at = new_due
            hazard.ordered_at = now
            hazard.warned_at = None
            hazard.escalated_at = None
            fields += ["due_at", "ordered_at", "warned_at", "escalated_at"]
        photo_checks.store(hazard, checked, stage=PhotoStage.REINSPECTED, actor=actor, now=now)
        move(
            hazard,
            Action.FAIL,
            *fields,
            actor=actor,
            note=reason,
            data={
                "from_due_at": old_due.isoformat() if old_due else "",
                "due_at": hazard.due_at.isoformat(),
                "photos": len(checked),
            },
        )
        notices.send(
            hazard,
            "hazard_reinspect_failed",
            [hazard.responsible_phone],
            key=f"fail-{hazard.reinspections}",
        )
    return hazard


def hazard_close(*, hazard: Hazard, actor, note: str = "") -> Hazard:
    """销号. A 重大 hazard is closed by a leader (the guard's table says so), not the inspector."""
    note = text(note, required=False)
    with writing(actor):
        hazard = lock_for(Action.CLOSE, hazard, actor)
        hazard.closed_at = clock.now()
        hazard.closed_by = actor
        move(hazard, Action.CLOSE, "closed_at", "closed_by", actor=actor, note=note)
    return hazard


def hazard_dismiss(*, hazard: Hazard, actor, reason: str) -> Hazard:
    """Looked into, not a hazard (e.g. a report that did not hold up); the reason is kept."""
    reason = text(reason, required=True, code="reason_required", message=_("请填写不予认定的理由"))
    with writing(actor):
        hazard = lock_for(Action.DISMISS, hazard, actor)
        move(hazard, Action.DISMISS, actor=actor, note=reason)
    return hazard


def hazard_supervise(*, hazard: Hazard, actor, note: str) -> Hazard:
    """挂牌督办: a leader takes a 重大 hazard under listed supervision, with what is demanded.
    The status stays; the hazard appears on the leaders' board and only a leader may close it."""
    note = text(note, required=True, code="note_required", message=_("请填写督办要求"))
    with writing(actor):
        hazard = lock_for(Action.SUPERVISE, hazard, actor)
        hazard.supervised_at = clock.now()
        hazard.supervised_by = actor
        hazard.supervision_note = note
        hazard.save(
            update_fields=["supervised_at", "supervised_by", "supervision_note", "updated_at"]
        )
        event(hazard, EventKind.SUPERVISE, actor=actor, note=note)
    return hazard
