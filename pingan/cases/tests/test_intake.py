"""Intake: numbering, acceptance by channel, the query code SMS, personal data at rest, and bad
input refused with a clear message and nothing written."""

import io
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from PIL import Image

from pingan.cases import selectors, services
from pingan.cases.models import Case, CaseEvent, CasePhoto
from pingan.cases.tests.factories import new_case, user
from pingan.core.errors import DomainError
from pingan.core.models import AuditEntry

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _image(kind: str) -> bytes:
    """A real 4×4 image: uploads are parsed by Pillow, a magic number alone is refused."""
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(buffer, kind)
    return buffer.getvalue()


PNG = _image("PNG")
JPEG = _image("JPEG")
WEBP = _image("WEBP")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_numbers_count_up_per_local_day(categories):
    # 23:30 UTC on the 1st is already the 2nd in Shanghai.
    with time_machine.travel(datetime(2026, 3, 1, 23, 30, tzinfo=ZoneInfo("UTC")), tick=False):
        first, second = new_case(), new_case()
    assert first.number == "GD2026030200001"
    assert second.number == "GD2026030200002"
    with time_machine.travel(datetime(2026, 3, 3, 9, 0, tzinfo=SHANGHAI), tick=False):
        assert new_case().number == "GD2026030300001"


def test_staff_channel_is_accepted_at_once_with_deadlines(categories, outbox):
    case, code = services.case_create(
        actor=user("hotline"),
        channel="hotline",
        kind="complaint",
        category="city.noise",
        region="330483001011",
        description="夜间施工噪音扰民\n第二行细节",
        reporter_phone="138 0057 1234",
        reporter_name="王先生",
    )
    assert case.status == "accepted"
    assert case.title == "夜间施工噪音扰民"
    assert case.accepted_at and case.due_at and case.due_warn_at
    assert case.reporter is None and case.created_by == user("hotline")
    assert [e.kind for e in case.events.all()] == ["create", "accept"]
    assert len(code) == 6 and code.isdigit()
    assert selectors.query_code_matches(case, code)
    assert not selectors.query_code_matches(case, "000000" if code != "000000" else "111111")
    [sms] = outbox("case_received")
    assert sms.phone == "13800571234"
    assert case.number in sms.body and code in sms.body and "/track/" in sms.body
    assert sms.body.startswith("【平安桐乡】")


def test_online_report_by_a_citizen_starts_new_and_is_theirs(categories):
    worker = user("demo_worker")
    case, _code = services.case_create(
        actor=worker,
        channel="online",
        kind="consult",
        category="labour.contract",
        region="330483001",
        description="社保如何转移？",
    )
    assert case.status == "new"
    assert case.due_at is None
    assert case.reporter == worker
    assert case.reporter_phone == worker.phone
    assert selectors.cases_visible_to(worker).filter(pk=case.pk).exists()


def test_anonymous_online_report_needs_a_phone(categories):
    with pytest.raises(DomainError) as refused:
        services.case_create(
            actor=None,
            channel="online",
            kind="complaint",
            category="city.noise",
            region="330483001",
            description="噪音",
        )
    assert refused.value.code == "invalid_phone"
    case, _ = services.case_create(
        actor=None,
        channel="online",
        kind="complaint",
        category="city.noise",
        region="330483001",
        description="噪音",
        reporter_phone="13800571234",
        anonymous=True,
    )
    assert case.status == "new" and case.created_by is None and case.masked_reporter_name == ""


def test_grid_member_outside_their_grid_registers_but_does_not_accept(categories):
    inside = new_case(actor="wutong_grid", channel="grid", kind="hazard", region="330483001001")
    outside = new_case(actor="wutong_grid", channel="grid", kind="hazard", region="330483001002")
    assert inside.status == "accepted"
    assert outside.status == "new"
    assert selectors.cases_visible_to(user("wutong_grid")).filter(pk=outside.pk).exists()


BAD_INPUT = [
    ({"kind": "gossip"}, "unknown_kind", "未知的诉求类型"),
    ({"channel": "pigeon"}, "unknown_channel", "未知的来源渠道"),
    ({"category": "no.such"}, "unknown_category", "未知的事项分类"),
    ({"region": "999999"}, "unknown_region", "未知的区划代码"),
    ({"description": "   "}, "empty_description", "请填写问题描述"),
    ({"reporter_phone": "12345"}, "invalid_phone", "手机号码格式不正确"),
    ({"reporter_phone": ""}, "invalid_phone", "请填写反映人手机号码"),
    ({"kind": "consult", "category": "petition"}, "kind_not_allowed", "不受理"),
    ({"latitude": "91"}, "invalid_location", "纬度"),
    ({"longitude": "abc"}, "invalid_location", "经度"),
    ({"description": "长" * 4001}, "text_too_long", "内容过长"),
]


