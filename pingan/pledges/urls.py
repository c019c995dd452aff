from django.urls import path

from pingan.pledges.views import public, staff

app_name = "pledges"

urlpatterns = [
    path("", staff.pledge_list, name="list"),
    path("new/", staff.pledge_create, name="create"),
    path("<int:pk>/", staff.pledge_detail, name="detail"),
    path("<int:pk>/publish/", staff.pledge_publish, name="publish"),
    path("<int:pk>/withdraw/", staff.pledge_withdraw, name="withdraw"),
    path("<int:pk>/paper/", staff.paper_entry, name="paper"),
    path("<int:pk>/sheet/", staff.print_sheet, name="sheet"),
    path(
        "<int:pk>/signatures/<int:signature_pk>/sheet/",
        staff.signature_sheet,
        name="signature-sheet",
    ),
    # Public: read and sign on a phone, by the pledge's link token.
    path("p/<str:token>/", public.sign, name="sign"),
    path("p/<str:token>/qr.svg", public.qr_svg, name="qr"),
]
