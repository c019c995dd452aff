"""Test data for the hall: centres and windows by factory; tickets, visits and duty slots
through the services, so that every record under test has its real history."""

import datetime
import itertools
from zoneinfo import ZoneInfo

import factory
import time_machine

from pingan.hall import selectors, services
from pingan.hall.models import ServiceCentre, Window, WindowAssignment
from pingan.org.models import User

SH = ZoneInfo("Asia/Shanghai")
_phones = itertools.count(1)


class ServiceCentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceCentre

    name = factory.Sequence(lambda n: f"测试服务中心{n}")
    slug = factory.Sequence(lambda n: f"test-centre-{n}")


class WindowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Window

    number = factory.Sequence(lambda n: n + 10)
    name = factory.LazyAttribute(lambda o: f"{o.kind.name} {o.number}")


def next_phone() -> str:
    return f"1377100{next(_phones):04d}"


def user(username: str) -> User:
    return User.objects.get(username=username)


def window(slug: str, number: int) -> Window:
    return Window.objects.select_related("centre", "kind").get(centre__slug=slug, number=number)


def post_at(username: str, win: Window) -> WindowAssignment:
    assignment, _created = WindowAssignment.objects.get_or_create(user=user(username), window=win)
    return assignment


def take(slug="wutong", kind="comprehensive", phone=""):
    centre = ServiceCentre.objects.get(slug=slug)
    return services.ticket_take(centre=centre, kind=kind, phone=phone)


def at(*args) -> time_machine.travel:
    """Travel to a moment given as (year, month, day, hour, minute) in Asia/Shanghai."""
    return time_machine.travel(datetime.datetime(*args, tzinfo=SH), tick=False)


def future_weekday(weekday: int, weeks_ahead: int = 1) -> datetime.date:
    """A date `weeks_ahead` weeks from now falling on `weekday` (0 Monday)."""
    today = selectors.today()
    start = today + datetime.timedelta(days=7 * weeks_ahead)
    return start + datetime.timedelta(days=(weekday - start.weekday()) % 7)


def slot(win: Window, day, half, username, actor="wutong_clerk"):
    return services.slot_create(
        actor=user(actor), window=win, date=day, half=half, person=user(username)
    )
