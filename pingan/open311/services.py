"""Writes of the Open311 app: issuing client keys and turning a posted service request into a
work order through the cases services (never by writing Case rows here)."""

import hashlib
import secrets
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from pingan.cases import services as case_services
from pingan.cases.models import Channel
from pingan.core import audit
from pingan.core.errors import DomainError
from pingan.open311 import catalogue, locate
from pingan.open311.models import Open311Client, Open311Request

KEY_PREFIX_CHARS = 8
MAX_ACCOUNT_ID = 100
MAX_MEDIA_URL = 500
MAX_NAME = 60
TITLE_CHARS = 30


def hash_key(raw: str) -> str:
    # Issued keys are 256 random bits, so a plain SHA-256 cannot be searched backwards; it also
    # survives a rotation of the PII key, unlike a keyed digest.
    return hashlib.sha256(raw.encode()).hexdigest()


def new_key() -> str:
    return "o311_" + secrets.token_urlsafe(32)


def set_key(client: Open311Client, raw: str) -> None:
    """Give an unsaved client the key `raw` (only its prefix and hash are kept)."""
    client.prefix = raw[:KEY_PREFIX_CHARS]
    client.key_hash = hash_key(raw)


def client_create(*, name: str, actor, key: str = "") -> tuple[Open311Client, str]:
    """A new client and its key (shown once). `key` fixes the key (the demo's); otherwise a
    random one is made."""
    name = (name or "").strip()
    if not name:
        raise DomainError("name_required", _("请填写客户端名称"), status=400)
    raw = key or new_key()
    client = Open311Client(name=name[:80])
    set_key(client, raw)
    with transaction.atomic(), audit.acting_as(actor):
        if Open311Client.objects.filter(key_hash=client.key_hash).exists():
            raise DomainError("key_taken", _("该密钥已被使用"), status=409)
        client.save()
    return client, raw


@dataclass
class Submission:
    """A POST requests call as parsed from the form (see params.py); not yet checked."""

    service_code: str
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    address_string: str = ""
    address_id: str = ""
    description: str = ""
    phone: str = ""
    first_name: str = ""
    last_name: str = ""
    account_id: str = ""
    media_url: str = ""
    attributes: dict[str, list[str]] = field(default_factory=dict)


def _media_url(value: str) -> str:
    if not value:
        return ""
    try:
        if len(value) > MAX_MEDIA_URL:
            raise ValidationError("too long")
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise DomainError(
            "invalid_media_url", _("media_url 应为 http(s) 网址，最长 500 字符"), status=400
        ) from None
    return value


def _title(description: str, urgent: bool) -> str:
    first = description.strip().splitlines()[0].strip() if description.strip() else ""
    if len(first) > TITLE_CHARS:
        first = first[: TITLE_CHARS - 1] + "…"
    # The citizen's own word on urgency is shown to intake staff, who decide what is urgent.
    return f"{_('【市民称紧急】')}{first}" if urgent else first


def request_submit(*, client: Open311Client, submission: Submission) -> Open311Request:
    """Register a posted service request as an online work order (status new, waiting for
    intake staff); the reporter gets the case number and query code by SMS.

    Checked before anything is written: the service (404 when unknown), its attributes, the
    location, the phone the online channel needs, the description and the media URL. The
    email and device_id parameters are not kept: the platform answers citizens by SMS.
    """
    s = submission
    if not s.service_code:
        raise DomainError("missing_service_code", _("缺少必填参数 service_code"), status=400)
    category = catalogue.offered_category(s.service_code)
    values = catalogue.clean_attributes(category, s.attributes)
    kind = values.get(catalogue.KIND) or catalogue.default_kind(category)
    if s.latitude is None and not s.address_string and not s.address_id:
        raise DomainError(
            "missing_location",
            _("缺少位置：请提供 lat 和 long，或 address_string，或 address_id"),
            status=400,
        )
    if not s.description.strip():
        raise DomainError("missing_description", _("缺少必填参数 description"), status=400)
    if not s.phone.strip():
        raise DomainError(
            "missing_phone",
            _("缺少必填参数 phone：本市通过短信告知工单号和查询码"),
            status=400,
        )
    if len(s.account_id) > MAX_ACCOUNT_ID:
        raise DomainError("invalid_account_id", _("account_id 最长 100 字符"), status=400)
    media_url = _media_url(s.media_url)
    region, source = locate.locate(
        latitude=s.latitude,
        longitude=s.longitude,
        address_string=s.address_string,
        address_id=s.address_id,
    )
    # Chinese names put the family name first.
    name = f"{s.last_name.strip()}{s.first_name.strip()}"[:MAX_NAME]
    with transaction.atomic():
        case, _query_code = case_services.case_create(
            actor=None,
            channel=Channel.ONLINE,
            kind=kind,
            category=category,
            region=region,
            description=s.description,
            title=_title(s.description, values.get(catalogue.URGENCY) == "urgent"),
            reporter_phone=s.phone,
            reporter_name=name,
            address=s.address_string[:200],
            latitude=s.latitude,
            longitude=s.longitude,
        )
        return Open311Request.objects.create(
            case=case,
            client=client,
            account_id=s.account_id,
            media_url=media_url,
            attributes=values,
            location_source=source,
        )
