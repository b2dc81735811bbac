"""Writing to the audit log. Every change service and every read of a person's record calls `audit_record`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils import timezone

from hearth.audit.chain import HASHED_FIELDS, Problem, chain_name, entry_hash, verify_entries
from hearth.audit.models import AuditAction, AuditChainHead, AuditEvent

if TYPE_CHECKING:
    from django.http import HttpRequest


def _client_ip(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    return str(request.META.get("REMOTE_ADDR", ""))[:45]


def audit_record(
    *,
    action: AuditAction | str,
    summary: str,
    actor: Any = None,
    authority_id: int | None = None,
    obj: models.Model | None = None,
    person: Any = None,
    changes: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
    channel: str = "web",
    actor_label: str = "",
) -> AuditEvent:
    """Append one entry to the chain of its authority. Runs inside the caller's transaction if any.

    `actor` is a staff user, or a caller that is not one (a partner's API token), which is recorded by its
    `label` on the "api" channel."""
    return _append(action=action, summary=summary, actor=actor, authority_id=authority_id, obj=obj, people=[person],
                   changes=changes, request=request, channel=channel, actor_label=actor_label)[0]  # fmt: skip


def audit_record_each(*, people: list[Any], **entry: Any) -> list[AuditEvent]:
    """The same entry for each of several people (a family page, a case note about siblings): one lock of
    the chain and one insert, however many people."""
    return _append(people=people, **entry) if people else []


def _append(
    *,
    action: AuditAction | str,
    summary: str,
    people: list[Any],
    actor: Any = None,
    authority_id: int | None = None,
    obj: models.Model | None = None,
    changes: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
    channel: str = "web",
    actor_label: str = "",
) -> list[AuditEvent]:
    from hearth.accounts.models import User

    if actor is not None and not isinstance(actor, User):
        if getattr(actor, "label", ""):
            actor_label = actor_label or actor.label
            channel = "api"
            authority_id = authority_id or getattr(actor, "authority_id", None)
        actor = None
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if authority_id is None:
        authority_id = getattr(obj, "authority_id", None) or getattr(actor, "authority_id", None)
    chain = chain_name(authority_id)
    now = timezone.now()
    with transaction.atomic():
        # The head row is locked until commit, so entries of one chain are appended one at a time.
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(chain=chain)
        events = []
        for person in people:
            fields: dict[str, Any] = {
                "chain": chain,
                "seq": head.last_seq + 1,
                # Truncated to the millisecond so the hash is the same whichever database stored the value.
                "at": now.replace(microsecond=now.microsecond // 1000 * 1000),
                "authority_id": authority_id,
                "actor_id": actor.pk if actor is not None else None,
                "actor_label": (actor_label or (actor.display_name if actor is not None else ""))[:200],
                "action": str(action),
                "object_type": obj._meta.label_lower if obj is not None else "",
                "object_id": str(obj.pk) if obj is not None else "",
                "person_id": getattr(person, "pk", person),
                "summary": summary[:300],
                "changes": changes or {},
                "channel": channel,
                "ip_address": _client_ip(request),
                "path": request.get_full_path()[:300] if request is not None else "",
                "method": (request.method or "") if request is not None else "",
                "prev_hash": head.last_hash or "0" * 64,
            }
            fields["hash"] = entry_hash(fields)
            events.append(AuditEvent(**fields))
            head.last_seq, head.last_hash = fields["seq"], fields["hash"]
        AuditEvent.objects.bulk_create(events)
        head.save(update_fields=["last_seq", "last_hash"])
    return events


def audit_verify(*, chain: str | None = None) -> tuple[dict[str, int], list[Problem]]:
    """Check every chain (or one). Returns the number of entries checked per chain and the problems."""
    heads = AuditChainHead.objects.order_by("chain")
    if chain is not None:
        heads = heads.filter(chain=chain)
    counts: dict[str, int] = {}
    problems: list[Problem] = []
    for head in heads:
        rows = (
            AuditEvent.objects.filter(chain=head.chain)
            .order_by("seq")
            .values(*HASHED_FIELDS, "hash")
            .iterator(chunk_size=2000)
        )
        seen = 0

        def counted(rows: Any = rows) -> Any:
            nonlocal seen
            for row in rows:
                seen += 1
                yield row

        problems.extend(verify_entries(head.chain, counted(), head.last_seq, head.last_hash))
        counts[head.chain] = seen
    return counts, problems
