"""The one error model: domain code raises DomainError; pages and the API render it the same way.

An API client gets `{"code": ..., "message": ...}` with the error's HTTP status; a page shows the
message (Chinese first, translated) and changes nothing.
"""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A request that the domain refuses: bad input, a wrong state, a broken rule."""

    status = 400

    def __init__(self, code: str, message, *, status: int | None = None, details=None):
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.details = details
        if status is not None:
            self.status = status

    def as_dict(self) -> dict:
        body = {"code": self.code, "message": str(self.message)}
        if self.details:
            body["details"] = self.details
        return body


class NotFound(DomainError):
    """Also what a record outside the actor's jurisdiction looks like: missing, to them."""

    status = 404

    def __init__(self, message=None):
        super().__init__("not_found", message or _("记录不存在或不在您的辖区内"))


class Conflict(DomainError):
    """Someone else changed the record first; the caller should reload and decide again."""

    status = 409

    def __init__(self, code: str, message):
        super().__init__(code, message)


def error_body(code: str, message, **details) -> dict:
    body = {"code": code, "message": str(message)}
    if details:
        body["details"] = details
    return body
