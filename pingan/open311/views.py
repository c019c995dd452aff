"""Open311 GeoReport v2 endpoints under /open311/v2/. Each one parses its parameters, calls one
selector or service, and answers in the format its extension names (.xml or .json).

Refusals use the spec's error document with the spec's statuses: 400 for a missing or
malformed parameter, 403 for a missing or wrong api_key, 404 for an unknown service, request
or jurisdiction. POST is exempt from CSRF: it is an API call authenticated by its api_key.
"""

import functools

from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http.multipartparser import MultiPartParserError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt

from pingan.core.errors import DomainError
from pingan.open311 import catalogue, params, render, representations, selectors, services

DEFAULT_FORMAT = "xml"  # XML is the spec's required format; errors about the format use it.


def endpoint(*methods: str):
    def decorate(view):
        @csrf_exempt
        @functools.wraps(view)
        def wrapper(request, fmt: str, **kwargs):
            fmt = fmt.lower()
            if fmt not in representations.FORMATS:
                return render.errors(
                    DEFAULT_FORMAT,
                    400,
                    _("不支持的格式「%(fmt)s」，请在地址末尾使用 .xml 或 .json") % {"fmt": fmt},
                )
            allowed = {*methods, "HEAD"} if "GET" in methods else set(methods)
            if request.method not in allowed:
                response = render.errors(fmt, 405, _("不支持 %(m)s 请求") % {"m": request.method})
                response["Allow"] = ", ".join(sorted(allowed))
                return response
            try:
                data = request.POST if request.method == "POST" else request.GET
            except (MultiPartParserError, SuspiciousOperation, BadRequest):
                # A malformed body or too many fields: answered in the spec's format too.
                return render.errors(
                    fmt, 400, _("请求内容无法解析，请以 application/x-www-form-urlencoded 提交")
                )
            jurisdiction = params.optional(data, "jurisdiction_id") or params.optional(
                request.GET, "jurisdiction_id"
            )
            if jurisdiction and jurisdiction != settings.PINGAN_CITY_CODE:
                return render.errors(
                    fmt, 404, _("未知的 jurisdiction_id：%(v)s") % {"v": jurisdiction}
                )
            try:
                return view(request, fmt, **kwargs)
            except DomainError as error:
                status = error.status if error.status in (403, 404) else 400
                return render.errors(fmt, status, error.message)

        return wrapper

    return decorate


@endpoint("GET")
def discovery(request, fmt):
    url = request.build_absolute_uri(reverse("open311:root")).rstrip("/")
    document = representations.discovery(
        url=url,
        changeset=selectors.changeset(),
        endpoint_type=settings.PINGAN_OPEN311_ENDPOINT_TYPE,
    )
    return render.respond(fmt, "discovery", document)


@endpoint("GET")
def service_list(request, fmt):
    rows = [representations.service(c) for c in catalogue.offered_categories()]
    return render.respond(fmt, "services", rows)


@endpoint("GET")
def service_definition(request, fmt, service_code):
    category = catalogue.offered_category(service_code)
    return render.respond(fmt, "service_definition", representations.service_definition(category))


@endpoint("GET", "POST")
def requests(request, fmt):
    if request.method == "POST":
        return _create_request(request, fmt)
    data = request.GET
    ids = params.csv_list(data.get("service_request_id"))
    start, end = (None, None) if ids else params.date_range(data, timezone.now())
    rows = selectors.requests_matching(
        ids=ids,
        service_codes=params.csv_list(data.get("service_code")),
        statuses=[s.lower() for s in params.csv_list(data.get("status"))],
        start=start,
        end=end,
    )
    return render.respond(
        fmt, "service_requests", [representations.service_request(r) for r in rows]
    )


def _create_request(request, fmt):
    data = request.POST
    raw_key = params.optional(data, "api_key") or params.optional(request.GET, "api_key")
    if not raw_key:
        return render.errors(fmt, 403, _("缺少 api_key"))
    client = selectors.client_for_key(raw_key)
    if client is None:
        return render.errors(fmt, 403, _("api_key 无效或已停用"))
    latitude, longitude = params.coordinates(data)
    submission = services.Submission(
        service_code=params.optional(data, "service_code"),
        latitude=latitude,
        longitude=longitude,
        address_string=params.optional(data, "address_string"),
        address_id=params.optional(data, "address_id"),
        description=params.optional(data, "description"),
        phone=params.optional(data, "phone"),
        first_name=params.optional(data, "first_name"),
        last_name=params.optional(data, "last_name"),
        account_id=params.optional(data, "account_id"),
        media_url=params.optional(data, "media_url"),
        attributes=params.attributes(data),
    )
    created = services.request_submit(client=client, submission=submission)
    return render.respond(fmt, "service_requests", [representations.created(created)])


@endpoint("GET")
def service_request(request, fmt, service_request_id):
    found = selectors.request_for(service_request_id)
    return render.respond(fmt, "service_requests", [representations.service_request(found)])


@csrf_exempt
def unknown(request, path=""):
    """Anything else under /open311/v2/: a known resource without its format is a bad request
    (400), the rest does not exist (404)."""
    resource = path.strip("/").split("/")[0]
    if resource in {"discovery", "services", "requests"}:
        return render.errors(DEFAULT_FORMAT, 400, _("请在地址末尾加上格式 .xml 或 .json"))
    return render.errors(DEFAULT_FORMAT, 404, _("没有这个 Open311 资源：%(p)s") % {"p": path})
