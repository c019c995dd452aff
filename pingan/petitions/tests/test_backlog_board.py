"""The backlog board (积案): every town of the viewer's jurisdiction, its overdue petitions and
repeats after reply with their responsible leaders; a town with none shows 无信访积案."""

import pytest

from pingan.petitions import selectors
from pingan.petitions.tests.factories import (
    GAOQIAO_VILLAGE,
    act,
    local,
    new_petition,
    petition_in,
    user,
)

pytestmark = pytest.mark.django_db

LATE = "2026-04-20 09:00"


@pytest.fixture
def overdue_in_gaoqiao(city, frozen):
    clock = frozen("2026-04-01 10:00")
    petition = new_petition(
        actor="gaoqiao_clerk",
        region=GAOQIAO_VILLAGE,
        description="高桥村某纺织厂拖欠12名工人工资",
        leader=user("gaoqiao_leader"),
    )
    petition = act("route", petition, "xinfang_officer", unit="gaoqiao-office")
    petition_in("handling")  # 梧桐街道: in time
    clock.move_to(local(LATE))
    return petition


def test_city_leader_sees_every_town_and_zero_towns(overdue_in_gaoqiao):
    rows = selectors.backlog_by_town(user("city_leader"), local(LATE))
    assert len(rows) == 12
    by_code = {row.code: row for row in rows}
    gaoqiao = by_code.pop("330483004")
    assert [item.petition for item in gaoqiao.items] == [overdue_in_gaoqiao]
    assert gaoqiao.items[0].reasons == ["受理告知超期"]
    assert [leader.username for leader in gaoqiao.leaders] == ["gaoqiao_leader"]
    assert all(row.count == 0 for row in by_code.values())


def test_a_town_leader_sees_their_town_only(overdue_in_gaoqiao):
    (row,) = selectors.backlog_by_town(user("wutong_leader"), local(LATE))
    assert (row.town.name, row.count) == ("梧桐街道", 0)
    (row,) = selectors.backlog_by_town(user("gaoqiao_leader"), local(LATE))
    assert (row.town.name, row.count) == ("高桥街道", 1)


def test_as_of_an_earlier_moment_there_is_none(overdue_in_gaoqiao):
    rows = selectors.backlog_by_town(user("city_leader"), local("2026-04-10 09:00"))
    assert sum(row.count for row in rows) == 0


def test_the_board_page(overdue_in_gaoqiao, login_client, django_assert_max_num_queries):
    client = login_client("city_leader")
    with django_assert_max_num_queries(12):
        page = client.get("/petitions/backlog/")
    text = page.content.decode()
    assert page.status_code == 200
    assert text.count("无信访积案") == 11
    assert 'data-town="330483004" data-count="1"' in text
    assert overdue_in_gaoqiao.number in text and "顾书记" in text


def test_the_board_api(overdue_in_gaoqiao, login_client):
    answer = login_client("gaoqiao_leader").get("/api/v1/petitions/backlog")
    assert answer.status_code == 200
    (row,) = answer.json()
    assert (row["town_name"], row["count"], row["items"][0]["leader"]) == (
        "高桥街道",
        1,
        "gaoqiao_leader",
    )


def test_the_board_is_for_overseers(overdue_in_gaoqiao, login_client):
    assert login_client("wutong_handler").get("/petitions/backlog/").status_code == 404
