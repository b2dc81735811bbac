"""Sign-in events into the audit log.

Django and django-axes announce sign-in, sign-out, failure and lockout as signals; listening to them is
the only way to see every path (form, future identity provider, API). Only auditing happens here.
"""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from hearth.accounts.models import User
from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record


@receiver(user_logged_in, dispatch_uid="hearth-audit-sign-in")
def _signed_in(sender: Any, request: Any, user: User, **kwargs: Any) -> None:
    audit_record(action=AuditAction.SIGN_IN, summary="Signed in", actor=user, request=request)


@receiver(user_logged_out, dispatch_uid="hearth-audit-sign-out")
def _signed_out(sender: Any, request: Any, user: User | None, **kwargs: Any) -> None:
    if user is None:
        return
    if getattr(request, "hearth_sign_out_reason", "") == "timeout":
        audit_record(
            action=AuditAction.TIMED_OUT, summary="Signed out after inactivity", actor=user, request=request
        )
    else:
        audit_record(action=AuditAction.SIGN_OUT, summary="Signed out", actor=user, request=request)


def _account(username: str) -> User | None:
    return User.objects.filter(username=username).select_related("authority").first() if username else None


@receiver(user_login_failed, dispatch_uid="hearth-audit-sign-in-failed")
def _sign_in_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    username = str(credentials.get("username", ""))[:150]
    account = _account(username)
    audit_record(
        action=AuditAction.SIGN_IN_FAILED,
        summary=f"Sign-in failed for username {username!r}",
        authority_id=account.authority_id if account else None,
        actor_label=username,
        request=request,
    )


@receiver(user_locked_out, dispatch_uid="hearth-audit-locked-out")
def _locked_out(sender: Any, request: Any, username: str, ip_address: str, **kwargs: Any) -> None:
    account = _account(username)
    audit_record(
        action=AuditAction.LOCKED_OUT,
        summary=f"Username {username!r} locked out from {ip_address} after repeated wrong passwords",
        authority_id=account.authority_id if account else None,
        actor_label=username or "",
        request=request,
    )
