from django.urls import path

from hearth.chronology import views

app_name = "chronology"
urlpatterns = [
    path("people/<int:person_id>/chronology/", views.person_chronology, name="person"),
    path("people/<int:person_id>/chronology.csv", views.person_chronology_csv, name="person-csv"),
    path("people/<int:person_id>/chronology/print/", views.person_chronology_print, name="person-print"),
    path("people/families/<int:household_id>/chronology/", views.family_chronology, name="family"),
    path("chronology/<int:entry_id>/curate/", views.entry_curate, name="curate"),
]
