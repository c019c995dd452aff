from django.urls import path

from pingan.analytics.views import annual, dashboard, imports, screen

app_name = "analytics"

urlpatterns = [
    path("", dashboard.dashboard_page, name="dashboard"),
    path("export/<str:table>.xlsx", dashboard.export, name="export"),
    path("screen/", screen.screen_page, name="screen"),
    path("screen/data/", screen.screen_data, name="screen-data"),
    path("annual/", annual.annual_page, name="annual"),
    path("imports/", imports.imports_page, name="imports"),
    path("imports/template.xlsx", imports.import_template, name="import-template"),
]
