"""Partner token authentication for the API (errors are formatted by hearth.frontdoor.api_errors)."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from rest_framework import exceptions, permissions
from rest_framework.authentication import BaseAuthentication

from hearth.frontdoor.models import Partner, PartnerToken
from hearth.frontdoor.partners import split_token, token_hash


@dataclass
class PartnerPrincipal:
    """Who is calling: a partner organisation through one of its tokens. Not a staff user."""

    partner: Partner
    token: PartnerToken
    is_authenticated: bool = True

    @property
    def authority_id(self) -> int:
        return self.partner.authority_id

    @property
    def label(self) -> str:
        return f"Partner: {self.partner.name} (token {self.token.prefix})"


class PartnerTokenAuthentication(BaseAuthentication):
    def authenticate(self, request: Any) -> tuple[PartnerPrincipal, PartnerToken] | None:
        header = request.headers.get("Authorization", "")
        if not header:
            return None
        scheme, _, token = header.partition(" ")
        parsed = split_token(token.strip()) if scheme.lower() == "bearer" else None
        if parsed is None:
            raise exceptions.AuthenticationFailed("Send a partner token as: Authorization: Bearer <token>")
        prefix, full = parsed
        record = PartnerToken.objects.select_related("partner").filter(prefix=prefix).first()
        if record is None or not hmac.compare_digest(record.hashed, token_hash(full)):
            raise exceptions.AuthenticationFailed("This token is not recognised")
        if record.revoked_at is not None:
            raise exceptions.AuthenticationFailed(
                "This token has been revoked. Ask the council for a new one"
            )
        PartnerToken.objects.filter(pk=record.pk).update(last_used_at=timezone.now())
        return PartnerPrincipal(record.partner, record), record

    def authenticate_header(self, request: Any) -> str:
        return 'Bearer realm="hearth"'


class IsPartner(permissions.BasePermission):
    message = "Send a partner token as: Authorization: Bearer <token>"

    def has_permission(self, request: Any, view: Any) -> bool:
        return isinstance(request.user, PartnerPrincipal)
