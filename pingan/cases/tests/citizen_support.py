"""Shared by the citizen page tests: a report as a citizen files it, a department answering it,
and a real (tiny) PNG for uploads."""

import re
import struct
import zlib

from pingan.cases import services
from pingan.notify.models import OutboxMessage
from pingan.org.models import User

WUTONG = "330483001"
QINGFENG = "330483001015"  # 庆丰社区, a community of 梧桐街道


def png_bytes(width: int = 8, height: int = 8) -> bytes:
    """A valid PNG (a small blue square), made by hand so no image library is needed."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x0b\x5c\xad" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def query_code_in(message: OutboxMessage) -> str:
    match = re.search(r"查询码(\d{6})", message.body)
    assert match, message.body
    return match.group(1)


def user(username: str) -> User:
    return User.objects.get(username=username)


def online_case(
    *, actor=None, phone="13957309001", description="夜里十一点后工地还在打桩", **extra
):
    """A report made on the citizen form's channel: (case, query code)."""
    from django.contrib.auth.models import AnonymousUser

    return services.case_create(
        actor=actor or AnonymousUser(),
        channel="online",
        kind=extra.pop("kind", "complaint"),
        category=extra.pop("category", "city.noise"),
        region=extra.pop("region", QINGFENG),
        description=description,
        reporter_phone=phone,
        **extra,
    )


def bring_to_signed(case):
    if case.status == "new":
        case = services.case_accept(case=case, actor=user("hotline"))
    case = services.case_dispatch(
        case=case, actor=user("city_dispatcher"), department="wutong-office"
    )
    return services.case_sign(case=case, actor=user("wutong_handler"))


def answer(case, text="已责令工地晚上十点后停止施工，并安排夜间巡查。"):
    """Accept, dispatch, sign for and answer, each by the persona whose job it is."""
    case = bring_to_signed(case)
    return services.case_answer(case=case, actor=user("wutong_handler"), answer=text)
