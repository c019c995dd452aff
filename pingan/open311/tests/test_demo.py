"""The demo data: the key of DESIGN.md works, and seeding twice changes nothing."""

from pingan.open311 import demo, selectors
from pingan.open311.models import Open311Client, RegionPoint


def test_seed_is_idempotent(city):
    point = RegionPoint.objects.get(region__code="330483001")
    point.latitude = "30.640000"
    point.save()
    before = (Open311Client.objects.count(), RegionPoint.objects.count())
    demo.seed()
    assert (Open311Client.objects.count(), RegionPoint.objects.count()) == before
    # An administrator's correction of a point is kept.
    assert str(RegionPoint.objects.get(pk=point.pk).latitude) == "30.640000"


def test_demo_key(city):
    assert selectors.client_for_key("pingan-demo-open311").name == "演示客户端"
    Open311Client.objects.update(is_active=False)
    demo.seed()
    assert Open311Client.objects.count() == 1
