"""The demo city's petitions: made once, and the backlog board shows 高桥街道 with backlog and
every other town at zero."""

import pytest

from pingan.petitions import demo, selectors
from pingan.petitions.models import Petition
from pingan.petitions.workflow import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(demo_city):
    demo.seed()
    return demo


def test_seed_is_idempotent(seeded):
    count = Petition.objects.count()
    demo.seed()
    assert Petition.objects.count() == count == 6


def test_states_and_flags(seeded):
    statuses = set(Petition.objects.values_list("status", flat=True))
    assert {Status.HANDLING, Status.REGISTERED, Status.REPLIED, Status.FINAL, Status.ROUTED} <= (
        statuses
    )
    collective = Petition.objects.get(is_collective=True)
    assert collective.headcount == 40
    assert collective.leader.username == "wutong_leader"
    repeat = Petition.objects.get(repeat_of=collective)
    assert not repeat.over_level_suggested
    assert Petition.objects.filter(over_level=True, over_level_suggested=True).count() == 1


def test_board_shows_gaoqiao_with_backlog_and_the_others_zero(seeded, persona):
    rows = selectors.backlog_by_town(persona("city_leader"))
    counts = {row.town.name: row.count for row in rows}
    assert counts.pop("高桥街道") == 1
    assert len(counts) == 11
    assert set(counts.values()) == {0}
    gaoqiao = next(row for row in rows if row.count)
    assert [leader.username for leader in gaoqiao.leaders] == ["gaoqiao_leader"]
