"""The citizen pages of work orders, mounted at the site root ("/report/", "/track/", "/my/cases/").
"/track/" is the address the SMS names (pingan.cases.notices.TRACK_PATH)."""

from django.urls import path

from pingan.cases.web import citizen

app_name = "cases_citizen"

urlpatterns = [
    path("report/", citizen.report, name="report"),
    path("report/done/", citizen.report_done, name="report_done"),
    path("report/categories/", citizen.report_categories, name="report_categories"),
    path("report/villages/", citizen.report_villages, name="report_villages"),
    path("track/", citizen.track, name="track"),
    path("track/rate/", citizen.track_rate, name="track_rate"),
    path("my/cases/", citizen.my_cases, name="my_cases"),
    path("my/cases/<str:number>/", citizen.my_case, name="my_case"),
    path("my/cases/<str:number>/rate/", citizen.my_case_rate, name="my_case_rate"),
]
