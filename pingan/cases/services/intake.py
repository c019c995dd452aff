"""Intake: a report from any channel becomes a numbered case with a query code."""

import secrets
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.cases import clock, deadlines, duplicates, notices, selectors
from pingan.cases import photos as photo_checks
from pingan.cases.models import Case, CasePhoto, Category, Channel, Kind
from pingan.cases.services._base import event, save, text, writing
from pingan.cases.workflow import OPEN, Action, EventKind, Status
from pingan.core.errors import DomainError
from pingan.core.pii import normalize_phone
from pingan.org import scoping
from pingan.org.models import Region
from pingan.org.roles import Role

# Channels run by staff: a case taken in by them is accepted at once.
STAFF_CHANNELS = frozenset(
    {Channel.HOTLINE, Channel.WINDOW, Channel.GRID, Channel.POLICE, Channel.LETTER}
)
# Staff who may register cases on the staff channels.
INTAKE_ROLES = frozenset({Role.HOTLINE, Role.CLERK, Role.DISPATCHER, Role.GRID, Role.ADMIN})
# Channels on which the caller's number is always known, so it is required.
PHONE_REQUIRED = frozenset({Channel.HOTLINE, Channel.ONLINE})
NUMBER_ATTEMPTS = 20


def _resolve_category(category, kind: str) -> Category:
    if not isinstance(category, Category):
        code = (category or "").strip()
        category = Category.objects.filter(code=code).first() if code else None
        if category is None:
            raise DomainError(
                "unknown_category", _("未知的事项分类：%(code)s") % {"code": code}, status=422
            )
    if not category.is_active:
        raise DomainError("unknown_category", _("该事项分类已停用"), status=422)
    if not category.allows_kind(kind):
        raise DomainError(
            "kind_not_allowed",
            _("「%(category)s」不受理「%(kind)s」类诉求")
            % {"category": category.name, "kind": Kind(kind).label},
            status=422,
        )
    return category


def _resolve_region(region) -> Region:
    if not isinstance(region, Region):
        code = (region or "").strip()
        region = Region.objects.filter(code=code, is_active=True).first() if code else None
        if region is None:
            raise DomainError(
                "unknown_region", _("未知的区划代码：%(code)s") % {"code": code}, status=422
            )
    elif not region.is_active:
        raise DomainError("unknown_region", _("该区划已停用"), status=422)
    return region


def _coordinate(value, low: int, high: int, label) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite() or not low <= number <= high:
        raise DomainError("invalid_location", _("%(label)s不正确") % {"label": label}, status=422)
    return number


def _title_from(description: str) -> str:
    first_line = description.splitlines()[0].strip()
    return first_line if len(first_line) <= 30 else first_line[:29] + "…"


def _save_with_number(case: Case) -> str:
    """Give the case the next number of the day and save it; returns its query code.

    The next number is read from the last one of the day; two intakes at once may read the
    same one, and the unique index then refuses the second, which tries the next number.
    """
    prefix = "GD" + timezone.localtime(case.created_at).strftime("%Y%m%d")
    code = f"{secrets.randbelow(10**6):06d}"
    for _attempt in range(NUMBER_ATTEMPTS):
        last = (
            Case.objects.filter(number__startswith=prefix)
            .order_by("-number")
            .values_list("number", flat=True)
            .first()
        )
        case.number = f"{prefix}{int(last[len(prefix) :]) + 1 if last else 1:05d}"
        case.query_code_hash = selectors.query_code_digest(case.number, code)
        try:
            with transaction.atomic():
                case.save()
            return code
        except IntegrityError:
            case.pk = None
            continue
    raise DomainError("busy", _("系统繁忙，请稍后重试"), status=409)


def _is_intake_staff(actor) -> bool:
    return scoping.has_role(actor, *INTAKE_ROLES)


