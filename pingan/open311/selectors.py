"""Reads of the Open311 app: client keys, the discovery changeset, and the published requests.

Only cases that came in through Open311 are published (see models.Open311Request); a case's
number alone never shows a report made on another channel.
"""

from datetime import UTC, datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from pingan.cases.models import Category
from pingan.cases.workflow import OPEN
from pingan.core.errors import DomainError
from pingan.core.models import AuditEntry
from pingan.open311 import catalogue, params
from pingan.open311.models import Open311Client, Open311Request, RegionPoint
from pingan.open311.services import hash_key

# When the attributes this code defines last changed; the changeset never goes below it.
DEFINITIONS_CHANGED = datetime(2026, 11, 29, tzinfo=UTC)
STATUSES = ("open", "closed")


def client_for_key(raw: str) -> Open311Client | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    return Open311Client.objects.filter(key_hash=hash_key(raw), is_active=True).first()


def changeset() -> datetime:
    """When the services or their definitions last changed: the latest audited change to a
    category or a region point (the audit log records every admin edit), or this code's own."""
    types = ContentType.objects.get_for_models(Category, RegionPoint).values()
    latest = AuditEntry.objects.filter(content_type__in=list(types)).aggregate(at=Max("at"))["at"]
    return max(latest, DEFINITIONS_CHANGED) if latest else DEFINITIONS_CHANGED


def _published() -> QuerySet:
    return Open311Request.objects.select_related(
        "case__category",
        "case__region",
        "case__department",
        "case__merged_into__category",
        "case__merged_into__department",
    )


def _status_q(status: str) -> Q:
    # A merged report follows its main case (merging re-points every report at the last main).
    own, main = Q(case__status__in=OPEN), Q(case__merged_into__status__in=OPEN)
    if status == "closed":
        own, main = ~own, ~main
    return Q(case__merged_into__isnull=True) & own | Q(case__merged_into__isnull=False) & main


def request_for(service_request_id: str) -> Open311Request:
    number = (service_request_id or "").strip().upper()
    found = _published().filter(case__number=number).first() if number else None
    if found is None:
        raise DomainError(
            "unknown_request",
            _("未找到服务请求：%(id)s") % {"id": service_request_id},
            status=404,
        )
    return found


def requests_matching(
    *,
    ids: list[str] | None = None,
    service_codes: list[str] | None = None,
    statuses: list[str] | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
) -> list[Open311Request]:
    """GET requests: by ids (which overrides every other filter), else by service codes,
    statuses and the requested-datetime range; newest first, at most 1000."""
    rows = _published()
    if ids:
        rows = rows.filter(case__number__in=[i.upper() for i in ids])
    else:
        if service_codes:
            known = set(
                Category.objects.filter(code__in=service_codes).values_list("code", flat=True)
            )
            for code in service_codes:
                if code not in known:
                    raise catalogue.unknown_service(code)
            rows = rows.filter(case__category__code__in=service_codes)
        for status in statuses or ():
            if status not in STATUSES:
                raise params.bad(
                    _("status 只能是 open 或 closed：%(v)s") % {"v": status}, "invalid_status"
                )
        if statuses and set(statuses) != set(STATUSES):
            rows = rows.filter(_status_q(statuses[0]))
        if start is not None:
            rows = rows.filter(case__created_at__gte=start)
        if end is not None:
            rows = rows.filter(case__created_at__lte=end)
    return list(rows.order_by("-case__created_at", "-id")[: params.MAX_RESULTS])
