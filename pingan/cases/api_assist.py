"""Help for intake and dispatch in the API: probable duplicates and suggested departments.

    GET /api/v1/cases/duplicates?description=&region=&phone=&category=&lat=&long=
    GET /api/v1/cases/{id}/suggestions          (duplicates and departments for a case)
    GET /api/v1/routing/suggest?category=&region=&description=

Staff only (403 otherwise); regions outside the caller's jurisdiction are 404, cases they may
not see are left out. Suggestions only: nothing is merged or dispatched here.

Mounted before the cases router (pingan/api.py), whose /cases/{case_id} would otherwise take
/cases/duplicates for a case id.
"""

from datetime import datetime

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from pingan.cases import duplicates, routing, selectors
from pingan.cases.similarity import normalize
from pingan.core.api_support import ERRORS
from pingan.core.errors import DomainError, NotFound
from pingan.core.pii import normalize_phone
from pingan.org import scoping
from pingan.org.models import Region

router = Router(tags=["cases"])
MAX_DESCRIPTION = 4000


class DuplicateCaseOut(Schema):
    id: int
    number: str
    title: str
    status: str
    status_label: str
    kind: str
    channel: str
    category: str
    category_name: str
    region: str
    region_name: str
    department_name: str | None
    urgent: bool
    created_at: datetime
    due_at: datetime | None

    @staticmethod
    def resolve_category(obj):
        return obj.category.code

    @staticmethod
    def resolve_category_name(obj):
        return obj.category.name

    @staticmethod
    def resolve_region(obj):
        return obj.region.code

    @staticmethod
    def resolve_region_name(obj):
        return obj.region.name

    @staticmethod
    def resolve_department_name(obj):
        return obj.department.name if obj.department_id else None


class DuplicateOut(Schema):
    case: DuplicateCaseOut
    score: float = Field(..., description="0..1，越高越可能是同一事项")
    reasons: list[str] = Field(..., description="理由，如「描述相似度 0.82」「同一来电号码」")


class DepartmentBriefOut(Schema):
    code: str
    name: str


class RouteSuggestionOut(Schema):
    department: DepartmentBriefOut
    confidence: float = Field(..., description="0..1")
    source: str = Field(..., description="rule | history")
    explanation: str


class SuggestionsOut(Schema):
    duplicates: list[DuplicateOut]
    departments: list[RouteSuggestionOut]


class DuplicatesQuery(Schema):
    description: str = Field(..., max_length=MAX_DESCRIPTION, description="问题描述")
    region: str = Field("", max_length=15, description="区划代码")
    phone: str = Field("", max_length=20, description="来电号码")
    category: str = Field("", max_length=60, description="事项分类编码")
    lat: float | None = Field(None, description="纬度")
    long: float | None = Field(None, description="经度")
    limit: int = Field(5, ge=1, le=20)


class RoutingQuery(Schema):
    category: str = Field(..., max_length=60, description="事项分类编码")
    region: str = Field(..., max_length=15, description="区划代码")
    description: str = Field("", max_length=MAX_DESCRIPTION, description="问题描述")
    limit: int = Field(3, ge=1, le=10)


def _staff(request) -> None:
    if not scoping.is_staff_member(request.user):
        raise DomainError("forbidden", _("仅限工作人员使用"), status=403)


def _region_in_scope(request, code: str) -> Region | None:
    """The region of that code in the caller's jurisdiction; 422 for an unknown code, 404 for
    one outside the jurisdiction."""
    code = (code or "").strip()
    if not code:
        return None
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise DomainError(
            "unknown_region", _("未知的区划代码：%(code)s") % {"code": code}, status=422
        )
    if not scoping.covers(request.user, region):
        raise NotFound()
    return region


@router.get(
    "/cases/duplicates",
    response={200: list[DuplicateOut], **ERRORS},
    summary="Open cases that are probably the same matter (at intake)",
)
def find_duplicates(request, query: Query[DuplicatesQuery]):
    _staff(request)
    if not normalize(query.description):
        raise DomainError("empty_description", _("请填写问题描述"), status=422)
    region = _region_in_scope(request, query.region)
    phone = query.phone.strip()
    if phone:
        try:
            phone = normalize_phone(phone)
        except DomainError as exc:
            raise DomainError(exc.code, exc.message, status=422) from exc
    return duplicates.find_duplicates(
        description=query.description,
        region=region,
        reporter_phone=phone,
        category=query.category,
        latitude=query.lat,
        longitude=query.long,
        limit=query.limit,
        user=request.user,
    )


@router.get(
    "/cases/{case_id}/suggestions",
    response={200: SuggestionsOut, **ERRORS},
    summary="Probable duplicates and suggested departments for a case",
)
def case_suggestions(request, case_id: int):
    _staff(request)
    case = selectors.get_case_for(request.user, case_id)
    return {
        "duplicates": duplicates.duplicates_of(case, user=request.user),
        "departments": routing.suggest_departments(
            category=case.category,
            region=case.region,
            description=case.description,
            exclude_id=case.pk,
        ),
    }


@router.get(
    "/routing/suggest",
    response={200: list[RouteSuggestionOut], **ERRORS},
    summary="Suggested departments for a report not yet registered",
)
def suggest_departments(request, query: Query[RoutingQuery]):
    _staff(request)
    region = _region_in_scope(request, query.region)
    if region is None:
        raise DomainError("unknown_region", _("请选择区划"), status=422)
    return routing.suggest_departments(
        category=query.category,
        region=region,
        description=query.description,
        limit=query.limit,
    )
