from django.urls import path

from pingan.petitions import views

app_name = "petitions"

urlpatterns = [
    path("", views.petition_list, name="list"),
    path("new/", views.petition_new, name="new"),
    path("new/check/", views.petition_check, name="check"),
    path("backlog/", views.backlog, name="backlog"),
    path("<int:pk>/", views.petition_detail, name="detail"),
    path("<int:pk>/act/<str:action>/", views.petition_act, name="act"),
    path("<int:pk>/reply/", views.reply_print, name="reply-print"),
    path("<int:pk>/reply.docx", views.reply_word, name="reply-word"),
]
