"""Case notes: drafts that autosave, recording, edits that keep their history, managers' oversight.

Services in the project's shape: each runs in a transaction and records an audit entry; recording and
editing keep the note's chronology entries (one per person it is about) in step.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.accounts.roles import Role
from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record
from hearth.casework.models import CaseNote, CaseNoteSubject, CaseNoteVersion, NoteStatus, OversightNote
from hearth.chronology.models import ChronologyEntry, EntryKind
from hearth.chronology.services import chronology_record


def _people(note: CaseNote) -> list[Any]:
    return [s.person for s in note.subjects.select_related("person")]


def _set_subjects(note: CaseNote, people: list[Any]) -> None:
    wanted = {p.pk: p for p in people}
    note.subjects.exclude(person_id__in=wanted).delete()
    have = set(note.subjects.values_list("person_id", flat=True))
    CaseNoteSubject.objects.bulk_create(
        CaseNoteSubject(authority_id=note.authority_id, note=note, person=p)
        for pk, p in wanted.items()
        if pk not in have
    )


@transaction.atomic
def case_note_save_draft(*, by: Any, people: list[Any], title: str, text: str, occurred_at: datetime | None,
                         significant: bool, note: CaseNote | None = None, request: Any = None) -> CaseNote:  # fmt: skip
    """Save what has been typed so far. Nothing is checked but that it is the author's own draft: a draft
    may be half-written."""
    if note is None:
        note = CaseNote.objects.create(authority_id=by.authority_id, author=by)
    elif note.author_id != by.pk or note.status != NoteStatus.DRAFT:
        raise ValidationError("Only the author can change a draft, and only before it is recorded")
    note.title, note.text, note.occurred_at, note.significant = (
        title.strip()[:200],
        text,
        occurred_at,
        significant,
    )
    note.save(update_fields=["title", "text", "occurred_at", "significant", "saved_at"])
    if people:
        _set_subjects(note, people)
    return note


def _check(note: CaseNote, people: list[Any]) -> None:
    errors: dict[str, list[str]] = {}
    if not people:
        errors["people"] = ["Select who the note is about"]
    if not note.title.strip():
        errors["title"] = ["Enter a short summary, like “Home visit, Ava seen alone”"]
    if not note.text.strip():
        errors["text"] = ["Enter the note"]
    if note.occurred_at is None:
        errors["occurred_at"] = ["Enter when it happened"]
    elif note.occurred_at > timezone.now():
        errors["occurred_at"] = ["When it happened must be today or in the past"]
    if errors:
        raise ValidationError(errors)


def _version(note: CaseNote, by: Any) -> None:
    assert note.occurred_at is not None
    CaseNoteVersion.objects.create(authority_id=note.authority_id, note=note, version=note.version,
                                   occurred_at=note.occurred_at, title=note.title, text=note.text,
                                   significant=note.significant, edited_by=by)  # fmt: skip


@transaction.atomic
def case_note_record(*, by: Any, note: CaseNote, request: Any = None) -> CaseNote:
    """Record a draft: it goes on the chronology of everyone it is about and can no longer be deleted."""
    note = CaseNote.objects.select_for_update().get(pk=note.pk)
    if note.author_id != by.pk or note.status != NoteStatus.DRAFT:
        raise ValidationError("Only the author can record their draft, once")
    people = _people(note)
    _check(note, people)
    note.status, note.version, note.recorded_at = NoteStatus.RECORDED, 1, timezone.now()
    note.save(update_fields=["status", "version", "recorded_at"])
    _version(note, by)
    assert note.occurred_at is not None
    chronology_record(people=people, occurred_at=note.occurred_at, kind=EntryKind.CASE_NOTE, title=note.title,
                      detail=note.text[:1000], source=note, by=by, significant=note.significant)  # fmt: skip
    for person in people:
        audit_record(action=AuditAction.CREATE, summary="Recorded a case note", actor=by, obj=note, person=person,
                     request=request)  # fmt: skip
    return note


@transaction.atomic
def case_note_edit(*, by: Any, note: CaseNote, title: str, text: str, occurred_at: datetime | None,
                   significant: bool, expected_version: int, request: Any = None) -> CaseNote:  # fmt: skip
    """Change a recorded note. The earlier version is kept; a stale form (someone saved in between) is
    refused rather than overwriting their change."""
    note = CaseNote.objects.select_for_update().get(pk=note.pk)
    if note.status != NoteStatus.RECORDED:
        raise ValidationError("Only a recorded note can be edited")
    if note.author_id != by.pk and by.role != Role.TEAM_MANAGER:
        raise ValidationError("Only the author or a team manager can edit a recorded note")
    if note.version != expected_version:
        raise ValidationError(f"Someone saved this note while you were editing it (it is now version {note.version}). "
                              "Open it again to see their change, then make yours")  # fmt: skip
    before = {"title": note.title, "significant": note.significant}
    note.title, note.text, note.occurred_at, note.significant = (
        title.strip()[:200],
        text,
        occurred_at,
        significant,
    )
    people = _people(note)
    _check(note, people)
    note.version += 1
    note.save(update_fields=["title", "text", "occurred_at", "significant", "version", "saved_at"])
    _version(note, by)
    ChronologyEntry.objects.filter(source_type="casework.casenote", source_id=str(note.pk)).update(
        title=note.title, detail=note.text[:1000], significant=note.significant, occurred_at=note.occurred_at
    )
    for person in people:
        audit_record(action=AuditAction.CHANGE, summary=f"Edited a case note (version {note.version})", actor=by,
                     obj=note, person=person, changes={"before": before}, request=request)  # fmt: skip
    return note


@transaction.atomic
def oversight_add(*, by: Any, note: CaseNote, text: str, request: Any = None) -> OversightNote:
    if by.role != Role.TEAM_MANAGER:
        raise ValidationError("Only a team manager can add an oversight note")
    if note.status != NoteStatus.RECORDED:
        raise ValidationError("Add oversight to a recorded note, not a draft")
    if not text.strip():
        raise ValidationError({"text": ["Enter your oversight"]})
    oversight = OversightNote.objects.create(
        authority_id=note.authority_id, note=note, manager=by, text=text.strip()
    )
    people = _people(note)
    chronology_record(people=people, occurred_at=timezone.now(), kind=EntryKind.CASE_NOTE, source=oversight, by=by,
                      title=f"Manager’s oversight of “{note.title}”", detail=text.strip()[:1000])  # fmt: skip
    for person in people:
        audit_record(action=AuditAction.CREATE, summary="Added management oversight to a case note", actor=by,
                     obj=oversight, person=person, request=request)  # fmt: skip
    return oversight
