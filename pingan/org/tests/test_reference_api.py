def test_regions_public_and_paginated(client, demo_city):
    body = client.get("/api/v1/regions", {"parent": "330483", "limit": 5}).json()
    assert body["count"] == 12
    assert len(body["items"]) == 5
    first = body["items"][0]
    assert set(first) == {"code", "name", "level", "parent"}
    assert first["parent"] == "330483" and first["level"] == "town"


def test_regions_within_subtree(client, demo_city):
    body = client.get("/api/v1/regions", {"within": "330483001", "level": "village"}).json()
    names = {r["name"] for r in body["items"]}
    assert "桃园村" in names and "高桥村" not in names


def test_bad_filter_value_is_422_with_code(client, demo_city):
    response = client.get("/api/v1/regions", {"level": "planet"})
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_request"


def test_departments_need_login_and_filter_by_region(client, persona):
    assert client.get("/api/v1/departments").status_code == 401
    client.force_login(persona("wutong_clerk"))
    body = client.get("/api/v1/departments", {"region": "330483001", "limit": 200}).json()
    codes = {d["code"] for d in body["items"]}
    assert {"wutong-pcs", "gongan", "fayuan"} <= codes
    assert "gaoqiao-pcs" not in codes


def test_openapi_document(client, db):
    doc = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/auth/token", "/api/v1/me", "/api/v1/regions", "/api/v1/departments"} <= set(
        doc["paths"]
    )
