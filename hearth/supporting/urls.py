from django.urls import path

from hearth.supporting import views

app_name = "supporting"
urlpatterns = [
    path("", views.index, name="index"),
    path("families/", views.families, name="families"),
    path("families/<int:attachment_id>/", views.family, name="family"),
    path("families/<int:attachment_id>/claim/", views.claim, name="claim"),
    path("attach/", views.attach_find, name="attach-find"),
    path("attach/<int:person_id>/", views.attach, name="attach"),
    path("targets/", views.targets, name="targets"),
]
