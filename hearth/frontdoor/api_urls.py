from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.permissions import AllowAny

from hearth.frontdoor import api

# The API authenticates with partner tokens, not staff sessions, so Django's sign-in requirement is lifted.
urlpatterns = [
    path("v1/contacts/", login_not_required(api.ContactsView.as_view()), name="api-contacts"),
    path(
        "v1/contacts/<int:contact_id>/",
        login_not_required(api.ContactStatusView.as_view()),
        name="api-contact",
    ),
    path(
        "openapi.json",
        login_not_required(
            SpectacularJSONAPIView.as_view(authentication_classes=[], permission_classes=[AllowAny])
        ),
        name="api-schema",
    ),
]
