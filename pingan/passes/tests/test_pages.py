"""The holder's page, the guard's page (typed entry and photo), forms' bad input."""

import io
from datetime import timedelta

import pytest
import segno
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pingan.passes.models import Invitation, ScanLog, TravelPass
from pingan.passes.selectors import current_codes
from pingan.passes.tests.factories import holder
from pingan.places import demo as places_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(city, user):
    return holder(
        name="张建军",
        user=user("demo_worker"),
        residence=places_demo.compound(),
        employer=places_demo.factory(),
    )


def test_holder_page_shows_qr_colour_masked_name_place(
    worker, client, user, django_assert_max_num_queries
):
    client.force_login(user("demo_worker"))
    with django_assert_max_num_queries(20):
        response = client.get("/passes/my/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and 'data-status="green"' in html
    assert "张*军" in html and "梧桐街道 金域兰庭" in html
    # The navbar greets the logged-in holder by name; the codes themselves show it masked.
    assert "张建军" not in html.split('id="main"')[1]


def test_holder_page_without_registration(city, client, user):
    client.force_login(user("guard_factory"))
    assert 'data-testid="not-registered"' in client.get("/passes/my/").content.decode()


def test_qr_is_alphanumeric_level_q(worker):
    from pingan.passes import qr

    payload = current_codes(worker)[0]["payload"]
    code = segno.make_qr(payload, error="q", mode="alphanumeric", boost_error=False)
    assert code.error == "Q" and code.mode == "alphanumeric"
    assert qr.svg(payload).startswith("<svg")


def test_travel_form(worker, client, user):
    client.force_login(user("demo_worker"))
    bad = client.post("/passes/my/travel/", {"valid_from": "", "days": "99"})
    assert bad.status_code == 400 and not TravelPass.objects.filter(person=worker).exists()
    good = client.post(
        "/passes/my/travel/", {"valid_from": timezone.localdate().isoformat(), "days": "3"}
    )
    assert good.status_code == 302
    assert TravelPass.objects.filter(person=worker).count() == 1


def test_invite_form(worker, client, user):
    visitor = holder(name="钱多多")
    client.force_login(user("demo_worker"))
    unknown = client.post(
        "/passes/my/invite/", {"phone": "13957308598", "day": timezone.localdate().isoformat()}
    )
    assert unknown.status_code == 400 and "访客尚未登记" in unknown.content.decode()
    ok = client.post(
        "/passes/my/invite/",
        {"phone": visitor.phone, "day": (timezone.localdate() + timedelta(days=1)).isoformat()},
    )
    assert ok.status_code == 302
    assert Invitation.objects.filter(host=worker, visitor=visitor).count() == 1


def test_guard_page_and_typed_scan(worker, client, user, gates):
    client.force_login(user("guard_factory"))
    page = client.get("/passes/scan/")
    assert page.status_code == 200 and "恒达纺织东门" in page.content.decode()
    payload = current_codes(worker)[0]["payload"]
    answer = client.post(
        "/passes/scan/check/",
        {"payload": payload, "checkpoint": gates["factory"].pk},
        HTTP_HX_REQUEST="true",
    )
    html = answer.content.decode()
    assert 'data-result="pass"' in html and "张*军" in html
    empty = client.post("/passes/scan/check/", {"payload": "", "checkpoint": gates["factory"].pk})
    assert empty.status_code == 400


def test_guard_photo_scan_decoded_by_zxing(worker, client, user, gates):
    client.force_login(user("guard_factory"))
    payload = current_codes(worker)[0]["payload"]
    buffer = io.BytesIO()
    segno.make_qr(payload, error="q", mode="alphanumeric").save(buffer, kind="png", scale=6)
    photo = SimpleUploadedFile("code.png", buffer.getvalue(), content_type="image/png")
    response = client.post(
        "/passes/scan/photo/", {"image": photo, "checkpoint": gates["factory"].pk}
    )
    assert 'data-result="pass"' in response.content.decode()
    junk = SimpleUploadedFile("x.png", b"not an image", content_type="image/png")
    refused = client.post("/passes/scan/photo/", {"image": junk, "checkpoint": gates["factory"].pk})
    assert refused.status_code == 400 and "未识别到二维码" in refused.content.decode()


def test_non_guards_have_no_scan_page(city, client, user):
    before = ScanLog.objects.count()
    for username in ("demo_worker", "wutong_clerk"):
        client.force_login(user(username))
        assert client.get("/passes/scan/").status_code == 404
        assert client.post("/passes/scan/check/", {"payload": "x"}).status_code == 404
    assert ScanLog.objects.count() == before
