"""Home ("my work"), information pages and error pages."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET

from hearth.core import home as my_work_page
from hearth.core.navigation import navigation_for


def page(
    request: HttpRequest, template: str, context: dict[str, Any], *, section: str = "", status: int = 200
) -> HttpResponse:
    """Render a page inside the shell, with the navigation for the user's role."""
    context = {**context, "navigation": navigation_for(request.user, section)}
    return render(request, template, context, status=status)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return page(request, "core/home.html", my_work_page.my_work(user=request.user), section="home")


@login_not_required
@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return page(request, "core/accessibility.html", {})


@login_not_required
@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return page(request, "core/privacy.html", {})


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = (
        str(exception) if exception and str(exception) else "You do not have permission to see this page."
    )
    return page(request, "core/403.html", {"message": message}, status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return page(request, "core/404.html", {}, status=404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    # No navigation or user details: the error may have come from loading them.
    return render(request, "core/500.html", {}, status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return page(request, "core/csrf.html", {}, status=403)
