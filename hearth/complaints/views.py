"""Complaints pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from hearth.core.access import Capability, has_capability
from hearth.core.views import forbidden, page


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    if not has_capability(request.user, Capability.COMPLAINTS):
        return forbidden(request)
    return page(request, "complaints/index.html", {}, section="complaints")
