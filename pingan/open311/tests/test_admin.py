"""The back office: a new client's key is shown once and stored only as a hash."""

import re

from pingan.open311.models import Open311Client
from pingan.open311.services import hash_key
from pingan.open311.tests.conftest import BASE, VALID


def test_admin_issues_a_key_once(client, city, persona):
    client.force_login(persona("admin"))
    response = client.post(
        "/admin/open311/open311client/add/", {"name": "市民 App", "is_active": "on"}, follow=True
    )
    assert response.status_code == 200
    text = response.content.decode()
    key = re.search(r"api_key 为：(o311_[A-Za-z0-9_-]+)", text)[1]
    app = Open311Client.objects.get(name="市民 App")
    assert app.key_hash == hash_key(key)
    assert app.prefix == key[:8]
    assert key not in str(Open311Client.objects.filter(pk=app.pk).values().first())

    change_page = client.get(f"/admin/open311/open311client/{app.pk}/change/").content.decode()
    assert key not in change_page

    client.logout()
    response = client.post(f"{BASE}/requests.json", {**VALID, "api_key": key})
    assert response.status_code == 200, response.content.decode()
    assert Open311Client.objects.get(pk=app.pk).requests.count() == 1


def test_region_points_and_requests_have_admin_pages(client, city, persona, created):
    request = created()
    client.force_login(persona("admin"))
    assert client.get("/admin/open311/regionpoint/").status_code == 200
    page = client.get("/admin/open311/open311request/")
    assert page.status_code == 200
    assert request.case.number in page.content.decode()
