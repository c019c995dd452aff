from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language
from django.views.static import serve

from pingan.api import api

admin.site.site_header = "平安桐乡 · 管理后台"
admin.site.site_title = "平安桐乡"
admin.site.index_title = "配置与审计"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("hall/", include("pingan.hall.urls")),
    path("mediation/", include("pingan.mediation.urls")),
    path("petitions/", include("pingan.petitions.urls")),
    path("cases/", include("pingan.cases.urls_staff")),
    path("open311/v2/", include("pingan.open311.urls")),
    path("safety/", include("pingan.safety.urls")),
    path("surveys/", include("pingan.surveys.urls")),
    path("hazards/", include("pingan.hazards.urls")),
    path("pledges/", include("pingan.pledges.urls")),
    path("health/", include("pingan.health.urls")),
    path("passes/", include("pingan.passes.urls")),
    path("sms/", include("pingan.notify.urls")),
    path("analytics/", include("pingan.analytics.urls")),
    path("", include("pingan.cases.urls_citizen")),
    path("", include("pingan.org.urls")),
]

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

handler404 = "pingan.core.views.not_found"
handler500 = "pingan.core.views.server_error"
