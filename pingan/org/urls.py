from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from pingan.org import views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.home, name="home"),
    path("account/", views.account, name="account"),
    path(
        "account/password/",
        auth_views.PasswordChangeView.as_view(
            template_name="org/password_change.html", success_url=reverse_lazy("account")
        ),
        name="password_change",
    ),
    path("account/tokens/", views.token_create, name="token-create"),
    path("account/tokens/<int:token_id>/revoke/", views.token_revoke, name="token-revoke"),
    path("account/phone/", views.reveal_own_phone, name="reveal-own-phone"),
    path("org/jurisdiction/", views.jurisdiction, name="jurisdiction"),
    path("org/regions/<str:code>/", views.region_detail, name="region-detail"),
]
