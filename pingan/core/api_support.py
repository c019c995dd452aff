"""What every API router shares: authentication, the error schema and the error handlers."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.pagination import LimitOffsetPagination
from ninja.security import HttpBearer, SessionAuth

from pingan.core.errors import DomainError


class ErrorOut(Schema):
    code: str
    message: str
    details: dict | list | None = None


# django-ninja's own (English) message for a body that is not valid JSON or form data.
NINJA_UNPARSABLE_BODY = "Cannot parse request body"

# The error answers every authenticated operation may give, for the OpenAPI document.
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        from pingan.org.services import token_authenticate

        user = token_authenticate(token)
        if user is not None:
            request.user = user
        return user


class SignedInSession(SessionAuth):
    """The browser session, CSRF-checked, for the site's own pages. A request without a
    signed-in session has no credentials a forged request could borrow, so it is simply
    unauthenticated (401) instead of refused for a missing CSRF token (403)."""

    def _get_key(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return super()._get_key(request)


bearer_token = BearerToken()
session_auth = SignedInSession()
# Bearer tokens for programs; the browser session (with its CSRF check) for the site's own pages.
STAFF_AUTH = [bearer_token, session_auth]


class Pagination(LimitOffsetPagination):
    """limit/offset with an offset a database can hold: an offset past the 64-bit range made
    SQLite and PostgreSQL fail the query (a server error) instead of refusing the request."""

    class Input(LimitOffsetPagination.Input):
        offset: int = Field(0, ge=0, le=2**31 - 1)


def _json(api, request, status: int, code: str, message, details=None):
    body = {"code": code, "message": str(message)}
    if details:
        body["details"] = details
    return api.create_response(request, body, status=status)


def install_error_handlers(api) -> None:
    @api.exception_handler(DomainError)
    def domain_error(request, exc: DomainError):
        return _json(api, request, exc.status, exc.code, exc.message, exc.details)

    @api.exception_handler(ValidationError)
    def validation_error(request, exc: ValidationError):
        details = [
            {"loc": [str(part) for part in err.get("loc", [])], "msg": str(err.get("msg", ""))}
            for err in exc.errors
        ]
        return _json(api, request, 422, "invalid_request", _("请求内容不符合要求"), details)

    @api.exception_handler(AuthenticationError)
    def authentication_error(request, exc):
        return _json(api, request, 401, "unauthorized", _("请先登录，或提供有效的访问令牌"))

    @api.exception_handler(PermissionDenied)
    def permission_denied(request, exc):
        return _json(api, request, 403, "forbidden", _("您没有执行此操作的权限"))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return _json(api, request, 404, "not_found", _("记录不存在或不在您的辖区内"))

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        code = {400: "bad_request", 405: "method_not_allowed", 429: "throttled"}.get(
            exc.status_code, "error"
        )
        message = exc.message
        if message.startswith(NINJA_UNPARSABLE_BODY):
            message = _("请求内容无法解析，请提交有效的 JSON")
        return _json(api, request, exc.status_code, code, message)
