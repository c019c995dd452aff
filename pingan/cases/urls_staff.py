"""Staff pages for work orders, under /cases/."""

from django.urls import path

from pingan.cases.web import staff_case, staff_intake, staff_queue

app_name = "cases_staff"

urlpatterns = [
    path("", staff_queue.queue, name="queue"),
    path("supervise/", staff_queue.supervise, name="supervise"),
    path("intake/", staff_intake.intake, name="intake"),
    path("intake/history/", staff_intake.caller_history, name="caller-history"),
    path("intake/assist/", staff_intake.intake_assist, name="intake-assist"),
    path("<int:pk>/", staff_case.case_page, name="case"),
    path("<int:pk>/actions/<str:action>/", staff_case.action, name="action"),
    path("<int:pk>/reporter/", staff_case.reveal_reporter, name="reveal-reporter"),
]
