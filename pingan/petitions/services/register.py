"""Registration: a petition is attached to a work order of kind "petition" (made by the hall, the
hotline or online intake through cases.case_create), or registered directly by staff, which
makes the work order first. Everything is checked before anything is written, and a refusal
rolls back what was written on the way (people registered, the work order made)."""

from collections.abc import Mapping, Sequence

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.cases import clock
from pingan.cases import selectors as case_selectors
from pingan.cases.models import Case, Channel, Kind
from pingan.cases.services import case_align_due, case_create
from pingan.cases.workflow import Status as CaseStatus
from pingan.core.errors import Conflict, DomainError
from pingan.org import scoping
from pingan.org.models import Region, User
from pingan.org.roles import Role
from pingan.people.models import Person
from pingan.people.services import person_register
from pingan.petitions import deadlines, selectors
from pingan.petitions.models import Petition, Petitioner
from pingan.petitions.services._base import event, text, writing
from pingan.petitions.workflow import EventKind, Status

# How petitions arrive (信访形式): visits at a window, letters, online, and phone calls.
PETITION_CHANNELS = frozenset({Channel.WINDOW, Channel.LETTER, Channel.ONLINE, Channel.HOTLINE})
# A collective visit elects at most five representatives, but a letter may carry many names.
MAX_PETITIONERS = 50
MAX_HEADCOUNT = 100_000
NUMBER_ATTEMPTS = 20


def _row_error(index: int, exc: DomainError) -> DomainError:
    return DomainError(
        exc.code,
        _("第%(n)s位信访人：%(message)s") % {"n": index, "message": exc.message},
        status=422,
    )


def _resolve_persons(petitioners, actor) -> list[Person]:
    """Person records for the petitioners: given as Person rows, or as {name, phone,
    id_number, address} found again by ID number or phone, else registered."""
    if isinstance(petitioners, (str, bytes, Mapping)) or not isinstance(petitioners, Sequence):
        raise DomainError("invalid_petitioners", _("信访人格式不正确"), status=422)
    if not petitioners:
        raise DomainError("petitioners_required", _("请至少登记一名信访人"), status=422)
    if len(petitioners) > MAX_PETITIONERS:
        raise DomainError(
            "too_many_petitioners",
            _("一次最多登记%(n)s名信访人（代表），其余人数填在“信访人数”中")
            % {"n": MAX_PETITIONERS},
            status=422,
        )
    persons: dict[int, Person] = {}
    for index, item in enumerate(petitioners, start=1):
        if isinstance(item, Person) and item.pk is not None:
            person = item
        elif isinstance(item, Mapping):
            fields = {}
            for key in ("name", "phone", "id_number", "address"):
                value = item.get(key) or ""
                if not isinstance(value, str):
                    raise _row_error(index, DomainError("invalid_petitioner", _("格式不正确")))
                fields[key] = value.strip()
            try:
                person = person_register(actor=actor, **fields)
            except DomainError as exc:
                raise _row_error(index, exc) from exc
        else:
            raise _row_error(index, DomainError("invalid_petitioner", _("格式不正确")))
        persons.setdefault(person.pk, person)
    return list(persons.values())


def _headcount(value, registered: int) -> int:
    if value is None or value == "":
        return registered
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainError("invalid_headcount", _("信访人数须为整数"), status=422)
    if value < registered:
        raise DomainError(
            "invalid_headcount",
            _("信访人数（%(count)s）不能少于已登记的信访人（%(n)s人）")
            % {"count": value, "n": registered},
            status=422,
        )
    if value > MAX_HEADCOUNT:
        raise DomainError("invalid_headcount", _("信访人数过大"), status=422)
    return value


