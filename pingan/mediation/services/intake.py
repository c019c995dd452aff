"""Registering disputes (directly, from a work order or petition case, by court referral) and
keeping their parties, mediators, linked work orders and risk details."""

from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from pingan.cases.models import Case, Kind
from pingan.cases.workflow import Status as CaseStatus
from pingan.core.errors import Conflict, DomainError, NotFound
from pingan.mediation import clock, limits, selectors, workflow
from pingan.mediation.models import (
    Dispute,
    DisputeCaseLink,
    DisputeMediator,
    DisputeType,
    Level,
    MediatorKind,
    PartyKind,
    ReferralKind,
    Side,
    Source,
)
from pingan.mediation.services._base import (
    choice,
    event,
    lock_for,
    save_numbered,
    text,
    writing,
)
from pingan.mediation.services.parties import _add_party
from pingan.mediation.workflow import Action, EventKind
from pingan.org import scoping
from pingan.org.models import Department, Region, User
from pingan.org.roles import Role

# Organisations that run mediations: centres, justice offices, street offices, the court.
MEDIATING_KINDS = frozenset(
    {
        Department.Kind.GOVERNANCE,
        Department.Kind.JUSTICE,
        Department.Kind.STREET_OFFICE,
        Department.Kind.COURT,
    }
)
LEVEL_CODE_LENGTH = {Level.VILLAGE: 12, Level.TOWN: 9, Level.CITY: 6, Level.COURT: 6}
MAX_PEOPLE = 100_000
MAX_AMOUNT = Decimal("1000000000000")


def _region(region) -> Region:
    if isinstance(region, Region):
        return region
    code = (region or "").strip()
    found = Region.objects.filter(code=code, is_active=True).first() if code else None
    if found is None:
        raise DomainError(
            "unknown_region", _("未知的区划代码：%(code)s") % {"code": code}, status=422
        )
    return found


def _department(department, region: Region) -> Department | None:
    if department in (None, ""):
        return None
    if not isinstance(department, Department):
        department = Department.objects.filter(code=str(department).strip()).first()
    if department is None or not department.is_active or department.kind not in MEDIATING_KINDS:
        raise DomainError("unknown_department", _("调解组织不存在或不能主持调解"), status=422)
    if not region.code.startswith(department.region.code):
        raise DomainError(
            "department_out_of_region",
            _("%(dept)s 不管辖纠纷发生地 %(region)s") % {"dept": department, "region": region},
            status=422,
        )
    return department


def level_region(level: str, region: Region) -> Region:
    """The region whose committee mediates at `level` (the village, the town or the city)."""
    length = LEVEL_CODE_LENGTH[level]
    if len(region.code) < length:
        raise DomainError(
            "level_needs_village",
            _("村（社区）调解须选择具体的村（社区）作为纠纷发生地"),
            status=422,
        )
    return Region.objects.get(code=region.code[:length])


def committee_for(level: str, region: Region) -> str:
    """The name on the seal: the people's mediation committee of that level's region."""
    if level == Level.COURT:
        return _("%(city)s人民法院驻院人民调解委员会") % {"city": level_region(level, region).name}
    return _("%(place)s人民调解委员会") % {"place": level_region(level, region).name}


def _people(value) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = -1
    if not 1 <= number <= MAX_PEOPLE:
        raise DomainError(
            "invalid_people_count", _("涉及人数须为 1 至 100000 之间的整数"), status=422
        )
    return number


