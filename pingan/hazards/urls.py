from django.urls import path

from pingan.hazards.views import actions, pages, places

app_name = "hazards"

urlpatterns = [
    path("", pages.hazard_list, name="list"),
    path("supervision/", pages.supervision, name="supervision"),
    path("<int:pk>/", pages.hazard_detail, name="detail"),
    path("<int:pk>/act/<str:action>/", actions.transition, name="act"),
    path("<int:pk>/photos/<int:photo_id>/", pages.photo, name="photo"),
    path("places/", places.place_list, name="places"),
    path("places/new/", places.place_new, name="place-new"),
    path("places/<int:pk>/", places.place_detail, name="place"),
    path("places/<int:pk>/edit/", places.place_edit, name="place-edit"),
    path("places/<int:pk>/inspect/", places.inspect, name="inspect"),
    path("places/<int:pk>/hazards/", places.record_hazard, name="record"),
    path("inspections/<int:pk>/", places.inspection_detail, name="inspection"),
]
