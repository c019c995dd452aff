"""Bulk SMS pages: a town's officer sends only to their own town and sees only its batches;
the progress fragment polls until the batch is finished."""

import pytest

from pingan.core.errors import NotFound
from pingan.notify import bulk
from pingan.notify.models import SmsBatch
from pingan.notify.tests.bulk_helpers import officers, region_batch, residents

FORM = {
    "name": "平安提醒",
    "template": "bulk.notice",
    "content": "请注意用电安全。",
    "source": "region",
    "window_start": "08:00",
    "window_end": "20:00",
    "rate_per_minute": "100",
}


def test_an_officer_sends_to_their_own_town_only(demo_city, client):
    wutong, gaoqiao = officers()
    client.force_login(wutong)
    response = client.post("/sms/new/", {**FORM, "region": "330483001010"})
    batch = SmsBatch.objects.get()
    assert response.status_code == 302 and response.url == f"/sms/{batch.pk}/"
    assert batch.region.code == "330483001010" and batch.created_by == wutong
    # Another street's village: refused, nothing created.
    response = client.post("/sms/new/", {**FORM, "region": "330483004001"})
    assert response.status_code == 422
    assert SmsBatch.objects.count() == 1
    with pytest.raises(NotFound):
        region_batch(gaoqiao, code="330483001010")


def test_batches_are_seen_within_the_jurisdiction(demo_city, client):
    wutong, gaoqiao = officers()
    batch = region_batch(wutong)
    client.force_login(gaoqiao)
    assert client.get(f"/sms/{batch.pk}/").status_code == 404
    assert batch.name not in client.get("/sms/").content.decode()
    client.force_login(wutong)
    assert batch.name in client.get("/sms/").content.decode()


def test_people_without_the_role_do_not_see_the_pages(demo_city, client, persona):
    client.force_login(persona("wutong_clerk"))
    assert client.get("/sms/").status_code == 404
    assert client.get("/sms/new/").status_code == 404


def test_bad_input_gives_a_message_and_creates_nothing(demo_city, client):
    wutong, _ = officers()
    client.force_login(wutong)
    for changes, message in (
        ({"window_start": "21:00"}, "发送开始时间须早于结束时间"),
        ({"rate_per_minute": "100000"}, "每分钟 1 至 500 条"),
        ({"content": ""}, "请填写通知内容"),
        ({"template": "phone_code"}, "选择一个有效的选项"),
        ({"region": ""}, "请选择区域"),
    ):
        response = client.post("/sms/new/", {**FORM, "region": "330483001010", **changes})
        assert response.status_code == 422, changes
        assert message in response.content.decode(), changes
    assert not SmsBatch.objects.exists()


def test_the_progress_fragment_polls_until_finished(
    demo_city, client, django_assert_max_num_queries
):
    wutong, _ = officers()
    residents("330483001010", ["13957307171", "13957307172"])
    batch = region_batch(wutong)
    client.force_login(wutong)
    text = client.get(f"/sms/{batch.pk}/progress/").content.decode()
    assert 'hx-trigger="every 2s"' in text and "正在写入 0 / 约 2 条" in text
    bulk.queue_batch(batch.pk)
    SmsBatch.objects.filter(pk=batch.pk).update(sent=2)
    text = client.get(f"/sms/{batch.pk}/progress/").content.decode()
    assert "hx-trigger" not in text and "已完成" in text
    with django_assert_max_num_queries(8):
        assert client.get("/sms/").status_code == 200