def check_leader(leader, region: Region) -> User | None:
    """A responsible leader (包案领导) holds a leader post over the matter's region."""
    if leader is None:
        return None
    if not isinstance(leader, User) or not leader.is_active:
        raise DomainError("invalid_leader", _("包案领导不存在或已停用"), status=422)
    if not scoping.covers(leader, region, [Role.LEADER]):
        raise DomainError(
            "invalid_leader",
            _("%(name)s不是%(region)s的领导岗位人员，不能担任包案领导")
            % {"name": leader.display_name, "region": region.name},
            status=422,
        )
    return leader


def _intake_region(value, actor, region: Region) -> Region:
    if value is None or value == "":
        return selectors.default_intake_region(actor, region)
    if not isinstance(value, Region):
        code = value.strip() if isinstance(value, str) else ""
        value = Region.objects.filter(code=code, is_active=True).first() if code else None
    if value is None or not value.is_active:
        raise DomainError("unknown_region", _("未知的受理地"), status=422)
    if value.level not in (Region.Level.CITY, Region.Level.TOWN):
        raise DomainError("invalid_intake_region", _("受理地只能是市或镇（街道）"), status=422)
    return value


def _date(moment) -> str:
    local = timezone.localtime(moment)
    return f"{local.year}年{local.month}月{local.day}日"


def final_refusal(match: selectors.Match) -> DomainError:
    """The clear message for the same facts brought again after the final decision."""
    earlier = match.petition
    return DomainError(
        "final_decided",
        _(
            "%(person)s就同一事实和理由的信访事项（%(number)s）已于%(date)s作出复核意见，"
            "信访程序已终结（复核意见：%(opinion)s）。依照《信访工作条例》，"
            "以同一事实和理由提出的信访事项不再受理。"
        )
        % {
            "person": match.person.masked_name,
            "number": earlier.number,
            "date": _date(earlier.rechecked_at),
            "opinion": earlier.recheck_opinion[:60].rstrip("。．.；;"),
        },
        status=409,
    )


def _save_with_number(petition: Petition) -> None:
    """Give the petition the next number of the day (XF + date + 4 digits) and save it; two
    registrations at once may read the same last number, and the unique index then sends the
    second on to the next one."""
    prefix = "XF" + timezone.localtime(petition.registered_at).strftime("%Y%m%d")
    for _attempt in range(NUMBER_ATTEMPTS):
        last = (
            Petition.objects.filter(number__startswith=prefix)
            .order_by("-number")
            .values_list("number", flat=True)
            .first()
        )
        petition.number = f"{prefix}{int(last[len(prefix) :]) + 1 if last else 1:04d}"
        try:
            with transaction.atomic():
                petition.save()
            return
        except IntegrityError:
            petition.pk = None
    raise DomainError("busy", _("系统繁忙，请稍后重试"), status=409)


