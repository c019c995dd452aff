"""Test data for hazards: made through the services (so each has a real timeline) and driven to
any status by `hazard_in`."""

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pingan.cases.tests.citizen_support import png_bytes
from pingan.hazards import services
from pingan.hazards.deadlines import local_today
from pingan.hazards.models import Hazard
from pingan.org.models import User
from pingan.places.models import Place

FACTORY_TUDIAN = "屠甸镇荣发五金厂"
SITE_TUDIAN = "荣星村安置房二期工地"
SHOP_WUTONG = "复兴路百姓超市"
PNG = png_bytes()  # a real PNG: uploads are parsed, not matched by magic number


def user(username: str) -> User:
    return User.objects.get(username=username)


def place(name: str = FACTORY_TUDIAN) -> Place:
    return Place.objects.get(name=name)


def png(name="photo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def fake_jpeg(name="virus.jpg") -> SimpleUploadedFile:
    """A file that calls itself a JPEG but is not one."""
    return SimpleUploadedFile(name, b"MZ\x90\x00not an image", content_type="image/jpeg")


def big_png(name="big.png") -> SimpleUploadedFile:
    data = io.BytesIO(PNG + b"\x00" * (5 * 1024 * 1024 + 1))
    return SimpleUploadedFile(name, data.getvalue(), content_type="image/png")


def in_days(days: int):
    return local_today(timezone.now()) + timedelta(days=days)


def new_hazard(*, actor="tudian_inspector", at=FACTORY_TUDIAN, grade="", **kwargs) -> Hazard:
    actor = user(actor) if isinstance(actor, str) else actor
    kwargs.setdefault("title", "安全出口堵塞")
    kwargs.setdefault("description", "车间北侧安全出口堆放货物")
    return services.hazard_record(actor=actor, place=place(at), grade=grade, **kwargs)


def order(hazard, *, actor="tudian_inspector", grade="general", days=7, **kwargs) -> Hazard:
    kwargs.setdefault("requirements", "清理货物，保持出口畅通")
    if grade == "major":
        kwargs.setdefault("plan", "项目部负责，三日内完成")
    return services.hazard_order(
        hazard=hazard, actor=user(actor), grade=grade, due_on=in_days(days), **kwargs
    )


def hazard_in(status: str, *, grade="general", at=FACTORY_TUDIAN, leader="tudian_leader"):
    """A hazard driven through the services to `status`."""
    hazard = new_hazard(at=at)
    if status == "found":
        return hazard
    inspector = user("tudian_inspector")
    if status == "dismissed":
        return services.hazard_dismiss(hazard=hazard, actor=inspector, reason="不构成隐患")
    order(hazard, grade=grade)
    if status == "rectifying":
        return Hazard.objects.get(pk=hazard.pk)
    services.hazard_request_review(hazard=hazard, actor=inspector, note="已整改")
    if status == "review_requested":
        return Hazard.objects.get(pk=hazard.pk)
    services.hazard_pass(hazard=hazard, actor=inspector)
    if status == "reinspected":
        return Hazard.objects.get(pk=hazard.pk)
    closer = user(leader) if grade == "major" else inspector
    return services.hazard_close(hazard=hazard, actor=closer)
