from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from hearth.chronology.models import ChronologyEntry
from hearth.core.jinja import govuk_date


@dataclass
class Event:
    """One event on a family chronology, with every member it is about."""

    entry: ChronologyEntry
    people: list[Any] = field(default_factory=list)


def grouped(entries: Iterable[ChronologyEntry]) -> list[Event]:
    """Entries of one event (same source) about several family members become one row."""
    events: list[Event] = []
    by_source: dict[tuple[str, str], Event] = {}
    for entry in entries:
        key = (entry.source_type, entry.source_id)
        if entry.source_id and key in by_source:
            by_source[key].people.append(entry.person)
            continue
        event = Event(entry, [entry.person])
        events.append(event)
        if entry.source_id:
            by_source[key] = event
    return events


CSV_HEADINGS = [
    "Date",
    "Time",
    "Type",
    "What happened",
    "Detail",
    "Significant",
    "In court view",
    "Recorded by",
]


def as_csv(entries: Iterable[ChronologyEntry]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADINGS)
    for e in entries:
        local = e.occurred_at
        writer.writerow([
            local.date().isoformat(), govuk_date(local, time=True).split(" at ")[-1], e.get_kind_display(),
            _safe(e.title), _safe(e.detail), "Yes" if e.significant else "No", "No" if e.hidden else "Yes",
            e.recorded_by.display_name if e.recorded_by else "",
        ])  # fmt: skip
    return out.getvalue()


def _safe(text: str) -> str:
    """Stop a spreadsheet treating typed text as a formula (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
