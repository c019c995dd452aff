"""Test data of the health app: officers, rules, risk areas and registered people."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from pingan.health.models import Channel, ResidentKind, RiskArea, RiskLevel, StatusRule
from pingan.health.services.register import RegistrationInput, registration_save
from pingan.org.models import Department, Region, User
from pingan.org.roles import Role
from pingan.org.services import post_assign
from pingan.places import demo as places_demo


class RiskAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RiskArea

    name = factory.Sequence(lambda n: f"测试地区{n}")
    level = RiskLevel.HIGH
    valid_from = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    valid_until = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))


class StatusRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatusRule

    order = 10
    name = factory.Sequence(lambda n: f"规则{n}")
    colour = "yellow"
    reason_code = factory.Sequence(lambda n: f"test_rule_{n}")
    explanation = "测试规则说明"


def id_number(n: int) -> str:
    """A valid ID number (check digit right) born 1990-01-01, sequence n (0–999)."""
    from stdnum.cn import ric

    body = f"33048319900101{n:03d}"
    return body + ric.calc_check_digit(body + "0")


def officer(username: str, region_code: str = "330483") -> User:
    """A health officer over `region_code` (the demo ones cover the whole city)."""
    user = User.objects.create_user(username=username, password="x", name=username)
    post_assign(
        user=user,
        role=Role.HEALTH_OFFICER,
        region=Region.objects.get(code=region_code),
        department=Department.objects.filter(code="weijian").first(),
        title="防疫专员",
    )
    return user


def citizen(username: str, phone: str) -> User:
    return User.objects.create_user(username=username, password="x", name=username, phone=phone)


def registered(n: int, *, user=None, residence=None, name: str = "测试人"):
    """A registered person (phone 139573083nn), green, living in 金域兰庭 unless told."""
    phone = f"139573083{n:02d}"
    person, _account = registration_save(
        name=name,
        id_number=id_number(n),
        phone=phone,
        data=RegistrationInput(
            name=name,
            id_number=id_number(n),
            phone=phone,
            code="",
            kind=ResidentKind.RESIDENT,
            residence=residence or places_demo.compound(),
            room="1幢1单元101",
            employer=None,
        ),
        channel=Channel.WINDOW,
        actor=None,
        account_owner=user,
        create_account=False,
        now=timezone.now(),
    )
    return person


TEMPERATURE = Decimal("36.5")
