"""An uploaded Excel list is validated row by row: every bad row is named with its reason and
nothing is created or queued; a good list is queued once per number."""

import pytest

from pingan.core.errors import DomainError
from pingan.notify import bulk
from pingan.notify.models import OutboxMessage, SmsBatch
from pingan.notify.tests.bulk_helpers import officers, xlsx
from pingan.org.models import Region


def test_bad_rows_are_named_and_nothing_is_queued(demo_city, django_capture_on_commit_callbacks):
    upload = xlsx(
        [
            ("张三", "13957307101"),
            ("李四", ""),  # row 3: empty
            ("王五", "1395730"),  # row 4: too short
            ("赵六", "0573-88881234"),  # row 5: a landline
            ("钱七", 13957307102),  # a number cell is fine
            ("孙八", "abc"),  # row 7
        ]
    )
    with pytest.raises(DomainError) as refused:
        bulk.read_list(upload)
    error = refused.value
    assert error.code == "list_bad_rows"
    assert "4 行有误" in str(error.message) and "未发送任何短信" in str(error.message)
    assert [(row["row"], row["reason"]) for row in error.details] == [
        (3, "手机号为空"),
        (4, "手机号码格式不正确"),
        (5, "不是手机号，无法接收短信"),
        (7, "手机号码格式不正确"),
    ]
    assert not SmsBatch.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_the_page_shows_the_bad_rows_and_creates_nothing(demo_city, client):
    officer, _ = officers()
    client.force_login(officer)
    response = client.post(
        "/sms/new/",
        {
            "name": "名单群发",
            "template": "bulk.notice",
            "content": "通知",
            "source": "excel",
            "region": "330483001",
            "window_start": "08:00",
            "window_end": "20:00",
            "rate_per_minute": "100",
            "upload": xlsx([("张三", "13957307101"), ("李四", "12")]),
        },
    )
    assert response.status_code == 422
    text = response.content.decode()
    assert 'data-testid="bad-rows"' in text and "<td>3</td>" in text
    assert not SmsBatch.objects.exists()


def test_a_file_that_is_not_a_workbook_or_has_no_phone_column(demo_city):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(DomainError) as refused:
        bulk.read_list(SimpleUploadedFile("a.xlsx", b"not a workbook"))
    assert refused.value.code == "list_unreadable"
    with pytest.raises(DomainError) as refused:
        bulk.read_list(xlsx([("张三", "13957307101")], header=("姓名", "地址")))
    assert refused.value.code == "list_no_phone_column"


def test_a_good_list_is_queued_once_per_number(demo_city):
    officer, _ = officers()
    entries = bulk.read_list(
        xlsx([("张三", "13957307101"), ("张三", "139 5730 7101"), ("李四", "13957307102")])
    )
    assert entries == [["13957307101", "张三"], ["13957307102", "李四"]]
    batch = bulk.batch_create(
        actor=officer,
        name="名单",
        template="bulk.greeting",
        content="请注意防火。",
        source=SmsBatch.Source.EXCEL,
        region=Region.objects.get(code="330483001"),
        entries=entries,
    )
    assert not OutboxMessage.objects.exists()  # the request only created the batch
    assert bulk.queue_batch(batch.pk) == 2
    batch.refresh_from_db()
    assert (batch.status, batch.total, batch.recipients) == (SmsBatch.QUEUED, 2, "")
    bodies = sorted(m.body for m in OutboxMessage.objects.filter(batch=batch))
    assert bodies == ["【平安桐乡】张三您好：请注意防火。", "【平安桐乡】李四您好：请注意防火。"]