def _amount(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        amount = None
    if amount is None or not amount.is_finite() or not Decimal(0) <= amount < MAX_AMOUNT:
        raise DomainError("invalid_amount", _("涉及金额须为不小于 0 的数字（元）"), status=422)
    return amount


def _title_from(description: str) -> str:
    first = description.splitlines()[0].strip()
    return first if len(first) <= 30 else first[:29] + "…"


def _new_dispute(*, actor, region, level, department, description, title, **fields) -> Dispute:
    description = text(
        description, required=True, code="empty_description", message=_("请填写纠纷简要情况")
    )
    title = text(title, required=False, limit=100) or _title_from(description)
    level = choice(level, Level, "unknown_level", _("调解层级"))
    committee = committee_for(level, region)
    dispute = Dispute(
        region=region,
        level=level,
        department=department,
        committee_name=str(committee),
        description=description,
        title=title,
        created_by=actor,
        created_at=clock.now(),
        **fields,
    )
    save_numbered(dispute, "TJ", Dispute)
    return dispute


def _check_intake(actor, region: Region) -> None:
    if not scoping.covers(actor, region, workflow.INTAKE_ROLES):
        raise DomainError(
            "forbidden", _("只有本辖区的调解员或窗口人员可以登记调解案件"), status=403
        )


def dispute_create(
    *,
    actor,
    dispute_type: str,
    region: Region | str,
    description: str,
    level: str,
    source: str = Source.APPLICATION,
    department: Department | str | None = None,
    people_count=1,
    amount=None,
    title: str = "",
) -> Dispute:
    """Register a dispute brought by a party (application) or taken up on the committee's own
    initiative. Checked completely before anything is written."""
    dispute_type = choice(dispute_type, DisputeType, "unknown_type", _("纠纷类型"))
    if source not in (Source.APPLICATION, Source.INITIATIVE):
        raise DomainError(
            "unknown_source", _("直接登记的来源只能是当事人申请或主动调解"), status=422
        )
    region = _region(region)
    _check_intake(actor, region)
    department = _department(department, region)
    people_count, amount = _people(people_count), _amount(amount)
    with writing(actor):
        dispute = _new_dispute(
            actor=actor,
            region=region,
            level=level,
            department=department,
            description=description,
            title=title,
            dispute_type=dispute_type,
            source=source,
            people_count=people_count,
            amount=amount,
        )
        event(dispute, EventKind.CREATE, actor=actor, to_status=dispute.status)
    return dispute


def dispute_from_case(
    *,
    case: Case,
    actor,
    dispute_type: str,
    level: str,
    department: Department | str | None = None,
    people_count=None,
    amount=None,
    title: str = "",
    description: str = "",
    add_reporter: bool = False,
) -> Dispute:
    """Turn a work order (or a petition case) into a dispute about the same matter. The case and
    every report merged into it stay linked, so repeated police calls and petitions count
    towards the dispute's risk. A merged report is turned over through its main case."""
    dispute_type = choice(dispute_type, DisputeType, "unknown_type", _("纠纷类型"))
    case = selectors.mediable_cases(actor).select_related("region").filter(pk=case.pk).first()
    if case is None:
        raise NotFound(_("工单不存在或不在您的辖区内"))
    if case.status == CaseStatus.MERGED and case.merged_into_id:
        raise Conflict(
            "case_merged",
            _("该工单已合并到 %(main)s，请从主工单转为调解案件")
            % {"main": case.merged_into.number},
        )
    _check_intake(actor, case.region)
    department = _department(department, case.region)
    people_count = _people(people_count if people_count not in (None, "") else 1)
    amount = _amount(amount)
    with writing(actor):
        Case.objects.select_for_update().filter(pk=case.pk).first()
        existing = (
            DisputeCaseLink.objects.filter(case=case)
            .exclude(dispute__status=workflow.Status.REFUSED)
            .select_related("dispute")
            .first()
        )
        if existing is not None:
            raise Conflict(
                "already_mediated",
                _("该工单已转为调解案件 %(number)s") % {"number": existing.dispute.number},
            )
        dispute = _new_dispute(
            actor=actor,
            region=case.region,
            level=level,
            department=department,
            description=description or case.description,
            title=title or case.title,
            dispute_type=dispute_type,
            source=Source.PETITION if case.kind == Kind.PETITION else Source.CASE,
            source_case=case,
            people_count=people_count,
            amount=amount,
        )
        DisputeCaseLink.objects.create(
            dispute=dispute, case=case, linked_by=actor, linked_at=clock.now()
        )
        event(
            dispute,
            EventKind.CREATE,
            actor=actor,
            to_status=dispute.status,
            data={"case": case.number, "merged_reports": case.merged_cases.count()},
        )
        if add_reporter and not case.anonymous and (case.reporter_name or case.reporter_phone):
            _add_party(
                dispute,
                actor,
                side=Side.APPLICANT,
                kind=PartyKind.PERSON,
                name=case.reporter_name or _("反映人"),
                phone=case.reporter_phone,
                role_note=str(_("工单反映人")),
            )
    return dispute


def dispute_refer(
    *,
    actor,
    court: Department | str,
    court_case_number: str,
    referral_kind: str,
    dispute_type: str,
    region: Region | str,
    description: str,
    level: str = Level.COURT,
    department: Department | str | None = None,
    people_count=1,
    amount=None,
    title: str = "",
) -> Dispute:
    """A court refers a case for pre-litigation mediation (人民调解驻庭 / 法官驻镇联村): 30 days
    from the referral, extendable with both parties' consent."""
    referral_kind = choice(referral_kind, ReferralKind, "unknown_referral", _("委派方式"))
    dispute_type = choice(dispute_type, DisputeType, "unknown_type", _("纠纷类型"))
    region = _region(region)
    if not isinstance(court, Department):
        court = Department.objects.filter(code=str(court or "").strip()).first()
    if court is None or court.kind != Department.Kind.COURT:
        raise DomainError("unknown_court", _("请选择委派的人民法院"), status=422)
    in_court = any(p.department_id == court.pk for p in scoping.posts_of(actor, [Role.LEGAL_DUTY]))
    if not (in_court and workflow.is_judge(actor, region)) and not scoping.is_superuser(actor):
        raise DomainError("forbidden", _("只有该法院的法官可以委派诉前调解"), status=403)
    court_case_number = text(
        court_case_number,
        required=True,
        code="court_case_number_required",
        message=_("请填写法院案号"),
        limit=40,
    )
    department = _department(department, region)
    people_count, amount = _people(people_count), _amount(amount)
    with writing(actor):
        now = clock.now()
        dispute = _new_dispute(
            actor=actor,
            region=region,
            level=level,
            department=department,
            description=description,
            title=title,
            dispute_type=dispute_type,
            source=Source.COURT,
            court=court,
            court_case_number=court_case_number,
            referral_kind=referral_kind,
            referred_by=actor,
            referred_at=now,
            due_at=limits.prelit_due(now),
            people_count=people_count,
            amount=amount,
        )
        event(
            dispute,
            EventKind.REFER,
            actor=actor,
            to_status=dispute.status,
            data={
                "court": court.name,
                "court_case_number": court_case_number,
                "referral_kind": referral_kind,
                "due_at": dispute.due_at.isoformat(),
            },
        )
    return dispute


# --- mediators, linked work orders, details ---------------------------------------------------


def _mediator_kind(user: User, region: Region) -> str:
    if scoping.covers(user, region, [Role.MEDIATOR]):
        return MediatorKind.MEDIATOR
    if scoping.covers(user, region, [Role.LEGAL_DUTY]):
        return MediatorKind.LEGAL_DUTY
    raise DomainError(
        "not_a_mediator",
        _("%(user)s 不是本辖区的调解员或法律服务人员") % {"user": user.display_name},
        status=422,
    )


def assign(dispute: Dispute, user: User, actor) -> DisputeMediator:
    kind = _mediator_kind(user, dispute.region)
    row = DisputeMediator.objects.filter(dispute=dispute, user=user).first()
    if row is not None and row.is_active:
        raise Conflict("mediator_exists", _("该调解员已在本案中"))
    if row is None:
        try:
            with transaction.atomic():
                row = DisputeMediator.objects.create(
                    dispute=dispute,
                    user=user,
                    kind=kind,
                    assigned_by=actor,
                    assigned_at=clock.now(),
                )
        except IntegrityError as exc:
            raise Conflict("mediator_exists", _("该调解员已在本案中")) from exc
    else:
        row.is_active, row.kind, row.assigned_by = True, kind, actor
        row.assigned_at = clock.now()
        row.save(update_fields=["is_active", "kind", "assigned_by", "assigned_at"])
    event(
        dispute,
        EventKind.MEDIATOR_ASSIGN,
        actor=actor,
        data={"user": user.pk, "name": user.display_name, "kind": kind},
    )
    return row


def dispute_assign_mediator(*, dispute: Dispute, actor, user: User) -> DisputeMediator:
    """Put a mediator on the case, or the legal_duty person on duty (a judge or lawyer) when
    the parties or the mediator ask for one."""
    with writing(actor):
        dispute = lock_for(Action.EDIT, dispute, actor)
        return assign(dispute, user, actor)


def dispute_release_mediator(*, dispute: Dispute, actor, user: User) -> DisputeMediator:
    with writing(actor):
        dispute = lock_for(Action.EDIT, dispute, actor)
        row = DisputeMediator.objects.filter(dispute=dispute, user=user, is_active=True).first()
        if row is None:
            raise NotFound(_("该调解员不在本案中"))
        row.is_active = False
        row.save(update_fields=["is_active"])
        event(
            dispute,
            EventKind.MEDIATOR_RELEASE,
            actor=actor,
            data={"user": user.pk, "name": user.display_name},
        )
    return row


def dispute_link_case(*, dispute: Dispute, case: Case, actor) -> DisputeCaseLink:
    """Link another work order or petition about the same matter (it counts towards risk)."""
    with writing(actor):
        dispute = lock_for(Action.EDIT, dispute, actor)
        if not selectors.mediable_cases(actor).filter(pk=case.pk).exists():
            raise NotFound(_("工单不存在或不在您的辖区内"))
        if DisputeCaseLink.objects.filter(dispute=dispute, case=case).exists():
            raise Conflict("already_linked", _("该工单已关联本案"))
        link = DisputeCaseLink.objects.create(
            dispute=dispute, case=case, linked_by=actor, linked_at=clock.now()
        )
        event(dispute, EventKind.LINK_CASE, actor=actor, data={"case": case.number})
    return link


def dispute_update_details(
    *,
    dispute: Dispute,
    actor,
    people_count=None,
    amount=None,
    escalation_signs: bool | None = None,
    risk_note: str | None = None,
) -> Dispute:
    """Correct the number of people and the amount, or record the mediator's risk judgement."""
    changes: dict[str, list] = {}
    values = {}
    if people_count not in (None, ""):
        values["people_count"] = _people(people_count)
    if amount is not None:
        values["amount"] = _amount(amount)
    if escalation_signs is not None:
        values["escalation_signs"] = bool(escalation_signs)
    if risk_note is not None:
        values["risk_note"] = text(risk_note, required=False, limit=200)
    with writing(actor):
        dispute = lock_for(Action.EDIT, dispute, actor)
        for name, value in values.items():
            old = getattr(dispute, name)
            if old != value:
                changes[name] = [str(old) if old is not None else None, str(value)]
                setattr(dispute, name, value)
        if changes:
            dispute.save(update_fields=[*changes, "updated_at"])
            event(dispute, EventKind.DETAILS, actor=actor, data=changes)
    return dispute
