from django.urls import path

from pingan.hall.views import centre, public, roster, window

app_name = "hall"

urlpatterns = [
    # Staff: the window workbench.
    path("", window.workbench, name="workbench"),
    path("windows/<int:pk>/", window.window_page, name="window"),
    path("windows/<int:pk>/queue/", window.queue_panel, name="queue"),
    path("windows/<int:pk>/call-next/", window.call_next, name="call-next"),
    path("windows/<int:pk>/lookup/", window.lookup, name="lookup"),
    path("windows/<int:pk>/visits/", window.visit_submit, name="visit"),
    path(
        "windows/<int:pk>/matters/<int:matter_pk>/hand-over/",
        window.hand_over,
        name="hand-over",
    ),
    path("windows/<int:pk>/matters/<int:matter_pk>/revisit/", window.revisit, name="revisit"),
    path("tickets/<int:pk>/<slug:action>/", window.ticket_action, name="ticket-action"),
    # Staff: centres, matters, the roster.
    path("centres/", centre.centre_list, name="centres"),
    path("centres/<int:pk>/", centre.centre_page, name="centre"),
    path("matters/<int:pk>/", centre.matter_page, name="matter"),
    path("matters/<int:pk>/deliver/", centre.matter_deliver, name="deliver"),
    path("centres/<int:pk>/roster/", roster.roster_page, name="roster"),
    path("centres/<int:pk>/roster/slots/", roster.slot_add, name="slot-add"),
    path("centres/<int:pk>/roster/patterns/", roster.pattern_add, name="pattern-add"),
    path(
        "centres/<int:pk>/roster/slots/<int:slot_pk>/remove/",
        roster.slot_remove,
        name="slot-remove",
    ),
    path("roster/swaps/", roster.swap_add, name="swap-add"),
    path("roster/swaps/<int:swap_pk>/decide/", roster.swap_decide, name="swap-decide"),
    path("duty/", roster.duty_page, name="duty"),
    path("duty/visits/<int:visit_pk>/answer/", roster.duty_answer, name="duty-answer"),
    # Public: one centre's pages, by its slug.
    path("c/<slug:slug>/", public.take_number, name="take"),
    path("c/<slug:slug>/t/<str:token>/", public.ticket_page, name="ticket"),
    path("c/<slug:slug>/t/<str:token>/status/", public.ticket_status, name="ticket-status"),
    path("c/<slug:slug>/t/<str:token>/cancel/", public.ticket_cancel, name="ticket-cancel"),
    path("c/<slug:slug>/display/", public.display, name="display"),
    path("c/<slug:slug>/display/state/", public.display_state, name="display-state"),
    path("c/<slug:slug>/duty/", public.duty_board, name="duty-board"),
    path("c/<slug:slug>/qr.svg", public.qr_svg, name="qr"),
    path("c/<slug:slug>/poster/", public.poster, name="poster"),
]
