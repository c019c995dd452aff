"""The assist API: duplicates at intake, suggestions for a case, routing for a draft; staff
only, scoped, bad input answered as {"code", "message"} with a 4xx."""

import pytest

from pingan.cases import duplicates, search_index
from pingan.cases.tests.factories import new_case, user

JINYU = "330483001018"
WAGES = "金域兰庭小区工地泥工班组40多名工人被拖欠工资，建筑公司结算时压价，多次讨要未果。"
RETOLD = "我是金域兰庭工地的泥工，老板欠了我们三个月的工钱，一直不给。"


@pytest.fixture(autouse=True)
def _fresh_caches():
    search_index.forget_weights()
    duplicates.forget_references()


@pytest.fixture
def as_user(client):
    def _login(username):
        client.force_login(user(username))
        return client

    return _login


@pytest.fixture
def wage_case(categories):
    return new_case(kind="dispute", category="labour.wages", region=JINYU, description=WAGES,
                    reporter_phone="13957304001")  # fmt: skip


def get(client, url, **params):
    return client.get(url, params)


def test_duplicates_at_intake(as_user, wage_case):
    response = get(as_user("hotline"), "/api/v1/cases/duplicates", description=RETOLD,
                   region=JINYU, phone="13957304001", category="labour.wages")  # fmt: skip
    assert response.status_code == 200, response.json()
    [found] = response.json()
    assert found["case"]["number"] == wage_case.number
    assert found["case"]["region_name"] == "金域兰庭社区"
    assert found["case"]["category"] == "labour.wages"
    assert found["case"]["status_label"] == "已受理"
    assert "同一来电号码" in found["reasons"] and 0 < found["score"] <= 1


def test_the_case_path_still_answers_beside_it(as_user, wage_case):
    client = as_user("hotline")
    assert client.get(f"/api/v1/cases/{wage_case.pk}").json()["number"] == wage_case.number
    assert client.get("/api/v1/cases/duplicates", {"description": RETOLD}).status_code == 200
    assert client.get("/api/v1/cases/queues").status_code == 200


def test_suggestions_for_a_case(as_user, wage_case):
    second = new_case(kind="dispute", category="labour.wages", region=JINYU, description=RETOLD)
    response = as_user("city_dispatcher").get(f"/api/v1/cases/{second.pk}/suggestions")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert [d["case"]["number"] for d in body["duplicates"]] == [wage_case.number]
    renshe = {"code": "renshe", "name": "桐乡市人力资源和社会保障局"}
    assert body["departments"][0]["department"] == renshe
    assert body["departments"][0]["source"] == "rule"


def test_routing_for_a_draft(as_user, categories):
    response = get(as_user("wutong_clerk"), "/api/v1/routing/suggest", category="city.noise",
                   region=JINYU, description="工地夜里施工太吵")  # fmt: skip
    assert response.status_code == 200, response.json()
    [top] = response.json()
    assert top["department"]["code"] == "wutong-office"
    assert top["confidence"] == 0.75 and top["explanation"].startswith("按分派规则")


def test_scoped_to_the_callers_jurisdiction(as_user, wage_case):
    gaoqiao = as_user("gaoqiao_clerk")
    assert get(gaoqiao, "/api/v1/cases/duplicates", description=RETOLD).json() == []
    outside = get(gaoqiao, "/api/v1/cases/duplicates", description=RETOLD, region=JINYU)
    assert outside.status_code == 404 and outside.json()["code"] == "not_found"
    assert gaoqiao.get(f"/api/v1/cases/{wage_case.pk}/suggestions").status_code == 404
    route = get(gaoqiao, "/api/v1/routing/suggest", category="city.noise", region=JINYU)
    assert route.status_code == 404


def test_staff_only(client, as_user, wage_case):
    anonymous = client.get("/api/v1/cases/duplicates", {"description": RETOLD})
    assert anonymous.status_code == 401 and anonymous.json()["code"] == "unauthorized"
    citizen = as_user("demo_worker")
    for url in ["/api/v1/cases/duplicates", "/api/v1/routing/suggest"]:
        response = get(citizen, url, description=RETOLD, category="city.noise", region=JINYU)
        assert response.status_code == 403, url
        assert response.json() == {"code": "forbidden", "message": "仅限工作人员使用"}


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"description": "  "}, "empty_description"),
        ({"description": "！？"}, "empty_description"),
        ({}, "invalid_request"),
        ({"description": "x" * 4001}, "invalid_request"),
        ({"description": RETOLD, "phone": "110"}, "invalid_phone"),
        ({"description": RETOLD, "region": "999"}, "unknown_region"),
        ({"description": RETOLD, "category": "nope"}, "unknown_category"),
        ({"description": RETOLD, "lat": "30.6"}, "invalid_location"),
        ({"description": RETOLD, "lat": "north", "long": "120.5"}, "invalid_request"),
        ({"description": RETOLD, "lat": "95", "long": "120.5"}, "invalid_location"),
        ({"description": RETOLD, "limit": "0"}, "invalid_request"),
    ],
)
def test_bad_input_on_duplicates(as_user, categories, params, code):
    response = as_user("hotline").get("/api/v1/cases/duplicates", params)
    assert response.status_code == 422, response.json()
    body = response.json()
    assert body["code"] == code and body["message"]


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"region": JINYU}, "invalid_request"),
        ({"category": "nope", "region": JINYU}, "unknown_category"),
        ({"category": "city.noise", "region": "123"}, "unknown_region"),
        ({"category": "city.noise", "region": ""}, "unknown_region"),
    ],
)
def test_bad_input_on_routing(as_user, categories, params, code):
    response = as_user("hotline").get("/api/v1/routing/suggest", params)
    assert response.status_code == 422, response.json()
    assert response.json()["code"] == code


def test_unknown_case_is_404(as_user, categories):
    assert as_user("hotline").get("/api/v1/cases/999999/suggestions").status_code == 404


def test_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/cases/duplicates", "/api/v1/cases/{case_id}/suggestions",
            "/api/v1/routing/suggest"} <= paths.keys()  # fmt: skip
