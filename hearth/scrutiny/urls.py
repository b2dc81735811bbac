from django.urls import path

from hearth.scrutiny import views

app_name = "scrutiny"
urlpatterns = [
    path("", views.index, name="index"),
]
