from django.urls import path

from hearth.frontdoor import views

app_name = "frontdoor"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("sign-off/", views.sign_off_queue, name="sign-off"),
    path("contacts/new/", views.contact_new, name="new"),
    path("contacts/<int:contact_id>/", views.contact_detail, name="contact"),
    path("contacts/<int:contact_id>/check/", views.contact_check, name="check"),
    path("contacts/<int:contact_id>/<slug:step>/", views.contact_step, name="step"),
]