def case_create(
    *,
    actor,
    channel: str,
    kind: str,
    category: Category | str,
    region: Region | str,
    description: str,
    reporter_phone: str = "",
    reporter_name: str = "",
    anonymous: bool = False,
    urgent: bool = False,
    address: str = "",
    latitude=None,
    longitude=None,
    photos: tuple = (),
    title: str = "",
    auto_accept: bool | None = None,
) -> tuple[Case, str]:
    """Register a report and return (case, query code). Everything is checked before anything
    is written, so bad input changes nothing.

    Staff channels need an intake post (hotline, clerk, dispatcher, grid, admin); their cases
    are accepted at once when the staff member's jurisdiction covers the region (auto_accept
    may say otherwise). Online reports come from citizens, signed in or not, and start new.
    The reporter gets the number and query code by SMS.
    """
    channel = (channel or "").strip()
    kind = (kind or "").strip()
    if channel not in Channel.values:
        raise DomainError(
            "unknown_channel", _("未知的来源渠道：%(v)s") % {"v": channel}, status=422
        )
    if kind not in Kind.values:
        raise DomainError("unknown_kind", _("未知的诉求类型：%(v)s") % {"v": kind}, status=422)
    signed_in = bool(getattr(actor, "is_authenticated", False))
    staff = signed_in and _is_intake_staff(actor)
    if channel in STAFF_CHANNELS and not staff:
        raise DomainError(
            "forbidden",
            _("只有受理人员可以登记「%(c)s」渠道的工单") % {"c": Channel(channel).label},
            status=403,
        )
    if urgent and not staff:
        raise DomainError("urgent_not_allowed", _("紧急程度由工作人员判定"), status=422)
    category = _resolve_category(category, kind)
    region = _resolve_region(region)
    description = text(
        description, required=True, code="empty_description", message=_("请填写问题描述")
    )
    title = text(title, required=False, code="", message="", limit=100) or _title_from(description)
    address = text(address, required=False, code="", message="", limit=200)
    reporter_name = text(reporter_name, required=False, code="", message="", limit=60)
    reporter = actor if signed_in and not staff else None
    if reporter is not None:
        reporter_phone = reporter_phone or reporter.phone
        reporter_name = reporter_name or reporter.name
    reporter_phone = (reporter_phone or "").strip()
    if reporter_phone:
        try:
            reporter_phone = normalize_phone(reporter_phone)
        except DomainError as exc:
            raise DomainError(exc.code, exc.message, status=422) from exc
    elif channel in PHONE_REQUIRED:
        raise DomainError("invalid_phone", _("请填写反映人手机号码"), status=422)
    latitude = _coordinate(latitude, -90, 90, _("纬度"))
    longitude = _coordinate(longitude, -180, 180, _("经度"))
    checked_photos = photo_checks.check_photos(photos)

    now = clock.now()
    if auto_accept is None:
        auto_accept = channel in STAFF_CHANNELS and scoping.covers(actor, region, INTAKE_ROLES)
    elif auto_accept and not scoping.covers(actor, region, INTAKE_ROLES):
        raise DomainError("forbidden", _("该区划不在您的辖区内，不能直接受理"), status=403)

    with writing(actor if signed_in else None):
        case = Case(
            channel=channel,
            kind=kind,
            category=category,
            region=region,
            address=address,
            latitude=latitude,
            longitude=longitude,
            title=title,
            description=description,
            urgent=urgent,
            reporter=reporter,
            reporter_name=reporter_name,
            reporter_phone=reporter_phone,
            anonymous=bool(anonymous),
            created_by=actor if signed_in else None,
            created_at=now,
        )
        query_code = _save_with_number(case)
        duplicates.index_case(case)  # assist: the duplicate search's entry (cases.duplicates)
        actor_or_none = actor if signed_in else None
        event(
            case,
            EventKind.CREATE,
            actor=actor_or_none,
            to_status=Status.NEW,
            data={"channel": channel},
        )
        _store_photos(case, checked_photos, actor_or_none, now)
        if kind == Kind.HAZARD:
            # A reported hazard also lands in the hazards list (issue 6), in this transaction.
            from pingan.hazards.services import hazard_from_case

            hazard_from_case(case=case)
        if auto_accept:
            deadlines.start_answer_clock(case, now)
            case.accepted_at = now
            case.status = Status.ACCEPTED
            save(case, "status", "accepted_at", *deadlines.ANSWER_CLOCK_FIELDS, bump=False)
            event(
                case,
                Action.ACCEPT,
                actor=actor_or_none,
                from_status=Status.NEW,
                to_status=Status.ACCEPTED,
            )
        notices.received(case, query_code)
    return case, query_code


def _store_photos(case: Case, checked, actor, now) -> list[CasePhoto]:
    stored = []
    for photo in checked:
        row = CasePhoto(
            case=case,
            stored_name=photo_checks.stored_name(photo),
            content_type=photo.content_type,
            size=photo.size,
            uploaded_by=actor,
            created_at=now,
        )
        row.file.save(row.stored_name, photo.upload, save=False)
        row.save()
        stored.append(row)
    return stored


def case_add_photos(*, case: Case, actor, photos: tuple) -> list[CasePhoto]:
    """Attach photos to an open case: its reporter or staff who can see it."""
    with writing(actor):
        locked = selectors.get_case_for(actor, case.pk, write=True)
        if locked.status not in OPEN:
            raise DomainError("case_finished", _("该工单已办结，不能再上传照片"), status=409)
        checked = photo_checks.check_photos(photos, already=locked.photos.count())
        stored = _store_photos(locked, checked, actor, clock.now())
        event(locked, EventKind.PHOTO, actor=actor, data={"count": len(stored)})
    return stored
