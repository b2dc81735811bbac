from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet

from hearth.audit.models import AuditEvent
from hearth.core.access import scoped


def audit_events(
    *,
    user: Any,
    actor_id: int | None = None,
    person_id: int | None = None,
    action: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[AuditEvent]:
    """Entries of the user's authority's chain, newest first."""
    qs = scoped(user, AuditEvent).select_related("person")
    if actor_id:
        qs = qs.filter(actor_id=actor_id)
    if person_id:
        qs = qs.filter(person_id=person_id)
    if action:
        qs = qs.filter(action=action)
    if date_from:
        qs = qs.filter(at__date__gte=date_from)
    if date_to:
        qs = qs.filter(at__date__lte=date_to)
    return qs.order_by("-at", "-seq")
