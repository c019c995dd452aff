"""Test data for the Safety Day app."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from pingan.cases.tests.citizen_support import png_bytes
from pingan.org.models import Department, Region, User
from pingan.safety import services

SH = ZoneInfo("Asia/Shanghai")
MARCH = date(2026, 3, 1)
# What 屠甸镇 reported for 26 March (the article).
TUDIAN_TALLIES = {
    "people_reached": 0,
    "questionnaires": 8626,
    "banners": 185,
    "screens": 33,
    "sms_sent": 23705,
}
PNG = png_bytes()  # a real PNG: uploads are parsed, not matched by magic number


def user(username: str) -> User:
    return User.objects.get(username=username)


def region(code: str) -> Region:
    return Region.objects.get(code=code)


def at(day: date, hour: int = 9):
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=SH), tick=False)


def march_campaign():
    with at(date(2026, 3, 26)):
        return services.campaign_open(month=MARCH)


def report(campaign, *, actor="tudian_officer", code="330483103", when=date(2026, 3, 26), **kw):
    spec = {
        "kind": "talk",
        "held_on": when,
        "place": "屠甸镇文化广场",
        "departments": Department.objects.filter(code__in=["tudian-pcs", "xiaofang"]),
        "tallies": dict(TUDIAN_TALLIES),
    }
    spec.update(kw)
    with at(max(when, date(2026, 3, 26)), hour=18):
        return services.activity_report(
            campaign=campaign, actor=user(actor), region=region(code), **spec
        )


def png(name="photo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")
