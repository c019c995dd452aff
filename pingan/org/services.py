"""Writes for users, posts and API tokens."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingan.core import audit, pii
from pingan.core.errors import DomainError, NotFound
from pingan.core.fields import blind_index_for
from pingan.org.models import ApiToken, Department, Post, Region, User
from pingan.org.roles import Role

TOKEN_PREFIX = "pa_"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str | None,
    name: str = "",
    phone: str = "",
    actor=None,
    is_superuser: bool = False,
) -> User:
    username = username.strip()
    if not username:
        raise DomainError("invalid_username", _("请填写用户名"))
    if User.objects.filter(username=username).exists():
        raise DomainError("username_taken", _("该用户名已被使用"))
    phone = pii.normalize_phone(phone) if phone else ""
    if phone and User.objects.filter(phone_index=blind_index_for("phone", phone)).exists():
        raise DomainError("phone_taken", _("该手机号已被其他账号使用"))
    with audit.acting_as(actor):
        user = User(
            username=username,
            name=name.strip(),
            phone=phone,
            is_superuser=is_superuser,
            is_staff=is_superuser,
        )
        if password:
            try:
                validate_password(password, user)
            except ValidationError as exc:
                raise DomainError("weak_password", " ".join(exc.messages)) from exc
            user.set_password(password)
        else:
            user.set_unusable_password()
        try:
            user.save()
        except IntegrityError as exc:
            raise DomainError("username_taken", _("用户名或手机号已被使用")) from exc
    return user


@transaction.atomic
def post_assign(
    *,
    user: User,
    role: str,
    region: Region,
    department: Department | None = None,
    title: str = "",
    actor=None,
) -> Post:
    if role not in Role.values:
        raise DomainError("invalid_role", _("未知的角色"))
    if department is not None and not department.region.code.startswith(region.code[:6]):
        raise DomainError("invalid_department", _("部门不在该辖区所属的市县内"))
    with audit.acting_as(actor):
        post, created = Post.objects.get_or_create(
            user=user,
            role=role,
            region=region,
            department=department,
            defaults={"title": title},
        )
        if not created and (not post.is_active or post.title != title):
            post.is_active = True
            post.title = title
            post.save()
    return post


def token_issue(*, user: User, name: str, actor=None) -> tuple[ApiToken, str]:
    """Issue a token; the raw value is returned once and never stored."""
    name = (name or "").strip() or str(_("API 令牌"))
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic(), audit.acting_as(actor or user):
        token = ApiToken.objects.create(
            user=user,
            name=name[:60],
            prefix=raw[:10],
            key_hash=hash_token(raw),
            expires_at=timezone.now() + timedelta(days=settings.API_TOKEN_DAYS),
        )
        audit.record("token_issued", token)
    return token, raw


def token_revoke(*, user: User, token_id: int, actor=None) -> ApiToken:
    with transaction.atomic(), audit.acting_as(actor or user):
        token = ApiToken.objects.select_for_update().filter(pk=token_id, user=user).first()
        if token is None:
            raise NotFound(_("令牌不存在"))
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit.record("token_revoked", token)
    return token


def token_authenticate(raw: str) -> User | None:
    """The user behind a bearer token, or None for an unknown, revoked or expired token."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(raw)).first()
    if token is None or not token.is_usable or not token.user.is_active:
        return None
    now = timezone.now()
    # Touch at most once a minute, so reads do not turn into a write per request.
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
