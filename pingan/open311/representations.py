"""The GeoReport v2 documents as plain data (dicts and lists), in the field order of the spec;
render.py writes them as JSON or XML.

Personal data stays out: no reporter name, phone or email is ever a field, and the published
description has the reporter's name and anything that looks like a phone number, an ID number
or an email address masked, since citizens often write their number into the text.
"""

import re
from datetime import UTC

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.cases.workflow import OPEN, Status
from pingan.core.masking import mask_id_number, mask_name, mask_phone
from pingan.open311 import catalogue
from pingan.open311.models import Open311Request

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
FORMATS = {"xml": "text/xml", "json": "application/json"}

ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<!\d)(?:(?:\+|00)?86[- ]?)?(1[3-9]\d{9})(?!\d)")
LANDLINE = re.compile(r"(?<!\d)0\d{2,3}-\d{7,8}(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")


def w3c(moment) -> str | None:
    """ISO 8601 in Asia/Shanghai with its offset, to the second (2026-01-05T09:30:00+08:00)."""
    if moment is None:
        return None
    return timezone.localtime(moment).isoformat(timespec="seconds")


def public_text(text: str, reporter_name: str = "") -> str:
    text = ID_NUMBER.sub(lambda m: mask_id_number(m[0]), text or "")
    text = MOBILE.sub(lambda m: mask_phone(m[1]), text)
    text = LANDLINE.sub(lambda m: m[0][:4] + "*" * (len(m[0]) - 6) + m[0][-2:], text)
    text = EMAIL.sub(lambda m: f"***@{m[1]}", text)
    name = (reporter_name or "").strip()
    if len(name) >= 2:
        text = text.replace(name, mask_name(name))
    return text


def discovery(*, url: str, changeset, endpoint_type: str) -> dict:
    stamp = changeset.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "changeset": stamp,
        "contact": str(_("桐乡市 12345 政务服务热线：拨打 12345，或在平安桐乡网站留言")),
        "key_service": str(
            _("接入 Open311 需向桐乡市 12345 热线管理办公室申请 api_key，由管理员在后台签发")
        ),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": url,
                "changeset": stamp,
                "type": endpoint_type,
                "formats": list(FORMATS.values()),
            }
        ],
    }


def service(category) -> dict:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description or category.full_name,
        "metadata": bool(catalogue.attributes(category)),
        "type": "realtime",
        "keywords": catalogue.keywords(category),
        "group": category.parent.name if category.parent else category.name,
    }


def service_definition(category) -> dict:
    return {"service_code": category.code, "attributes": catalogue.attributes(category)}


def created(request: Open311Request) -> dict:
    case = request.case
    return {
        "service_request_id": case.number,
        "service_notice": str(
            _("已登记为工单 %(number)s，%(notice)s。工单号和查询码已通过短信发送到您的手机。")
            % {"number": case.number, "notice": catalogue.notice(case.category, case.kind)}
        ),
        "account_id": request.account_id or None,
    }


def _status_notes(case, handled) -> str:
    if case.status == Status.MERGED and handled is not case:
        return str(
            _("已与工单 %(number)s 合并办理，当前状态：%(status)s")
            % {"number": handled.number, "status": handled.status_label}
        )
    if handled.status == Status.ANSWERED:
        return str(_("已答复，待回访；答复内容请凭工单号和查询码查看"))
    return handled.status_label


def service_request(request: Open311Request) -> dict:
    case = request.case
    # The case that is actually handled: a merged report follows its main case.
    handled = case.merged_into if case.merged_into_id else case
    is_open = handled.status in OPEN or handled.status == Status.ANSWERED
    updated = max(case.updated_at, handled.updated_at)
    if not is_open and handled.closed_at:
        updated = handled.closed_at
    return {
        "service_request_id": case.number,
        "status": "open" if is_open else "closed",
        "status_notes": _status_notes(case, handled),
        "service_name": case.category.name,
        "service_code": case.category.code,
        "description": public_text(case.description, case.reporter_name),
        "agency_responsible": handled.department.name if handled.department_id else None,
        "service_notice": catalogue.notice(handled.category, handled.kind, urgent=handled.urgent),
        "requested_datetime": w3c(case.created_at),
        "updated_datetime": w3c(updated),
        "expected_datetime": w3c(handled.due_at),
        "address": case.address or case.region.name,
        "address_id": case.region.code,
        "zipcode": None,
        "lat": float(case.latitude) if case.latitude is not None else None,
        "long": float(case.longitude) if case.longitude is not None else None,
        "media_url": request.media_url or None,
    }
