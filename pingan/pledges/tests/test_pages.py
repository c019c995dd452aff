"""The pledges' pages: scoped staff pages, the public phone page, the QR code, the sheet."""

import datetime

from django.utils import timezone

from pingan.pledges.models import Pledge, Signature
from pingan.pledges.tests.factories import png


def test_staff_create_publish_and_see_coverage(demo_city, login_client):
    client = login_client("wutong_pingan")
    response = client.post(
        "/pledges/new/",
        {
            "region": _region_pk("330483001010"),
            "title": "城北村村规民约",
            "body": "一、邻里和睦。",
            "valid_from": timezone.localdate().isoformat(),
        },
    )
    pledge = Pledge.objects.get()
    assert response.status_code == 302 and response.url == f"/pledges/{pledge.pk}/"
    assert client.post(f"/pledges/{pledge.pk}/publish/").status_code == 302
    text = client.get(f"/pledges/{pledge.pk}/").content.decode()
    assert "已发布" in text and f"/pledges/p/{pledge.token}/" in text
    assert 'data-testid="coverage-total"' in text


def _region_pk(code):
    from pingan.org.models import Region

    return Region.objects.get(code=code).pk


def test_bad_pledge_input_changes_nothing(demo_city, login_client):
    client = login_client("wutong_pingan")
    response = client.post(
        "/pledges/new/",
        {
            "region": _region_pk("330483001010"),
            "title": "公约",
            "body": "内容",
            "valid_from": "2026-05-01",
            "valid_until": "2026-04-01",
        },
    )
    assert response.status_code == 422 and "有效期至不能早于生效日期" in response.content.decode()
    # A region of another street is not offered, and refused if posted.
    response = client.post(
        "/pledges/new/",
        {
            "region": _region_pk("330483004001"),
            "title": "公约",
            "body": "内容",
            "valid_from": "2026-05-01",
        },
    )
    assert response.status_code == 422
    assert not Pledge.objects.exists()


def test_pages_are_scoped(pledge, login_client):
    assert login_client("gaoqiao_pingan").get(f"/pledges/{pledge.pk}/").status_code == 404
    assert login_client("demo_worker").get("/pledges/").status_code == 404
    text = login_client("wutong_clerk").get("/pledges/").content.decode()
    assert pledge.title in text


def test_list_page_queries_do_not_grow(
    pledge, persona, login_client, django_assert_max_num_queries
):
    from pingan.pledges import services
    from pingan.pledges.tests.factories import published_pledge

    for n in range(5):
        extra = published_pledge(persona("wutong_pingan"), pledge.region, title=f"公约{n}")
        services.sign_paper(
            actor=persona("wutong_pingan"),
            pledge=extra,
            name="某人",
            phone=f"139573072{n:02d}",
            household="1号",
            sheet=png(),
        )
    client = login_client("wutong_pingan")
    with django_assert_max_num_queries(10):
        assert client.get("/pledges/").status_code == 200


def test_public_page_qr_and_print_sheet(pledge, client, login_client):
    text = client.get(f"/pledges/p/{pledge.token}/").content.decode()
    assert pledge.title in text and 'data-testid="sign-form"' in text
    qr = client.get(f"/pledges/p/{pledge.token}/qr.svg")
    assert qr.status_code == 200 and qr["Content-Type"] == "image/svg+xml"
    assert b"<svg" in qr.content
    sheet = login_client("wutong_pingan").get(f"/pledges/{pledge.pk}/sheet/?rows=12")
    assert sheet.content.decode().count('data-testid="sheet-row"') == 12
    assert 'class="pa-a4"' in sheet.content.decode()


def test_drafts_are_not_public_and_bad_posts_change_nothing(pledge, client, persona):
    from pingan.pledges import services

    draft = services.pledge_create(
        actor=persona("wutong_pingan"),
        region=pledge.region,
        title="草稿",
        body="内容",
        valid_from=timezone.localdate() + datetime.timedelta(days=3),
    )
    assert client.get(f"/pledges/p/{draft.token}/").status_code == 404
    response = client.post(
        f"/pledges/p/{pledge.token}/",
        {"action": "sign", "name": "某人", "phone": "13957307299", "household": "1号", "code": ""},
    )
    assert response.status_code == 422 and "请填写短信验证码" in response.content.decode()
    response = client.post(f"/pledges/p/{pledge.token}/", {"action": "code", "phone": "abc"})
    assert response.status_code == 400 and "手机号码格式不正确" in response.content.decode()
    assert not Signature.objects.exists()
