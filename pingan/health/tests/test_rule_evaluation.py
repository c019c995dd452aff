"""The published rules give the colour: all of a rule's conditions must hold, the most severe
matching rule wins, and no match is green."""

from decimal import Decimal

import pytest

from pingan.health.models import RiskLevel, StatusRule
from pingan.health.services.rules import Facts, active_rules, evaluate


def rule(**kwargs):
    defaults = {"order": 10, "name": "r", "colour": "yellow", "reason_code": "r", "explanation": ""}
    return StatusRule(**{**defaults, **kwargs})


def test_no_rule_applies_is_green():
    verdict = evaluate([rule(symptoms=True)], Facts())
    assert verdict.colour == "green"
    assert verdict.rule is None
    assert verdict.reason_code == "declared_no_risk"


def test_all_conditions_of_a_rule_must_hold():
    both = rule(symptoms=True, min_temperature=Decimal("37.3"), reason_code="both")
    assert evaluate([both], Facts(symptoms=("cough",))).colour == "green"
    assert evaluate([both], Facts(temperature=Decimal("38.0"))).colour == "green"
    verdict = evaluate([both], Facts(symptoms=("cough",), temperature=Decimal("37.3")))
    assert verdict.colour == "yellow"
    assert verdict.reason_code == "both"


def test_most_severe_rule_wins_then_the_first_in_order():
    fever = rule(order=1, min_temperature=Decimal("37.3"), reason_code="fever")
    contact = rule(order=2, close_contact=True, colour="red", reason_code="contact")
    cough = rule(order=3, symptoms=True, reason_code="cough")
    facts = Facts(symptoms=("cough",), temperature=Decimal("38.1"), close_contact=True)
    assert evaluate([fever, contact, cough], facts).reason_code == "contact"
    facts = Facts(symptoms=("cough",), temperature=Decimal("38.1"))
    assert evaluate([fever, contact, cough], facts).reason_code == "fever"


def test_travel_level_means_at_least_that_level():
    medium = rule(travel_level=RiskLevel.MEDIUM, reason_code="medium")
    assert evaluate([medium], Facts(travel_levels=("low",))).colour == "green"
    assert evaluate([medium], Facts(travel_levels=("medium",))).colour == "yellow"
    assert evaluate([medium], Facts(travel_levels=("low", "high"))).colour == "yellow"


@pytest.mark.django_db
def test_inactive_rules_are_not_applied(demo_city):
    StatusRule.objects.filter(reason_code="rule_close_contact").update(is_active=False)
    verdict = evaluate(active_rules(), Facts(close_contact=True))
    assert verdict.colour == "green"
    StatusRule.objects.filter(reason_code="rule_close_contact").update(is_active=True)
    assert evaluate(active_rules(), Facts(close_contact=True)).colour == "red"


def test_a_rule_without_conditions_is_refused_by_the_admin_form():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        rule().clean()
