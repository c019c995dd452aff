"""Demo data of the passes app: a signing key, three checkpoints (the factory gate kept by
guard_factory, the gate of 金域兰庭 kept by guard_compound, a city entry kept by guard_entry) and
a 桐行码 window for demo_worker. His 桐健码 is signed on demand from the green status the health
demo gives him. Idempotent."""

from datetime import timedelta

from django.utils import timezone

from pingan.org.demo import seed_accounts
from pingan.org.models import Region, User
from pingan.org.roles import Role
from pingan.passes import keys
from pingan.passes.models import Checkpoint, CheckpointGuard, CheckpointKind, TravelPass
from pingan.passes.services import travel_request
from pingan.people.models import Person
from pingan.places import demo as places_demo

ACCOUNTS = [
    (
        "guard_compound",
        "沈门卫",
        "13957308501",
        [(Role.GUARD, "330483001", None, "小区门岗")],
    ),
    ("guard_entry", "陆卡口", "13957308502", [(Role.GUARD, "330483", None, "入城卡口值守")]),
]


def _checkpoint(kind, name, place, region, guard_username):
    checkpoint, _created = Checkpoint.objects.get_or_create(
        kind=kind, name=name, defaults={"place": place, "region": region}
    )
    guard = User.objects.filter(username=guard_username).first()
    if guard is not None:
        CheckpointGuard.objects.get_or_create(checkpoint=checkpoint, user=guard)
    return checkpoint


def seed(stdout=None) -> None:
    seed_accounts(ACCOUNTS)
    keys.active_key()
    factory, compound = places_demo.factory(), places_demo.compound()
    _checkpoint(
        CheckpointKind.FACTORY_GATE, "恒达纺织东门", factory, factory.region, "guard_factory"
    )
    _checkpoint(
        CheckpointKind.COMPOUND_GATE, "金域兰庭南门", compound, compound.region, "guard_compound"
    )
    _checkpoint(
        CheckpointKind.CITY_ENTRY,
        "桐乡东入城卡口",
        None,
        Region.objects.get(code="330483"),
        "guard_entry",
    )
    worker = Person.objects.filter(user__username="demo_worker").first()
    if worker is not None and not TravelPass.objects.filter(person=worker).exists():
        start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
        travel_request(
            person=worker,
            valid_from=start,
            valid_until=start + timedelta(days=14),
            purpose="务工",
        )
    if stdout is not None:
        stdout.write("passes: 3 checkpoints, demo_worker holds 桐健码 and 桐行码")
