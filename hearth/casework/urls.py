from django.urls import path

from hearth.casework import assessment_views, views

app_name = "casework"
urlpatterns = [
    path("people/<int:person_id>/notes/new/", views.note_write, name="new-note"),
    path("people/<int:person_id>/notes/<int:note_id>/draft/", views.note_write, name="draft"),
    path("people/<int:person_id>/notes/autosave/", views.note_autosave, name="autosave"),
    path("notes/<int:note_id>/", views.note_detail, name="note"),
    path("notes/<int:note_id>/edit/", views.note_edit, name="edit-note"),
    path("assessments/<int:assessment_id>/", assessment_views.assessment_detail, name="assessment"),
    path("conferences/<int:conference_id>/", assessment_views.conference_detail, name="conference"),
    path("team/", assessment_views.team, name="team"),
    path("districts/", assessment_views.districts, name="districts"),
    path("team/<int:worker_id>/reallocate/", assessment_views.reallocate, name="reallocate"),
]
