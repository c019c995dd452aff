from django.urls import path

from pingan.safety.views import campaigns as views

app_name = "safety"

urlpatterns = [
    path("", views.campaign_list, name="campaigns"),
    path("campaigns/<int:pk>/", views.campaign_page, name="campaign"),
    path("campaigns/<int:pk>/print/", views.campaign_print, name="print"),
    path("campaigns/<int:pk>/export.xlsx", views.campaign_export, name="export"),
    path("campaigns/<int:pk>/close/", views.campaign_close, name="close"),
    path("campaigns/<int:pk>/report/", views.activity_new, name="report"),
    path("notices/<int:pk>/read/", views.notice_read, name="notice-read"),
    path("activities/<int:pk>/", views.activity_page, name="activity"),
    path("activities/<int:pk>/photos/<int:photo_pk>/", views.activity_photo, name="photo"),
]
