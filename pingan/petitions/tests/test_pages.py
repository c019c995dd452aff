"""The staff pages: the list with its filters, the intake form with its pre-check, the detail
with deadline chips and the actions the viewer may take, and the workbench tiles."""

import pytest

from pingan.core import workbench
from pingan.petitions.models import Petition
from pingan.petitions.tests.factories import (
    GAOQIAO_VILLAGE,
    WAGES_RETOLD,
    act,
    new_petition,
    person,
    petition_in,
    user,
)

pytestmark = pytest.mark.django_db


def test_workbench_tiles_for_the_petition_roles(city):
    keys = {e.key for e in workbench.entries_for(user("wutong_handler"))}
    assert "petitions" in keys and "petitions-backlog" not in keys
    for username in ("xinfang_officer", "wutong_leader", "wutong_clerk"):
        assert "petitions" in {e.key for e in workbench.entries_for(user(username))}
    assert "petitions-backlog" in {e.key for e in workbench.entries_for(user("city_leader"))}
    assert "petitions" not in {e.key for e in workbench.entries_for(user("demo_worker"))}


@pytest.fixture
def several(city):
    collective = new_petition(petitioners=[person(f"工人{i}") for i in range(5)], headcount=40)
    repeat = new_petition(
        description=WAGES_RETOLD,
        petitioners=[{"name": "工人0", "phone": collective.petitioners.first().phone}],
    )
    handling = petition_in("handling", description="复兴社区饭店油烟扰民", category="city.noise")
    gaoqiao = new_petition(
        actor="gaoqiao_clerk", region=GAOQIAO_VILLAGE, description="高桥村纺织厂欠薪"
    )
    return {"collective": collective, "repeat": repeat, "handling": handling, "gaoqiao": gaoqiao}


FILTERS = [
    ("", {"collective", "repeat", "handling", "gaoqiao"}),
    ("?status=handling", {"handling"}),
    ("?town=330483004", {"gaoqiao"}),
    ("?collective=on", {"collective"}),
    ("?repeat=on", {"repeat"}),
    ("?over_level=on", {"collective", "repeat", "handling"}),
    ("?overdue=on", set()),
    ("?q=复兴社区", {"handling"}),
    ("?status=nonsense", {"collective", "repeat", "handling", "gaoqiao"}),
]


def test_list_filters(several, login_client, django_assert_max_num_queries, subtests):
    client = login_client("city_leader")
    for query, expected in FILTERS:
        with subtests.test(query=query):
            with django_assert_max_num_queries(10):
                page = client.get(f"/petitions/{query}")
            assert page.status_code == 200
            text = page.content.decode()
            shown = {n for n, p in several.items() if f'data-petition="{p.number}"' in text}
            assert shown == expected


def test_the_intake_form_registers_a_petition(city, login_client):
    client = login_client("xinfang_officer")
    assert client.get("/petitions/new/").status_code == 200
    data = {
        "channel": "window",
        "category": "labour.wages",
        "region": "330483001018",
        "description": "金域兰庭项目拖欠工资",
        "headcount": "6",
        "over_level": "on",
        "p-TOTAL_FORMS": "5",
        "p-INITIAL_FORMS": "0",
        "p-0-name": "张建国",
        "p-0-phone": "13771004444",
        "p-1-name": "刘长海",
        "p-1-id_number": "",
    }
    page = client.post("/petitions/new/", data)
    petition = Petition.objects.get()
    assert page.status_code == 302 and page["Location"] == f"/petitions/{petition.pk}/"
    assert (petition.headcount, petition.is_collective, petition.over_level) == (6, True, True)
    assert petition.petitioners.count() == 2


def test_the_intake_form_shows_refusals_and_keeps_the_input(city, login_client):
    client = login_client("xinfang_officer")
    data = {
        "channel": "window",
        "category": "labour.wages",
        "region": "330483001018",
        "description": "金域兰庭项目拖欠工资",
        "p-TOTAL_FORMS": "5",
        "p-INITIAL_FORMS": "0",
        "p-0-name": "张建国",
        "p-0-phone": "12345",
    }
    page = client.post("/petitions/new/", data)
    assert page.status_code == 422
    text = page.content.decode()
    assert "第1位信访人" in text and "金域兰庭项目拖欠工资" in text
    assert not Petition.objects.exists()


