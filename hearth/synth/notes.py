"""Case notes for the demo county: a few recent visits recorded for each family someone works with."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from hearth.casework.models import CaseNote, CaseNoteSubject, CaseNoteVersion, NoteStatus
from hearth.chronology.models import ChronologyEntry, EntryKind
from hearth.organisation.models import Authority
from hearth.synth.chance import LONDON, start_of
from hearth.synth.families import Family
from hearth.synth.rows import insert_rows

VISITS = (
    (
        "Home visit, {names} seen",
        "Visited at home. {names} seen; the house was warm and there was food in. "
        "Talked about school and who they can go to if they are worried.",
    ),
    (
        "Home visit, {first} seen alone",
        "Saw {first} alone in their room. They said things are calmer at home "
        "since the last visit. Agreed to check in with school next week.",
    ),
    (
        "School visit, {first} seen",
        "Met {first} at school with the designated safeguarding lead. Attendance is "
        "improving. {first} is worried about a friendship group outside school.",
    ),
    (
        "Phone call with parent",
        "Spoke to the parent about the plan. They have booked the GP appointment and "
        "will bring {names} to the family group conference.",
    ),
)


def make_case_notes(rng: random.Random, authority: Authority, families: list[Family], today: date) -> int:
    worked_with = [f for f in families if f.worker is not None]
    notes: list[CaseNote] = []
    about: list[list[Any]] = []
    for family in worked_with:
        for _ in range(rng.randint(1, 3)):
            day = today - timedelta(days=rng.randint(1, 90))
            when = datetime.combine(day, time(rng.randint(9, 17), rng.choice((0, 15, 30, 45))), tzinfo=LONDON)
            title, text = rng.choice(VISITS)
            names = " and ".join(c.given_name for c in family.children)
            first = family.children[0].given_name
            notes.append(CaseNote(authority=authority, author=family.worker, status=NoteStatus.RECORDED,
                                  occurred_at=when, title=title.format(names=names, first=first),
                                  text=text.format(names=names, first=first), significant=rng.random() < 0.05,
                                  version=1, recorded_at=when + timedelta(hours=2)))  # fmt: skip
            about.append(family.children)
    CaseNote.objects.bulk_create(notes, batch_size=2000)
    a, now = authority.pk, start_of(today)
    insert_rows(
        CaseNoteSubject,
        ["authority", "note", "person"],
        [(a, n.pk, p.pk) for n, ps in zip(notes, about, strict=True) for p in ps],
    )
    insert_rows(CaseNoteVersion, ["authority", "note", "version", "occurred_at", "title", "text", "significant",
                                  "edited_by", "edited_at"],
                [(a, n.pk, 1, n.occurred_at, n.title, n.text, n.significant, n.author_id, n.recorded_at) for n in notes])  # fmt: skip
    insert_rows(ChronologyEntry, ["authority", "person", "occurred_at", "kind", "title", "detail", "source_type",
                                  "source_id", "significant", "hidden", "recorded_by", "recorded_at"],
                [(a, p.pk, n.occurred_at, EntryKind.CASE_NOTE, n.title, n.text, "casework.casenote", str(n.pk),
                  n.significant, False, n.author_id, now) for n, ps in zip(notes, about, strict=True) for p in ps])  # fmt: skip
    return len(notes)
