"""Sign a user out after HEARTH_IDLE_TIMEOUT seconds without activity, and say why on the sign-in page."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

LAST_ACTIVITY = "hearth_last_activity"


def seconds_left(request: HttpRequest) -> int:
    last = request.session.get(LAST_ACTIVITY, time.time())
    return max(0, int(settings.HEARTH_IDLE_TIMEOUT - (time.time() - last)))


class IdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            status_url = reverse("accounts:session-status")
            last = request.session.get(LAST_ACTIVITY)
            if last is not None and time.time() - last > settings.HEARTH_IDLE_TIMEOUT:
                request.hearth_sign_out_reason = "timeout"  # type: ignore[attr-defined]
                logout(request)
                if request.path == status_url:
                    return JsonResponse({"signedIn": False, "secondsLeft": 0})
                query = {"reason": "timeout"}
                if request.method == "GET":
                    query["next"] = request.get_full_path()
                return redirect(f"{reverse('accounts:sign-in')}?{urlencode(query)}")
            # Asking how long is left is not activity; everything else is.
            if request.path != status_url:
                request.session[LAST_ACTIVITY] = time.time()
        return self.get_response(request)
