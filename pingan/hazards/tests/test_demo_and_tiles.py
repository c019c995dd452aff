"""The demo (idempotent, with hazards in every interesting state) and the workbench tiles."""

import pytest
from django.urls import reverse

from pingan.hazards import demo
from pingan.hazards.models import ChecklistItem, Hazard
from pingan.hazards.tests import factories as f
from pingan.places.models import Place

pytestmark = pytest.mark.django_db


def test_demo_seeds_once(demo_city, outbox):
    demo.seed()
    count = Hazard.objects.count()
    demo.seed()
    assert Hazard.objects.count() == count == 4
    assert ChecklistItem.objects.filter(kind=Place.Kind.ENTERPRISE).count() == 6
    states = dict(Hazard.objects.values_list("title", "status"))
    assert states["车间北侧安全出口堵塞"] == "rectifying"
    assert states["灭火器压力不足"] == "closed"
    scaffolding = Hazard.objects.get(grade="major")
    assert scaffolding.supervised_by.username == "tudian_leader"
    assert scaffolding.status == "review_requested"
    overdue = Hazard.objects.get(title="车间北侧安全出口堵塞")
    assert overdue.escalated_at is not None
    assert f.user("tudian_leader").phone in {m.phone for m in outbox("hazard_overdue")}


@pytest.mark.parametrize(
    ("username", "keys"),
    [
        ("tudian_inspector", {"hazards.list", "hazards.places"}),
        ("wutong_grid", {"hazards.list", "hazards.places"}),
        ("tudian_leader", {"hazards.list", "hazards.places", "hazards.supervision"}),
        ("admin", {"hazards.list", "hazards.places", "hazards.supervision", "hazards.checklists"}),
        ("wutong_clerk", set()),
    ],
)
def test_tiles(demo_city, username, keys):
    from pingan.core.workbench import entries_for

    shown = {e.key for e in entries_for(f.user(username)) if e.key.startswith("hazards.")}
    assert shown == keys
    for entry in entries_for(f.user(username)):
        if entry.key.startswith("hazards."):
            assert entry.url


def test_admin_edits_checklists(demo_city, login_client):
    client = login_client("admin")
    response = client.get(reverse("admin:hazards_checklistitem_changelist"))
    assert response.status_code == 200 and "安全出口" in response.content.decode()
