"""Recording and curating chronology entries. Other apps' services call chronology_record for each event."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import models, transaction

from hearth.accounts.models import User
from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record
from hearth.chronology.models import ChronologyEntry


def chronology_record(
    *,
    people: Iterable[Any],
    occurred_at: datetime,
    kind: str,
    title: str,
    detail: str = "",
    source: models.Model | None = None,
    by: Any = None,
    significant: bool = False,
) -> list[ChronologyEntry]:
    """One entry on each person's chronology for one event. Runs in the caller's transaction."""
    entries = [
        ChronologyEntry(
            authority_id=person.authority_id,
            person=person,
            occurred_at=occurred_at,
            kind=kind,
            title=title[:200],
            detail=detail,
            source_type=source._meta.label_lower if source is not None else "",
            source_id=str(source.pk) if source is not None else "",
            significant=significant,
            recorded_by=by if isinstance(by, User) else None,
        )
        for person in people
    ]
    return ChronologyEntry.objects.bulk_create(entries)


@transaction.atomic
def chronology_entry_curate(
    *,
    by: Any,
    entry: ChronologyEntry,
    significant: bool | None = None,
    hidden: bool | None = None,
    request: Any = None,
) -> ChronologyEntry:
    """Mark an entry significant (or not), or leave it out of the court-ready view (or put it back)."""
    changes: dict[str, Any] = {}
    if significant is not None and significant != entry.significant:
        changes["significant"] = [entry.significant, significant]
        entry.significant = significant
    if hidden is not None and hidden != entry.hidden:
        changes["hidden"] = [entry.hidden, hidden]
        entry.hidden = hidden
    if changes:
        entry.save(update_fields=["significant", "hidden"])
        audit_record(
            action=AuditAction.CHANGE, summary="Curated a chronology entry", actor=by, obj=entry,
            person=entry.person_id, changes=changes, request=request,
        )  # fmt: skip
    return entry
