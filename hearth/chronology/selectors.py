from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet

from hearth.chronology.models import ChronologyEntry
from hearth.core.access import Action, scoped


@dataclass(frozen=True)
class Filters:
    kinds: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    significant_only: bool = False
    court_ready: bool = False  # leaves out entries curated out


def _filtered(qs: QuerySet[ChronologyEntry], filters: Filters) -> QuerySet[ChronologyEntry]:
    if filters.kinds:
        qs = qs.filter(kind__in=filters.kinds)
    if filters.date_from:
        qs = qs.filter(occurred_at__date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(occurred_at__date__lte=filters.date_to)
    if filters.significant_only:
        qs = qs.filter(significant=True)
    if filters.court_ready:
        qs = qs.filter(hidden=False)
    return qs.select_related("recorded_by").order_by("-occurred_at", "-pk")


def chronology_of_person(
    *, user: Any, person: Any, filters: Filters = Filters()
) -> QuerySet[ChronologyEntry]:
    return _filtered(scoped(user, ChronologyEntry.objects.filter(person=person), Action.VIEW), filters)


def chronology_of_people(
    *, user: Any, people: list[Any], filters: Filters = Filters()
) -> QuerySet[ChronologyEntry]:
    """A family's chronology: entries of the members the user may see in full, newest first. An event
    about several members appears once per member; the page groups them (presenters.grouped)."""
    qs = scoped(user, ChronologyEntry.objects.filter(person__in=people), Action.VIEW).select_related("person")
    return _filtered(qs, filters)


def chronology_entry_get(*, user: Any, entry_id: int) -> ChronologyEntry:
    from hearth.core.access import get_for

    return get_for(user, ChronologyEntry.objects.select_related("person"), Action.CHANGE, pk=entry_id)
