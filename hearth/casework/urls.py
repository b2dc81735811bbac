from django.urls import path

from hearth.casework import assessment_views, meeting_views, plan_views, views

app_name = "casework"
urlpatterns = [
    path("people/<int:person_id>/notes/new/", views.note_write, name="new-note"),
    path("people/<int:person_id>/notes/<int:note_id>/draft/", views.note_write, name="draft"),
    path("people/<int:person_id>/notes/autosave/", views.note_autosave, name="autosave"),
    path("notes/<int:note_id>/", views.note_detail, name="note"),
    path("notes/<int:note_id>/edit/", views.note_edit, name="edit-note"),
    path("assessments/<int:assessment_id>/", assessment_views.assessment_detail, name="assessment"),
    path("conferences/<int:conference_id>/", assessment_views.conference_detail, name="conference"),
    path(
        "conferences/<int:conference_id>/meeting/",
        meeting_views.conference_meeting,
        name="conference-meeting",
    ),
    path("meetings/<int:meeting_id>/", meeting_views.meeting_detail, name="meeting"),
    path("meetings/<int:meeting_id>/invitation/", meeting_views.meeting_invitation, name="invitation"),
    path("actions/<int:action_id>/done/", meeting_views.action_done, name="action-done"),
    path("panels/", meeting_views.panels, name="panels"),
    path("plans/<int:plan_id>/", plan_views.plan_detail, name="plan"),
    path("family-group-conferences/<int:fgc_id>/", plan_views.fgc_detail, name="fgc"),
    path("people/<int:person_id>/tools/", plan_views.tools_list, name="tools"),
    path("people/<int:person_id>/tools/<slug:key>/", plan_views.tool_new, name="tool-new"),
    path("tools/<int:response_id>/", plan_views.tool_detail, name="tool"),
    path("team/", assessment_views.team, name="team"),
    path("districts/", assessment_views.districts, name="districts"),
    path("team/<int:worker_id>/reallocate/", assessment_views.reallocate, name="reallocate"),
]
