from django.urls import path

from pingan.passes.views import guard, holder, officer

app_name = "passes"

urlpatterns = [
    path("my/", holder.mine, name="my"),
    path("my/travel/", holder.travel, name="travel"),
    path("my/invite/", holder.invite, name="invite"),
    path("scan/", guard.scan, name="scan"),
    path("scan/check/", guard.scan_submit, name="scan-submit"),
    path("scan/photo/", guard.scan_image, name="scan-image"),
    path("scans/", officer.scans, name="scans"),
]
