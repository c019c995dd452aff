"""Back-office screens: categories are edited with their routes; cases and events are read-only."""

import pytest

from pingan.cases.tests.factories import case_in, user


@pytest.fixture
def admin_client(client, categories):
    client.force_login(user("admin"))
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/admin/cases/category/",
        "/admin/cases/categoryroute/",
        "/admin/cases/case/",
        "/admin/cases/caseevent/",
        "/admin/cases/extensionrequest/",
        "/admin/cases/followup/",
        "/admin/cases/casephoto/",
        "/admin/cases/category/add/",
    ],
)
def test_pages_open(admin_client, url):
    assert admin_client.get(url).status_code == 200


def test_category_page_has_routes_inline(admin_client, categories):
    response = admin_client.get(f"/admin/cases/category/{categories['city.noise'].pk}/change/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "梧桐街道办事处" in body and "routes-TOTAL_FORMS" in body


def test_case_page_is_read_only_and_masked(admin_client):
    case = case_in("signed", reporter_phone="13800571234", reporter_name="王小明")
    response = admin_client.get(f"/admin/cases/case/{case.pk}/change/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "138****1234" in body and "13800571234" not in body
    assert 'name="status"' not in body and "_save" not in body
    assert (
        admin_client.post(f"/admin/cases/case/{case.pk}/change/", {"status": "closed"}).status_code
        == 403
    )
    assert admin_client.get("/admin/cases/case/add/").status_code == 403
    assert admin_client.get(f"/admin/cases/case/{case.pk}/delete/").status_code == 403
    case.refresh_from_db()
    assert case.status == "signed"
