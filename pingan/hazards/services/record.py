"""Recording: inspections with their checklist, hazards found during them or on patrol, and
hazards reported as work orders (cases of kind `hazard`)."""

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError
from pingan.hazards import clock
from pingan.hazards import photos as photo_checks
from pingan.hazards.models import (
    ChecklistItem,
    Hazard,
    Inspection,
    InspectionResult,
    PhotoStage,
    Result,
    Source,
)
from pingan.hazards.services._base import event, grade_of, save_numbered, text, writing
from pingan.hazards.workflow import RECORD_ROLES, EventKind, Status
from pingan.org import scoping
from pingan.org.roles import Role
from pingan.places import selectors as place_selectors


def place_for(actor, place):
    """The place, re-read within the actor's jurisdiction (404 outside it), and active."""
    pk = getattr(place, "pk", place)
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise DomainError("unknown_place", _("请选择登记在册的场所"), status=422) from None
    found = place_selectors.places_visible_to(actor).filter(pk=pk).first()
    if found is None:
        raise DomainError("unknown_place", _("场所不存在或不在您的辖区内"), status=422)
    if not found.is_active:
        raise DomainError("place_inactive", _("该场所已注销，不能再检查"), status=422)
    return found


def checklist_for(kind: str) -> list[ChecklistItem]:
    return list(ChecklistItem.objects.filter(kind=kind, is_active=True))


def inspection_record(
    *,
    actor,
    place,
    results: dict,
    note: str = "",
    inspected_at: datetime | None = None,
) -> Inspection:
    """Record an inspection of `place`. `results` maps each active checklist item of the place's
    kind (by id) to `(result, note)`; every item needs a result, and nothing else is accepted."""
    place = place_for(actor, place)
    if not scoping.can_act(actor, Role.INSPECTOR, place.region):
        raise DomainError("forbidden", _("只有本辖区的检查员可以登记场所检查"), status=403)
    note = text(note, required=False)
    now = clock.now()
    inspected_at = inspected_at or now
    if inspected_at > now:
        raise DomainError("future_time", _("检查时间不能晚于现在"), status=422)
    items = checklist_for(place.kind)
    if not items:
        raise DomainError(
            "no_checklist",
            _("「%(kind)s」类场所尚未配置检查表，请联系管理员")
            % {"kind": place.get_kind_display()},
            status=422,
        )
    given = {}
    for key, value in (results or {}).items():
        try:
            given[int(key)] = value
        except (TypeError, ValueError):
            raise DomainError("unknown_item", _("未知的检查项"), status=422) from None
    known = {item.pk for item in items}
    if set(given) - known:
        raise DomainError("unknown_item", _("检查项不属于该类场所的检查表"), status=422)
    rows = []
    for item in items:
        result, item_note = given.get(item.pk, ("", ""))
        if result not in Result.values:
            raise DomainError(
                "result_required",
                _("请填写检查项「%(item)s」的结果") % {"item": item.text},
                status=422,
            )
        item_note = text(item_note, required=False, limit=300)
        rows.append((item, result, item_note))
    with writing(actor):
        inspection = Inspection.objects.create(
            place=place, region=place.region, inspector=actor, inspected_at=inspected_at, note=note
        )
        InspectionResult.objects.bulk_create(
            InspectionResult(
                inspection=inspection,
                item=item,
                item_text=item.text,
                position=item.position,
                result=result,
                note=item_note,
            )
            for item, result, item_note in rows
        )
    return inspection


def hazard_record(
    *,
    actor,
    place,
    title: str,
    description: str,
    grade: str = "",
    location: str = "",
    inspection: Inspection | None = None,
    checklist_result: int | None = None,
    photos: tuple = (),
) -> Hazard:
    """Record a hazard found at a place, during an inspection or on patrol. The grade may be
    judged on the spot or later, when the rectification is ordered. Everything is checked
    before anything is written, so bad input (a bad photo, an unknown place) changes nothing."""
    place = place_for(actor, place)
    if not any(scoping.can_act(actor, role, place.region) for role in RECORD_ROLES):
        raise DomainError("forbidden", _("只有本辖区的检查员或网格员可以登记隐患"), status=403)
    title = text(
        title, required=True, code="title_required", message=_("请填写隐患名称"), limit=100
    )
    description = text(
        description, required=True, code="description_required", message=_("请填写隐患描述")
    )
    location = text(location, required=False, limit=200)
    grade = grade_of(grade, required=False)
    result_row = None
    if inspection is not None:
        if inspection.place_id != place.pk:
            raise DomainError("wrong_inspection", _("该检查不是对本场所的检查"), status=422)
        if checklist_result:
            result_row = inspection.results.filter(pk=checklist_result).first()
            if result_row is None:
                raise DomainError("unknown_item", _("检查项不属于本次检查"), status=422)
    checked = photo_checks.check_photos(photos)
    now = clock.now()
    with writing(actor):
        hazard = Hazard(
            status=Status.FOUND,
            grade=grade,
            source=Source.INSPECTION if inspection is not None else Source.PATROL,
            place=place,
            region=place.region,
            inspection=inspection,
            checklist_result=result_row,
            title=title,
            description=description,
            location=location or place.address,
            found_at=now,
            found_by=actor,
            responsible_name=place.contact_name or place.owner,
            responsible_phone=place.contact_phone,
        )
        save_numbered(hazard)
        photo_checks.store(hazard, checked, stage=PhotoStage.FOUND, actor=actor, now=now)
        event(
            hazard,
            EventKind.CREATE,
            actor=actor,
            to_status=Status.FOUND,
            data={"source": hazard.source, "grade": grade, "photos": len(checked)},
        )
    return hazard


def hazard_from_case(*, case) -> Hazard:
    """A work order of kind `hazard` (a citizen's report, a grid worker's) lands in the hazards
    list as a hazard to deal with. Called by the intake service inside its own transaction, which
    has already checked who may report; idempotent per case."""
    existing = Hazard.objects.filter(case=case).first()
    if existing is not None:
        return existing
    hazard = Hazard(
        status=Status.FOUND,
        source=Source.CASE,
        region=case.region,
        case=case,
        title=case.title[:100],
        description=case.description,
        location=case.address,
        found_at=case.created_at,
        found_by=case.created_by,
    )
    save_numbered(hazard)
    event(
        hazard,
        EventKind.CREATE,
        actor=case.created_by,
        to_status=Status.FOUND,
        data={"source": Source.CASE, "case": case.number, "channel": case.channel},
        at=case.created_at,
    )
    return hazard
