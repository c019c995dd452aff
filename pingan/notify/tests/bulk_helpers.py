"""Shared steps of the bulk SMS tests: residents, Excel lists, a batch."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from pingan.notify import bulk
from pingan.notify.models import SmsBatch
from pingan.org.demo import seed_accounts
from pingan.org.models import Region, User
from pingan.people.models import Person
from pingan.pledges.demo import ACCOUNTS


def officers():
    seed_accounts(ACCOUNTS)
    return User.objects.get(username="wutong_pingan"), User.objects.get(username="gaoqiao_pingan")


def residents(code: str, phones: list[str]) -> None:
    region = Region.objects.get(code=code)
    for n, phone in enumerate(phones):
        Person.objects.create(name=f"居民{n}", phone=phone, region=region)


def xlsx(rows, header=("姓名", "手机号")) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("名单.xlsx", buffer.getvalue())


def region_batch(actor, code="330483001010", **options) -> SmsBatch:
    fields = {
        "name": "平安桐乡日提醒",
        "template": "bulk.greeting",
        "content": "本月26日是平安桐乡日。",
        "source": SmsBatch.Source.REGION,
        "region": Region.objects.get(code=code),
        "send_after": datetime.datetime(2026, 11, 26, 1, 0, tzinfo=datetime.UTC),  # 09:00 local
    }
    fields.update(options)
    return bulk.batch_create(actor=actor, **fields)
