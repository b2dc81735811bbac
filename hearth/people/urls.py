from django.urls import path

from hearth.people import views

app_name = "people"
urlpatterns = [
    path("", views.people_list, name="list"),
    path("add/", views.person_add, name="add"),
    path("<int:person_id>/", views.person_detail, name="detail"),
    path("families/<int:household_id>/", views.family_detail, name="family"),
    path("<int:person_id>/merge/", views.person_merge_view, name="merge"),
    path("merges/<int:merge_id>/undo/", views.merge_undo, name="merge-undo"),
    path("<int:person_id>/flags/<int:flag_id>/end/", views.flag_end_view, name="flag-end"),
    path("<int:person_id>/change/<slug:change>/", views.person_details, name="details"),
]
