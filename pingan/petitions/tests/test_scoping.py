"""Jurisdiction: a 高桥街道 user cannot see or touch a 梧桐街道 petition (404, not 403); the
receiving unit sees what was routed to it."""

import pytest

from pingan.core.errors import NotFound
from pingan.petitions import selectors
from pingan.petitions.tests.factories import act, petition_in, user

pytestmark = pytest.mark.django_db


@pytest.fixture
def wutong(city):
    return petition_in("replied")


PATHS = [
    "/petitions/{pk}/",
    "/petitions/{pk}/reply/",
    "/petitions/{pk}/reply.docx",
    "/api/v1/petitions/{pk}",
]


def test_gaoqiao_users_get_404(wutong, login_client, subtests):
    for username in ("gaoqiao_clerk", "gaoqiao_leader"):
        client = login_client(username)
        for path in PATHS:
            with subtests.test(username=username, path=path):
                assert client.get(path.format(pk=wutong.pk)).status_code == 404


def test_gaoqiao_users_cannot_act(wutong, login_client):
    client = login_client("gaoqiao_clerk")
    page = client.post(f"/petitions/{wutong.pk}/act/ask_review/", {"grounds": "复查"})
    assert page.status_code == 404
    api = client.post(
        f"/api/v1/petitions/{wutong.pk}/ask_review",
        {"grounds": "复查"},
        content_type="application/json",
    )
    assert api.status_code == 404
    with pytest.raises(NotFound):
        act("ask_review", wutong, "gaoqiao_clerk", grounds="复查")


def test_lists_hold_only_visible_petitions(wutong, login_client):
    assert not selectors.petitions_visible_to(user("gaoqiao_leader")).exists()
    assert list(selectors.petitions_visible_to(user("wutong_leader"))) == [wutong]
    assert list(selectors.petitions_visible_to(user("city_leader"))) == [wutong]
    page = login_client("gaoqiao_clerk").get("/petitions/")
    assert wutong.number not in page.content.decode()
    api = login_client("gaoqiao_leader").get("/api/v1/petitions")
    assert api.json()["count"] == 0


def test_the_unit_sees_what_it_was_sent_and_other_units_do_not(wutong):
    assert selectors.petitions_visible_to(user("wutong_handler")).filter(pk=wutong.pk).exists()
    assert not selectors.petitions_visible_to(user("renshe_handler")).exists()


def test_citizens_and_strangers_see_nothing(wutong, login_client):
    assert login_client("demo_worker").get(f"/petitions/{wutong.pk}/").status_code == 404
    assert login_client("demo_worker").get("/petitions/").status_code == 404
