"""API for identity and reference data: tokens, the current user, regions, departments."""

from datetime import datetime

from axes.exceptions import AxesBackendPermissionDenied
from django.contrib.auth import authenticate
from django.db.models import Q
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from pingan.core.api_support import ERRORS, ErrorOut, Pagination
from pingan.core.errors import DomainError
from pingan.org import scoping, services
from pingan.org.models import ApiToken, Department, Region

router = Router(tags=["org"])


class TokenIn(Schema):
    username: str = Field(..., min_length=1, max_length=150, description="用户名或手机号")
    password: str = Field(..., min_length=1, max_length=128)
    name: str = Field("", max_length=60, description="令牌用途，便于日后识别和吊销")


class TokenOut(Schema):
    token: str
    id: int
    expires_at: datetime


class TokenInfoOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class RegionOut(Schema):
    code: str
    name: str
    level: str
    parent: str | None

    @staticmethod
    def resolve_parent(obj):
        return obj.parent.code if obj.parent_id else None


class RegionBrief(Schema):
    code: str
    name: str
    level: str


class DepartmentBrief(Schema):
    code: str
    name: str


class DepartmentOut(Schema):
    code: str
    name: str
    kind: str
    region: str
    phone: str

    @staticmethod
    def resolve_region(obj):
        return obj.region.code


class PostOut(Schema):
    role: str
    role_label: str
    region: RegionBrief
    department: DepartmentBrief | None
    title: str


class MeOut(Schema):
    id: int
    username: str
    name: str
    phone: str = Field(..., description="掩码后的手机号")
    is_superuser: bool
    posts: list[PostOut]
    jurisdiction: list[RegionBrief] = Field(..., description="辖区的最高一级；超级管理员为全市")


@router.post(
    "/auth/token",
    auth=None,
    response={200: TokenOut, 400: ErrorOut, 401: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    tags=["auth"],
    summary="Exchange a username (or phone) and password for a bearer token",
)
def issue_token(request, payload: TokenIn):
    try:
        user = authenticate(request, username=payload.username, password=payload.password)
    except AxesBackendPermissionDenied as exc:
        raise DomainError("throttled", _("登录失败次数过多，请稍后再试"), status=429) from exc
    if getattr(request, "axes_locked_out", False):
        raise DomainError("throttled", _("登录失败次数过多，请稍后再试"), status=429)
    if user is None:
        raise DomainError("invalid_credentials", _("用户名或密码不正确"), status=401)
    token, raw = services.token_issue(user=user, name=payload.name or "API")
    return {"token": raw, "id": token.id, "expires_at": token.expires_at}


@router.get("/auth/tokens", response={200: list[TokenInfoOut], **ERRORS}, tags=["auth"])
def list_tokens(request):
    return list(ApiToken.objects.filter(user=request.user))


@router.delete("/auth/tokens/{token_id}", response={200: TokenInfoOut, **ERRORS}, tags=["auth"])
def revoke_token(request, token_id: int):
    return services.token_revoke(user=request.user, token_id=token_id)


@router.get("/me", response={200: MeOut, **ERRORS}, tags=["auth"])
def me(request):
    user = request.user
    posts = scoping.posts_of(user)
    return {
        "id": user.id,
        "username": user.username,
        "name": user.name,
        "phone": user.masked_phone,
        "is_superuser": user.is_superuser,
        "posts": [
            {
                "role": p.role,
                "role_label": p.get_role_display(),
                "region": p.region,
                "department": p.department,
                "title": p.title,
            }
            for p in posts
        ],
        "jurisdiction": scoping.top_regions(user),
    }


@router.get(
    "/regions",
    auth=None,
    response={200: list[RegionOut], 422: ErrorOut},
    summary="Administrative regions (public reference data)",
)
@paginate(Pagination)
def list_regions(
    request,
    parent: str | None = None,
    level: Region.Level | None = None,
    within: str | None = Query(None, description="只列出该代码下的区划（含自身）"),
    q: str | None = Query(None, max_length=40),
):
    regions = Region.objects.filter(is_active=True).select_related("parent")
    if parent:
        regions = regions.filter(parent__code=parent)
    if level:
        regions = regions.filter(level=level)
    if within:
        regions = regions.filter(code__startswith=within)
    if q:
        regions = regions.filter(Q(name__contains=q) | Q(code__startswith=q))
    return regions


@router.get("/departments", response={200: list[DepartmentOut], **ERRORS})
@paginate(Pagination)
def list_departments(
    request,
    region: str | None = Query(None, description="辖区代码：列出该区划及其上级的部门"),
    kind: Department.Kind | None = None,
):
    departments = Department.objects.filter(is_active=True).select_related("region")
    if region:
        # Departments serving a region sit in it or above it (a city bureau serves every town).
        prefixes = [region[:n] for n in (6, 9, 12, 15) if n <= len(region)]
        departments = departments.filter(region__code__in=prefixes)
    if kind:
        departments = departments.filter(kind=kind)
    return departments
