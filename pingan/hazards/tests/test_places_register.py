"""The place register: list and search within the jurisdiction, add and correct places (by the
region's inspectors and grid workers), with clear messages for bad input."""

import pytest
from django.urls import reverse

from pingan.core.errors import DomainError, NotFound
from pingan.hazards.tests import factories as f
from pingan.places import services
from pingan.places.models import Place

pytestmark = pytest.mark.django_db

NEW = {
    "kind": "rental",
    "name": "长兴街 33 号出租房",
    "region": "330483103005",
    "address": "屠甸镇长兴街33号",
    "owner": "许阿大",
    "contact_name": "许阿大",
    "contact_phone": "13957306011",
}


def test_search_by_name_kind_and_town(demo_city, login_client):
    client = login_client("city_leader")
    url = reverse("hazards:places")
    names = lambda r: {p.name for p in r.context["page"]}  # noqa: E731
    assert names(client.get(url, {"q": "荣发"})) == {f.FACTORY_TUDIAN}
    assert names(client.get(url, {"kind": "construction"})) == {f.SITE_TUDIAN}
    wutong = names(client.get(url, {"town": "330483001"}))
    assert f.SHOP_WUTONG in wutong and f.FACTORY_TUDIAN not in wutong
    tudian = names(login_client("tudian_inspector").get(url))
    assert f.FACTORY_TUDIAN in tudian and f.SHOP_WUTONG not in tudian


def test_add_place_from_the_page(demo_city, login_client):
    client = login_client("tudian_inspector")
    response = client.post(reverse("hazards:place-new"), {**NEW, "is_active": "on"})
    place = Place.objects.get(name=NEW["name"])
    assert response["Location"] == reverse("hazards:place", args=[place.pk])
    assert place.contact_phone == "13957306011" and place.masked_contact_phone == "139****6011"
    page = client.get(response["Location"]).content.decode()
    assert "139****6011" in page and "13957306011" not in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"region": "330483001001"}, "所属区域"),
        ({"contact_phone": "123"}, "联系电话不正确"),
        ({"credit_code": "91330483MA2B3C4D5E"}, "统一社会信用代码不正确"),
        ({"name": f.FACTORY_TUDIAN, "kind": "enterprise", "region": "330483103001"}, "同名同类"),
    ],
)
def test_add_place_bad_input_changes_nothing(demo_city, login_client, change, message):
    count = Place.objects.count()
    response = login_client("tudian_inspector").post(
        reverse("hazards:place-new"), {**NEW, **change}
    )
    assert response.status_code == 200 and message in response.content.decode()
    assert Place.objects.count() == count


def test_edit_keeps_an_old_credit_code_and_is_scoped(demo_city, login_client):
    place = f.place()
    Place.objects.filter(pk=place.pk).update(credit_code="91330483MA2B3C4D5E")  # bad check digit
    place.refresh_from_db()
    services.place_update(
        place=place, actor=f.user("tudian_inspector"), contact_phone="13957306012"
    )
    place.refresh_from_db()
    assert place.contact_phone == "13957306012" and place.credit_code == "91330483MA2B3C4D5E"
    with pytest.raises(NotFound):
        services.place_update(place=place, actor=f.user("wutong_inspector"), name="别的名字")
    with pytest.raises(DomainError) as refused:
        services.place_update(place=place, actor=f.user("tudian_leader"), name="别的名字")
    assert refused.value.status == 403
    assert (
        login_client("wutong_inspector")
        .get(reverse("hazards:place-edit", args=[place.pk]))
        .status_code
        == 404
    )


def test_edit_page(demo_city, login_client):
    place = f.place()
    client = login_client("tudian_inspector")
    form = client.get(reverse("hazards:place-edit", args=[place.pk]))
    assert form.context["form"].initial["name"] == place.name
    data = {**form.context["form"].initial, "address": "屠甸镇荣发路8号（新址）", "is_active": "on"}
    response = client.post(reverse("hazards:place-edit", args=[place.pk]), data)
    assert response.status_code == 302
    place.refresh_from_db()
    assert place.address == "屠甸镇荣发路8号（新址）"


def test_retired_place_is_not_inspected(demo_city):
    place = f.place()
    services.place_update(place=place, actor=f.user("tudian_inspector"), is_active=False)
    with pytest.raises(DomainError) as refused:
        f.new_hazard()
    assert refused.value.code == "place_inactive"
