"""/open311/v2/: the resource, then its format as an extension (services.xml, requests.json).
A service code may itself contain dots (labour.wages), so the format is what follows the last."""

from django.urls import path, re_path

from pingan.open311 import views

app_name = "open311"
FORMAT = r"\.(?P<fmt>[^./]+)$"

urlpatterns = [
    # The endpoint's root answers with the discovery document, as the spec recommends.
    path("", views.discovery, {"fmt": "xml"}, name="root"),
    re_path(r"^discovery" + FORMAT, views.discovery, name="discovery"),
    re_path(r"^services" + FORMAT, views.service_list, name="services"),
    re_path(
        r"^services/(?P<service_code>[^/]+)" + FORMAT,
        views.service_definition,
        name="service",
    ),
    re_path(r"^requests" + FORMAT, views.requests, name="requests"),
    re_path(
        r"^requests/(?P<service_request_id>[^/]+)" + FORMAT,
        views.service_request,
        name="request",
    ),
    # (?s:…): a path holding a newline is still answered with the spec's error document.
    re_path(r"^(?P<path>(?s:.*))$", views.unknown),
]
