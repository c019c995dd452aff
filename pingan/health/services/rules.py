"""Evaluating the status rules against a declaration. Pure: no writes, no clock."""

from dataclasses import dataclass, field
from decimal import Decimal

from pingan.health.models import RISK_RANK, StatusRule
from pingan.health.workflow import SEVERITY


@dataclass(frozen=True)
class Facts:
    """What a declaration says, in the terms the rules read."""

    symptoms: tuple[str, ...] = ()
    temperature: Decimal = Decimal("36.5")
    travel_levels: tuple[str, ...] = ()  # levels of the current risk areas travelled from
    close_contact: bool = False


@dataclass(frozen=True)
class Verdict:
    colour: str
    rule: StatusRule | None = None
    matched: tuple[StatusRule, ...] = field(default_factory=tuple)

    @property
    def reason_code(self) -> str:
        return self.rule.reason_code if self.rule else "declared_no_risk"


def rule_applies(rule: StatusRule, facts: Facts) -> bool:
    if rule.symptoms and not facts.symptoms:
        return False
    if rule.min_temperature is not None and facts.temperature < rule.min_temperature:
        return False
    if rule.travel_level:
        worst = max((RISK_RANK[level] for level in facts.travel_levels), default=0)
        if worst < RISK_RANK[rule.travel_level]:
            return False
    return facts.close_contact or not rule.close_contact


def evaluate(rules, facts: Facts) -> Verdict:
    """The most severe colour among the rules that apply (ties: the first in order); green when
    none applies. `rules` are the active rules in order."""
    matched = tuple(rule for rule in rules if rule_applies(rule, facts))
    if not matched:
        return Verdict(colour="green")
    # max() keeps the first of equal keys, so the lower order wins a tie.
    best = max(matched, key=lambda rule: SEVERITY[rule.colour])
    return Verdict(colour=best.colour, rule=best, matched=matched)


def active_rules() -> list[StatusRule]:
    return list(StatusRule.objects.filter(is_active=True).order_by("order", "id"))
