from django.urls import path

from pingan.surveys.views import public, staff

app_name = "surveys"

urlpatterns = [
    path("", staff.survey_list, name="list"),
    path("new/", staff.survey_new, name="new"),
    path("rates/", staff.rates_page, name="rates"),
    path("<int:pk>/", staff.survey_page, name="survey"),
    path("<int:pk>/questions/", staff.question_add, name="question-add"),
    path(
        "<int:pk>/questions/<int:question_pk>/remove/",
        staff.question_remove,
        name="question-remove",
    ),
    path("<int:pk>/publish/", staff.survey_publish, name="publish"),
    path("<int:pk>/close/", staff.survey_close, name="close"),
    path("<int:pk>/qr.svg", staff.survey_qr, name="qr"),
    path("<int:pk>/paper/", staff.paper_entry, name="paper"),
    path("s/<str:token>/", public.answer, name="answer"),
    path("s/<str:token>/done/", public.done, name="done"),
]
