from django.urls import path

from pingan.health.views import citizen, public, staff

app_name = "health"

urlpatterns = [
    # The holder, on their phone.
    path("", citizen.mine, name="mine"),
    path("register/", citizen.register, name="register"),
    path("declare/", citizen.declare, name="declare"),
    path("appeal/", citizen.appeal, name="appeal"),
    # Public.
    path("rules/", public.rules, name="rules"),
    # Staff.
    path("window/register/", staff.window_register, name="window-register"),
    path("officer/", staff.officer, name="officer"),
    path("officer/people/<int:pk>/", staff.person, name="person"),
    path("officer/people/<int:pk>/change/", staff.change, name="change"),
    path(
        "officer/requests/<int:pk>/<slug:action>/",
        staff.request_decide,
        name="request-decide",
    ),
    path("officer/appeals/<int:pk>/decide/", staff.appeal_decide, name="appeal-decide"),
]
