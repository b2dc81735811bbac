from django.urls import path

from hearth.care import views

app_name = "care"
urlpatterns = [
    path("care/placements/", views.placements, name="placements"),
    path("care/missing/", views.missing, name="missing"),
    path("care/placement-requests/", views.requests_list, name="requests"),
    path("care/placement-requests/<int:request_id>/", views.request_detail, name="request"),
    path("care/adopters/", views.adopters, name="adopters"),
    path("care/providers/<int:provider_id>/", views.provider_detail, name="provider"),
]