def test_the_precheck_names_the_repeat_and_the_final_decision(city, login_client):
    final = petition_in("final", petitioners=[person("张建国", phone="13771004445")])
    data = {
        "channel": "window",
        "category": "labour.wages",
        "region": "330483001018",
        "description": WAGES_RETOLD,
        "p-TOTAL_FORMS": "5",
        "p-INITIAL_FORMS": "0",
        "p-0-name": "张建国",
        "p-0-phone": "13771004445",
        "p-1-name": "新人",
    }
    page = login_client("xinfang_officer").post("/petitions/new/check/", data)
    text = page.content.decode()
    assert 'data-check="final"' in text and final.number in text
    assert 'data-check="repeat"' in text and "已登记人员" in text and "新登记" in text
    assert Petition.objects.count() == 1


def test_the_detail_shows_chips_timeline_and_the_viewers_actions(city, login_client):
    petition = petition_in("routed")
    handler_page = login_client("wutong_handler").get(f"/petitions/{petition.pk}/")
    text = handler_page.content.decode()
    assert 'data-chip="notice" data-light="green"' in text
    assert 'data-chip="objection"' in text
    assert 'data-action="accept"' in text and 'data-action="object"' in text
    assert 'data-event="register"' in text and 'data-event="route"' in text
    officer_page = login_client("xinfang_officer").get(f"/petitions/{petition.pk}/")
    assert 'data-action="accept"' not in officer_page.content.decode()


def test_an_action_from_the_page(city, login_client, outbox):
    petition = petition_in("routed")
    client = login_client("wutong_handler")
    page = client.post(
        f"/petitions/{petition.pk}/act/accept/",
        {"note": "已约谈", "expected_version": petition.version},
    )
    assert page.status_code == 302
    petition.refresh_from_db()
    assert petition.status == "handling" and outbox("petition_accepted")
    follow = client.get(page["Location"])
    assert "已完成「受理并告知」" in follow.content.decode()


BAD_ACTIONS = [
    ("wutong_handler", "extend", {"days": "31", "reason": "核算"}, "延长天数"),
    ("wutong_handler", "extend", {"days": "abc", "reason": "核算"}, "延长天数"),
    ("wutong_handler", "reply", {"opinion": ""}, "处理意见"),
    ("xinfang_officer", "ask_review", {"grounds": "复查"}, "当前状态"),
]


def test_bad_action_input_changes_nothing(city, login_client, subtests):
    petition = petition_in("handling")
    for username, action, data, message in BAD_ACTIONS:
        with subtests.test(action=action, message=message):
            page = login_client(username).post(
                f"/petitions/{petition.pk}/act/{action}/", data, follow=True
            )
            assert message in page.content.decode()
            after = Petition.objects.get(pk=petition.pk)
            assert (after.status, after.version, after.handle_due) == (
                petition.status,
                petition.version,
                petition.handle_due,
            )


def test_a_stale_form_is_refused(city, login_client):
    petition = petition_in("routed")
    act("accept", petition, "wutong_handler")
    page = login_client("wutong_handler").post(
        f"/petitions/{petition.pk}/act/reply/",
        {"opinion": "答复", "expected_version": petition.version},
        follow=True,
    )
    assert "已被他人更新" in page.content.decode()
    assert Petition.objects.get(pk=petition.pk).status == "handling"


def test_unknown_actions_are_not_found(city, login_client):
    petition = petition_in("routed")
    assert (
        login_client("wutong_handler").post(f"/petitions/{petition.pk}/act/delete/").status_code
        == 404
    )


def test_the_detail_page_costs_a_fixed_number_of_queries(
    city, login_client, django_assert_max_num_queries
):
    petition = petition_in("final", petitioners=[person(f"工人{i}") for i in range(5)])
    client = login_client("xinfang_officer")
    with django_assert_max_num_queries(20):
        assert client.get(f"/petitions/{petition.pk}/").status_code == 200


def test_the_back_office_shows_petitions_read_only(city, login_client):
    petition = petition_in("handling")
    client = login_client("admin")
    assert client.get("/admin/petitions/petition/").status_code == 200
    page = client.get(f"/admin/petitions/petition/{petition.pk}/change/")
    assert page.status_code == 200 and petition.number in page.content.decode()
    assert client.post(f"/admin/petitions/petition/{petition.pk}/delete/").status_code == 403
