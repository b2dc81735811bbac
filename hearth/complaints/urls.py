from django.urls import path

from hearth.complaints import views

app_name = "complaints"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.complaint_new, name="new"),
    path("<int:complaint_id>/", views.complaint_detail, name="complaint"),
    path("compliments/", views.compliments, name="compliments"),
    path("compliments/new/", views.compliment_new, name="compliment-new"),
]
