"""Personas × pages and endpoints: each sees their jurisdiction and nothing else."""

import pytest

WUTONG, GAOQIAO, WUTONG_VILLAGE, CITY = "330483001", "330483004", "330483001001", "330483"

# (persona, url, expected status); None is the anonymous visitor.
PAGE_MATRIX = [
    ("wutong_clerk", f"/org/regions/{WUTONG}/", 200),
    ("wutong_clerk", f"/org/regions/{WUTONG_VILLAGE}/", 200),
    ("wutong_clerk", f"/org/regions/{GAOQIAO}/", 404),
    ("wutong_clerk", f"/org/regions/{CITY}/", 404),
    ("gaoqiao_clerk", f"/org/regions/{GAOQIAO}/", 200),
    ("gaoqiao_clerk", f"/org/regions/{WUTONG}/", 404),
    ("city_leader", f"/org/regions/{CITY}/", 200),
    ("city_leader", f"/org/regions/{WUTONG}/", 200),
    ("city_leader", f"/org/regions/{GAOQIAO}/", 200),
    ("tudian_inspector", f"/org/regions/{WUTONG}/", 404),
    ("demo_worker", f"/org/regions/{WUTONG}/", 404),
    ("demo_worker", "/org/jurisdiction/", 404),
    ("wutong_clerk", "/org/regions/999999/", 404),
    ("admin", f"/org/regions/{GAOQIAO}/", 200),
    ("wutong_clerk", "/", 200),
    ("demo_worker", "/", 200),
    ("demo_worker", "/account/", 200),
    ("wutong_clerk", "/admin/", 302),
    ("admin", "/admin/core/auditentry/", 200),
]

ANONYMOUS_STAFF_PAGES = ["/", "/account/", "/org/jurisdiction/", f"/org/regions/{WUTONG}/"]


@pytest.mark.parametrize(("username", "url", "status"), PAGE_MATRIX)
def test_page_matrix(login_client, username, url, status):
    response = login_client(username).get(url)
    assert response.status_code == status, (username, url)


@pytest.mark.parametrize("url", ANONYMOUS_STAFF_PAGES)
def test_anonymous_sees_no_staff_page(client, demo_city, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_wutong_clerk_region_page_lists_only_wutong_children(login_client):
    body = login_client("wutong_clerk").get(f"/org/regions/{WUTONG}/").content.decode()
    assert "桃园村" in body and "星火村" in body
    assert "高桥村" not in body


def test_jurisdiction_redirects_to_the_single_region(login_client):
    response = login_client("wutong_clerk").get("/org/jurisdiction/")
    assert response.status_code == 302 and response["Location"] == f"/org/regions/{WUTONG}/"


@pytest.mark.parametrize(
    ("username", "codes"),
    [
        ("wutong_clerk", [WUTONG]),
        ("gaoqiao_clerk", [GAOQIAO]),
        ("city_leader", [CITY]),
        ("demo_worker", []),
    ],
)
def test_api_me_reports_jurisdiction(client, persona, username, codes):
    client.force_login(persona(username))
    body = client.get("/api/v1/me").json()
    assert [r["code"] for r in body["jurisdiction"]] == codes
    assert "*" in body["phone"]


def test_scope_helper_filters_records_by_subtree(persona):
    from pingan.org import scoping
    from pingan.org.models import Department

    clerk = persona("wutong_clerk")
    visible = set(scoping.scope(Department.objects.all(), clerk).values_list("code", flat=True))
    assert "wutong-pcs" in visible
    assert "gaoqiao-pcs" not in visible and "gongan" not in visible
    leader = persona("city_leader")
    assert scoping.scope(Department.objects.all(), leader).count() == Department.objects.count()
    assert not scoping.scope(Department.objects.all(), persona("demo_worker")).exists()
