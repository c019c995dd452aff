from django.urls import path

from pingan.notify import views

app_name = "notify"

urlpatterns = [
    path("", views.batch_list, name="batches"),
    path("new/", views.batch_create, name="batch-create"),
    path("<int:pk>/", views.batch_detail, name="batch"),
    path("<int:pk>/progress/", views.batch_progress, name="batch-progress"),
    path("<int:pk>/cancel/", views.batch_cancel, name="batch-cancel"),
]
