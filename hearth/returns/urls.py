from django.urls import path

from hearth.returns import views

app_name = "returns"
urlpatterns = [
    path("", views.returns_page, name="index"),
    path("ssda903.zip", views.ssda903_download, name="ssda903"),
    path("cin-census.xml", views.cin_download, name="cin"),
    path("annex-a.xlsx", views.annex_a_download, name="annex-a"),
]
