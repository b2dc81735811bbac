from django.urls import path

from hearth.supporting import views

app_name = "supporting"
urlpatterns = [
    path("", views.index, name="index"),
]
