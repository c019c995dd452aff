"""When a resource under the platform fails mid-request: the database restarting or unreachable,
or the disk full. The person gets 503 with Retry-After and a sentence saying what happened
(`{"code", "message"}` under /api/, a small page elsewhere) instead of the generic 500 page.

The message does not promise that nothing was saved. Almost always nothing was (the write's
transaction failed), but a request whose transaction committed just before the connection
broke fails afterwards, while reading back what it wrote: the work order exists and the client
is told to try again (seen once in bench/faults/db_restart.py). Clients that retry creations
should look first (the hotline's duplicate search shows the earlier one).

Without this an API client received the HTML 500 page, and a resident who had typed a long
report on a phone learnt only "系统繁忙". The log gets one line per failed request (the
exception's own text, which names the cause) rather than a traceback per request: during an
outage every request fails the same way, and a screenful each would bury the first one.

The page is built here from a string, not a template: templates, the session, the user and the
translations catalogue are all fine without the database, but the point of this answer is to
need nothing that might be down.
"""

import errno
import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.utils.html import escape
from django.utils.translation import gettext as _

logger = logging.getLogger("pingan.outage")

# Seconds a client is asked to wait: a database restart takes a few; freeing disk space longer.
RETRY_DATABASE = 5
RETRY_STORAGE = 60
DISK_FULL = {errno.ENOSPC, errno.EDQUOT}

PAGE = """<!doctype html>
<html lang="zh-hans"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title></head>
<body><main>
<h1>{title}</h1>
<p>{message}</p>
<p><a href="">{again}</a> · <a href="/">{home}</a></p>
</main></body></html>
"""


def classify(exception) -> tuple[str, str, int] | None:
    """(code, message, retry seconds) for a failure of the platform's resources, else None."""
    if isinstance(exception, OperationalError | InterfaceError):
        return (
            "service_unavailable",
            _("系统正在恢复，暂时无法处理您的请求，请稍后重试"),
            RETRY_DATABASE,
        )
    if isinstance(exception, OSError) and exception.errno in DISK_FULL:
        return (
            "storage_full",
            _("存储空间已满，暂时无法保存，请稍后重试"),
            RETRY_STORAGE,
        )
    return None


def unavailable_response(request, code: str, message: str, retry: int) -> HttpResponse:
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"code": code, "message": message},
            status=503,
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        page = PAGE.format(
            title=escape(_("暂时无法处理")),
            message=escape(message),
            again=escape(_("重试")),
            home=escape(_("返回首页")),
        )
        response = HttpResponse(page, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(retry)
    # A proxy or browser must not keep this answer in place of the real page.
    response["Cache-Control"] = "no-store"
    return response


class OutageMiddleware:
    """Answers 503 for a database or disk failure raised by a view (pages and the API: django-
    ninja hands exceptions it has no handler for back to Django when DEBUG is off)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        found = classify(exception)
        if found is None:
            return None
        code, message, retry = found
        logger.error(
            "%s %s answered 503 (%s): %s: %s",
            request.method,
            request.path,
            code,
            exception.__class__.__name__,
            str(exception).strip().splitlines()[0] if str(exception).strip() else "",
        )
        return unavailable_response(request, code, message, retry)
