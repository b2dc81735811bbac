"""Sign in, sign out, and the session timeout warning's two calls."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from hearth.accounts.forms import SignInForm
from hearth.accounts.middleware import LAST_ACTIVITY, seconds_left

SIGN_IN_NOTICES = {
    "timeout": "You were signed out because you did not use Hearth for {minutes} minutes. "
    "Sign in again to carry on.",
    "signed-out": "You have signed out.",
}


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        notice = SIGN_IN_NOTICES.get(self.request.GET.get("reason", ""))
        if notice:
            context["notice"] = notice.format(minutes=settings.HEARTH_IDLE_TIMEOUT // 60)
        return context


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    reason = "timeout" if request.POST.get("reason") == "timeout" else "signed-out"
    request.hearth_sign_out_reason = reason  # type: ignore[attr-defined]
    logout(request)
    return redirect(f"{reverse('accounts:sign-in')}?reason={reason}")


@require_GET
def session_status(request: HttpRequest) -> JsonResponse:
    """How long the session has left. Asking does not count as activity (see the middleware)."""
    return JsonResponse({"signedIn": True, "secondsLeft": seconds_left(request)})


@require_POST
def session_extend(request: HttpRequest) -> HttpResponse:
    """ "Stay signed in": the request itself is activity, so the middleware has already renewed it."""
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"signedIn": True, "secondsLeft": seconds_left(request)})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("core:home")
    return redirect(target)


@login_not_required
def locked_out(request: HttpRequest, response: Any = None, credentials: Any = None) -> HttpResponse:
    minutes = int(settings.AXES_COOLOFF_TIME * 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes, "navigation": []}, status=429)


__all__ = ["LAST_ACTIVITY", "SignInView", "locked_out", "session_extend", "session_status", "sign_out"]