def petition_register(
    *,
    case: Case,
    petitioners: Sequence,
    actor,
    over_level: bool = False,
    headcount: int | None = None,
    intake_region: Region | str | None = None,
    leader: User | None = None,
    note: str = "",
) -> Petition:
    """Attach a petition to a work order of kind "petition" that is new or accepted.

    Refused, with nothing written: a case of another kind or already a petition; no
    petitioner; the same facts from the same person after the final decision (the message
    names that decision). Flags set: collective (≥ 5 people), repeat (with the earlier
    petition, the person and the similarity), over-level (as ticked; the system's suggestion
    is kept beside it). The routing limit (15 days) starts now.
    """
    if not isinstance(over_level, bool):
        raise DomainError("invalid_over_level", _("越级标记须为是或否"), status=422)
    note = text(note, required=False)
    with writing(actor):
        locked = case_selectors.get_case_for(actor, getattr(case, "pk", None), write=True)
        is_reporter = locked.reporter_id is not None and locked.reporter_id == actor.pk
        if not (scoping.has_role(actor, *selectors.INTAKE_ROLES) or is_reporter):
            raise DomainError("forbidden", _("只有受理人员可以登记信访件"), status=403)
        if locked.kind != Kind.PETITION:
            raise DomainError("not_a_petition", _("只有“信访”类工单可以登记为信访件"), status=422)
        existing = Petition.objects.filter(case=locked).values_list("number", flat=True).first()
        if existing:
            raise Conflict(
                "already_registered",
                _("该工单已登记为信访件 %(number)s") % {"number": existing},
            )
        if locked.status not in (CaseStatus.NEW, CaseStatus.ACCEPTED):
            raise DomainError(
                "case_not_open",
                _("工单当前为「%(status)s」，不能登记为信访件") % {"status": locked.status_label},
                status=409,
            )
        persons = _resolve_persons(petitioners, actor)
        count = _headcount(headcount, len(persons))
        region = locked.region
        leader = check_leader(leader, region)
        intake = _intake_region(intake_region, actor, region)
        found = selectors.precheck(
            persons=persons,
            category=locked.category,
            region=region,
            intake_region=intake,
            description=locked.description,
        )
        if found.final is not None:
            raise final_refusal(found.final)
        petition = _create(locked, persons, count, found, over_level, intake, leader, actor)
        event(
            petition,
            EventKind.REGISTER,
            actor=actor,
            at=petition.registered_at,
            to_status=Status.REGISTERED,
            note=note,
            data={
                "case": locked.number,
                "headcount": count,
                "repeat_of": found.repeat.petition.number if found.repeat else None,
                "similarity": round(found.repeat.score, 2) if found.repeat else None,
                "over_level_suggested": found.over_level,
            },
        )
    return petition


def _create(case, persons, count, found, over_level, intake, leader, actor) -> Petition:
    now = clock.now()
    repeat = found.repeat
    petition = Petition(
        case=case,
        status=Status.REGISTERED,
        headcount=count,
        is_collective=count >= Petition.COLLECTIVE_HEADCOUNT,
        repeat_of=repeat.petition if repeat else None,
        repeat_person=repeat.person if repeat else None,
        repeat_score=round(repeat.score, 4) if repeat else None,
        repeat_after_reply=found.repeat_after_reply,
        over_level=over_level,
        over_level_suggested=found.over_level,
        intake_region=intake,
        leader=leader,
        registered_by=actor if getattr(actor, "is_authenticated", False) else None,
        registered_at=now,
        route_due=deadlines.days_after(now, deadlines.ROUTE_DAYS),
    )
    _save_with_number(petition)
    Petitioner.objects.bulk_create(
        [Petitioner(petition=petition, person=p, position=i) for i, p in enumerate(persons)]
    )
    # The work order is timed by the petition's statutory limits from now on (see flow.py).
    case_align_due(
        case=case, actor=actor, due_at=petition.route_due, reason=_("信访事项登记，转送期限")
    )
    return petition


def petition_create(
    *,
    actor,
    channel: str,
    category,
    region,
    description: str,
    petitioners: Sequence,
    headcount: int | None = None,
    over_level: bool = False,
    intake_region: Region | str | None = None,
    leader: User | None = None,
    title: str = "",
    address: str = "",
) -> Petition:
    """Staff register a petition directly: the work order (kind "petition", reported by the
    first petitioner) is made through cases.case_create, then the petition — in one
    transaction, so a refusal leaves neither."""
    channel = (channel or "").strip() if isinstance(channel, str) else ""
    if channel not in PETITION_CHANNELS:
        raise DomainError(
            "unknown_channel",
            _("信访形式只能是来访、来信、网上或电话"),
            status=422,
        )
    with writing(actor):
        persons = _resolve_persons(petitioners, actor)
        first = persons[0]
        case, _query_code = case_create(
            actor=actor,
            channel=channel,
            kind=Kind.PETITION,
            category=category,
            region=region,
            description=description,
            reporter_phone=first.phone,
            reporter_name=first.name,
            title=title,
            address=address,
        )
        return petition_register(
            case=case,
            petitioners=persons,
            actor=actor,
            over_level=over_level,
            headcount=headcount,
            intake_region=intake_region,
            leader=leader,
        )
