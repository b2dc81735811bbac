from django.contrib.auth.decorators import login_not_required
from django.urls import path

from hearth.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", login_not_required(views.SignInView.as_view()), name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("session/", views.session_status, name="session-status"),
    path("session/extend/", views.session_extend, name="session-extend"),
]
