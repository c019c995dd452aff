"""Reading Open311 request parameters. The spec's "optional" means an empty parameter is the
same as an absent one; everything malformed is a 400 with the parameter named."""

import re
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from pingan.core.errors import DomainError

# "Default query limit is a span of 90 days or first 1000 requests returned" (GeoReport v2).
MAX_SPAN = timedelta(days=90)
MAX_RESULTS = 1000
ATTRIBUTE_KEY = re.compile(r"^attribute\[([^\[\]]+)\](\[\])?$")
# An unencoded "+" in a query string arrives as a space: "2026-01-01T00:00:00 08:00".
SPACE_OFFSET = re.compile(r"^(\S+T\S+) (\d{2}:?\d{2})$")


def bad(message, code: str = "invalid_parameter") -> DomainError:
    return DomainError(code, message, status=400)


def optional(data, name: str) -> str:
    return (data.get(name) or "").strip()


def csv_list(raw: str) -> list[str]:
    return list(dict.fromkeys(part.strip() for part in (raw or "").split(",") if part.strip()))


def _coordinate(raw: str, name: str, limit: int) -> Decimal:
    try:
        value = Decimal(raw)
    except (InvalidOperation, ValueError):
        value = None
    if value is None or not value.is_finite() or not -limit <= value <= limit:
        raise bad(
            _("%(name)s 应为 -%(limit)s 到 %(limit)s 之间的数字（WGS84）")
            % {"name": name, "limit": limit},
            "invalid_location",
        )
    return value.quantize(Decimal("0.000001"))


def coordinates(data) -> tuple[Decimal | None, Decimal | None]:
    lat, lon = optional(data, "lat"), optional(data, "long")
    if not lat and not lon:
        return None, None
    if not lat or not lon:
        raise bad(_("lat 和 long 需要同时提供"), "invalid_location")
    return _coordinate(lat, "lat", 90), _coordinate(lon, "long", 180)


def w3c_datetime(data, name: str) -> datetime | None:
    raw = optional(data, name)
    if not raw:
        return None
    spaced = SPACE_OFFSET.match(raw)
    if spaced:
        raw = f"{spaced[1]}+{spaced[2]}"
    try:
        value = parse_datetime(raw)
    except ValueError:
        value = None
    if value is None or value.tzinfo is None:
        raise bad(
            _("%(name)s 应为带时区的 W3C 日期时间，例如 2026-01-01T00:00:00+08:00")
            % {"name": name},
            "invalid_date",
        )
    return value


def date_range(data, now: datetime) -> tuple[datetime, datetime]:
    """start_date/end_date: the most recent 90 days when neither is given, 90 days from the
    one given, and never a span of more than 90 days."""
    start, end = w3c_datetime(data, "start_date"), w3c_datetime(data, "end_date")
    if start is None and end is None:
        return now - MAX_SPAN, now
    if start is None:
        return end - MAX_SPAN, end
    if end is None:
        return start, start + MAX_SPAN
    if start > end:
        raise bad(_("start_date 不能晚于 end_date"), "invalid_date")
    if end - start > MAX_SPAN:
        raise bad(_("start_date 到 end_date 不能超过 90 天"), "invalid_date")
    return start, end


def attributes(data) -> dict[str, list[str]]:
    """attribute[code]=value and, for lists, attribute[code][]=value (repeated)."""
    found: dict[str, list[str]] = {}
    for key in data:
        match = ATTRIBUTE_KEY.match(key)
        if match:
            found.setdefault(match[1].strip(), []).extend(data.getlist(key))
    return found
