"""Request-wide plumbing: who is acting (for the audit log) and how domain errors look on pages."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from pingan.core import audit
from pingan.core.errors import DomainError


class AuditActorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with audit.request_context(request):
            return self.get_response(request)


class DomainErrorMiddleware:
    """The fallback for a refused action on a page (forms catch DomainError themselves and show
    the message beside the fields they keep).

    An htmx request gets the message as an alert fragment; a plain post of an action button goes
    back to the page it came from with the message flashed; anything else gets an error page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DomainError) or request.path.startswith("/api/"):
            return None
        if getattr(request, "htmx", False):
            response = render(
                request,
                "core/_error_alert.html",
                {"error": exception},
                status=exception.status,
            )
            # htmx only swaps 2xx answers by default; retarget the alert to the page's slot.
            response["HX-Retarget"] = "#page-alerts"
            response["HX-Reswap"] = "innerHTML"
            response.status_code = 200
            return response
        referer = request.META.get("HTTP_REFERER")
        if (
            request.method == "POST"
            and referer
            and url_has_allowed_host_and_scheme(
                referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            )
        ):
            messages.error(request, str(exception.message))
            return HttpResponseRedirect(referer)
        return render(request, "core/error.html", {"error": exception}, status=exception.status)