@pytest.mark.parametrize(("override", "code", "message"), BAD_INPUT)
def test_bad_input_is_refused_and_nothing_is_written(categories, outbox, override, code, message):
    arguments = {
        "actor": user("hotline"),
        "channel": "hotline",
        "kind": "complaint",
        "category": "city.noise",
        "region": "330483001011",
        "description": "噪音",
        "reporter_phone": "13800571234",
        **override,
    }
    before = (Case.objects.count(), CaseEvent.objects.count(), len(outbox()))
    with pytest.raises(DomainError) as refused:
        services.case_create(**arguments)
    assert refused.value.code == code
    assert message in str(refused.value.message)
    assert refused.value.status < 500
    assert (Case.objects.count(), CaseEvent.objects.count(), len(outbox())) == before


def test_citizens_cannot_use_staff_channels_or_mark_urgent(categories):
    worker = user("demo_worker")
    base = {
        "actor": worker,
        "kind": "complaint",
        "category": "city.noise",
        "region": "330483001",
        "description": "噪音",
    }
    with pytest.raises(DomainError) as staff_channel:
        services.case_create(channel="hotline", **base)
    assert staff_channel.value.status == 403
    with pytest.raises(DomainError) as urgent:
        services.case_create(channel="online", urgent=True, **base)
    assert urgent.value.code == "urgent_not_allowed"
    assert not Case.objects.filter(created_by=worker).exists()


def test_reporter_details_are_encrypted_and_audited_masked(categories):
    case = new_case(reporter_phone="13800571234", reporter_name="王小明")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reporter_phone, reporter_name FROM cases_case WHERE id = %s", [case.pk]
        )
        phone_raw, name_raw = cursor.fetchone()
    assert "13800571234" not in phone_raw and "王小明" not in name_raw
    entry = AuditEntry.objects.get(
        action="create", content_type__model="case", object_id=str(case.pk)
    )
    assert entry.changes["reporter_phone"][1] == "138****1234"
    assert entry.changes["reporter_name"][1] == "王*明"
    assert entry.changes["query_code_hash"][1] == "***"
    assert entry.actor == user("hotline")
    assert selectors.cases_by_phone(user("hotline"), "13800571234").get() == case


def _upload(name, content, content_type="image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_photos_are_checked_by_content(categories):
    case = new_case(photos=(_upload("a.png", PNG), _upload("b.jpg", JPEG), _upload("c", WEBP)))
    types = sorted(case.photos.values_list("content_type", flat=True))
    assert types == ["image/jpeg", "image/png", "image/webp"]
    for photo in case.photos.all():
        assert photo.file.read(4) in (PNG[:4], JPEG[:4], WEBP[:4])
        # Stored under a random name of our own, never the name the client sent.
        assert re.fullmatch(r"[0-9a-f]{24}\.(png|jpg|webp)", photo.file.name.rsplit("/", 1)[1])


@pytest.mark.parametrize(
    ("photos", "code"),
    [
        ((_upload("x.png", b"<html>not an image</html>"),), "invalid_photo_type"),
        ((_upload("empty.png", b""),), "invalid_photo_type"),
        ((_upload("big.png", PNG + b"\x00" * (5 * 1024 * 1024)),), "photo_too_large"),
        (tuple(_upload(f"{n}.png", PNG) for n in range(7)), "too_many_photos"),
    ],
)
def test_bad_photos_are_refused_and_nothing_is_written(categories, photos, code):
    before = (Case.objects.count(), CasePhoto.objects.count())
    with pytest.raises(DomainError) as refused:
        new_case(photos=photos)
    assert refused.value.code == code
    assert (Case.objects.count(), CasePhoto.objects.count()) == before


def test_photos_can_be_added_up_to_six(categories):
    case = new_case(photos=tuple(_upload(f"{n}.png", PNG) for n in range(4)))
    services.case_add_photos(
        case=case, actor=user("hotline"), photos=(_upload("5.png", PNG), _upload("6.png", PNG))
    )
    assert case.photos.count() == 6
    with pytest.raises(DomainError) as refused:
        services.case_add_photos(case=case, actor=user("hotline"), photos=(_upload("7.png", PNG),))
    assert refused.value.code == "too_many_photos"
    assert case.events.filter(kind="photo").count() == 1
