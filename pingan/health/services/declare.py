"""A health declaration and the colour the published rules give it."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError, NotFound
from pingan.health.models import Channel, Colour, Declaration, Registration, RiskArea, Symptom
from pingan.health.services.rules import Facts, active_rules, evaluate
from pingan.health.services.status import _apply, lock_status
from pingan.health.workflow import SEVERITY
from pingan.org.roles import Role
from pingan.org.scoping import has_role

MIN_TEMPERATURE = Decimal("34.0")
MAX_TEMPERATURE = Decimal("43.0")
WINDOW_ROLES = (Role.CLERK, Role.HEALTH_OFFICER, Role.ADMIN)


def _temperature(raw) -> Decimal:
    try:
        value = Decimal(str(raw).strip()).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError) as exc:
        raise DomainError("invalid_temperature", _("请填写体温，例如 36.5")) from exc
    if not (MIN_TEMPERATURE <= value <= MAX_TEMPERATURE):
        raise DomainError("invalid_temperature", _("体温应在 34.0 至 43.0℃ 之间，请重新测量"))
    return value


@transaction.atomic
def declaration_submit(
    *,
    person,
    symptoms: list[str],
    temperature,
    travelled_ids: list[int],
    close_contact: bool,
    actor,
    now=None,
) -> Declaration:
    """Record a declaration by the holder (or for them at a window) and apply the rules. A
    declaration may raise the colour or renew it, never lower it: lowering is for the lapse,
    an officer or an upheld appeal, so that a later "all well" cannot undo a finding."""
    now = now or timezone.now()
    own = actor is not None and person.user_id == actor.pk
    if not own and not has_role(actor, *WINDOW_ROLES):
        raise NotFound()
    if not Registration.objects.filter(person=person).exists():
        raise DomainError("not_registered", _("请先完成健康登记"))
    symptoms = list(dict.fromkeys(symptoms or []))
    if any(code not in Symptom.values for code in symptoms):
        raise DomainError("invalid_symptom", _("症状选项不正确"))
    value = _temperature(temperature)
    try:
        ids = {int(pk) for pk in travelled_ids or []}
    except (TypeError, ValueError) as exc:
        raise DomainError("invalid_area", _("所选风险地区不存在或已失效，请刷新后重试")) from exc
    areas = list(RiskArea.objects.current(now).filter(pk__in=ids))
    if len(areas) != len(ids):
        raise DomainError("invalid_area", _("所选风险地区不存在或已失效，请刷新后重试"))
    facts = Facts(
        symptoms=tuple(symptoms),
        temperature=value,
        travel_levels=tuple(area.level for area in areas),
        close_contact=bool(close_contact),
    )
    verdict = evaluate(active_rules(), facts)
    declaration = Declaration.objects.create(
        person=person,
        symptoms=symptoms,
        temperature=value,
        close_contact=bool(close_contact),
        channel=Channel.PHONE if own else Channel.WINDOW,
        actor=actor,
        computed_colour=verdict.colour,
        rule=verdict.rule,
        created_at=now,
    )
    declaration.travelled.set(areas)
    status = lock_status(person)
    current = status.colour if status else Colour.GREEN
    raise_it = SEVERITY[verdict.colour] > SEVERITY[current]
    renew = verdict.colour == current and verdict.colour != Colour.GREEN
    if status is None or raise_it or renew:
        _apply(
            person=person,
            colour=verdict.colour,
            reason_code=verdict.reason_code,
            note=str(_("健康申报")),
            now=now,
        )
    return declaration
