from django.urls import path

from hearth.scrutiny import views

app_name = "scrutiny"
urlpatterns = [
    path("", views.index, name="index"),
    path("committees/<int:committee_id>/", views.committee_detail, name="committee"),
    path("work-programme/<int:item_id>/", views.programme_item, name="programme-item"),
    path("meetings/<int:meeting_id>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:meeting_id>/agenda-pack.pdf", views.agenda_pack_pdf, name="pack"),
    path("agenda-items/<int:item_id>/", views.agenda_item, name="agenda-item"),
]
