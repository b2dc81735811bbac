"""Partner organisations and their API tokens. Only a hash of each token is kept."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record
from hearth.frontdoor.models import Partner, PartnerToken

TOKEN_PREFIX = "hth"  # noqa: S105  (a public marker that says "this is a Hearth token", not a secret)


def token_hash(token: str) -> str:
    # The token is 256 random bits, so a fast hash is enough; a slow password hash would only add latency.
    return hashlib.sha256(token.encode()).hexdigest()


def split_token(token: str) -> tuple[str, str] | None:
    parts = token.split("_", 2)  # the secret part may itself contain underscores
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX or len(parts[1]) != 10:
        return None
    return parts[1], token


@transaction.atomic
def partner_create(*, authority_id: int, name: str, source: str, by: Any = None) -> Partner:
    partner = Partner.objects.create(authority_id=authority_id, name=name.strip(), source=source)
    audit_record(action=AuditAction.CREATE, summary=f"Added partner {partner.name}", actor=by, obj=partner,
                 authority_id=authority_id, channel="cli" if by is None else "web")  # fmt: skip
    return partner


@transaction.atomic
def partner_token_issue(*, partner: Partner, name: str, by: Any = None) -> tuple[PartnerToken, str]:
    """A new token for `partner`. The token itself is returned once and never stored."""
    prefix = secrets.token_hex(5)
    token = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    record = PartnerToken.objects.create(authority_id=partner.authority_id, partner=partner, name=name,
                                         prefix=prefix, hashed=token_hash(token))  # fmt: skip
    audit_record(action=AuditAction.CREATE, summary=f"Issued API token {prefix} to {partner.name}", actor=by,
                 obj=record, authority_id=partner.authority_id, channel="cli" if by is None else "web")  # fmt: skip
    return record, token


@transaction.atomic
def partner_token_revoke(*, token: PartnerToken, by: Any = None) -> PartnerToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(action=AuditAction.CHANGE, summary=f"Revoked API token {token.prefix}", actor=by, obj=token,
                     authority_id=token.authority_id, channel="cli" if by is None else "web")  # fmt: skip
    return token
