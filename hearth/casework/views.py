"""Case notes: write one (with autosave), read it with its history and oversight, edit it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from hearth.accounts.roles import Role
from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record, audit_record_each
from hearth.casework import notes, selectors
from hearth.casework.forms import CaseNoteForm, OversightForm
from hearth.casework.models import CaseNote, NoteStatus
from hearth.core.access import Action
from hearth.core.forms import add_errors
from hearth.core.views import page
from hearth.people.selectors import person_get


def note_write(request: HttpRequest, person_id: int, note_id: int | None = None) -> HttpResponse:
    """Write a new note about a person (and their family), or carry on with a draft."""
    person = person_get(user=request.user, person_id=person_id, action=Action.CHANGE)
    note = selectors.note_get(user=request.user, note_id=note_id) if note_id else None
    if note is not None and (note.status != NoteStatus.DRAFT or note.author_id != request.user.pk):
        return redirect("casework:note", note_id=note.pk)
    choices = selectors.people_to_note_about(user=request.user, person=person)
    initial: dict[str, Any] = {"people": [str(person.pk)]}
    if note is not None:
        local = note.occurred_at
        initial = {"people": [str(p.pk) for p in selectors.note_people(user=request.user, note=note)],
                   "title": note.title, "text": note.text, "significant": note.significant,
                   "occurred_on": local.date() if local else None,
                   "occurred_time": f"{local.astimezone():%H:%M}" if local else ""}  # fmt: skip
    form = CaseNoteForm(request.POST or None, people=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            note = notes.case_note_save_draft(
                by=request.user, note=note, people=form.chosen_people(), title=form.cleaned_data["title"],
                text=form.cleaned_data["text"], occurred_at=form.occurred_at(),
                significant=form.cleaned_data["significant"], request=request,
            )  # fmt: skip
            if request.POST.get("action") == "record":
                notes.case_note_record(by=request.user, note=note, request=request)
                messages.success(request, "The case note is recorded")
                return redirect("casework:note", note_id=note.pk)
            messages.success(request, "Draft saved. It is not on anyone’s record until you record it")
            return redirect("casework:draft", person_id=person.pk, note_id=note.pk)
        except ValidationError as error:
            add_errors(form, error)
    if request.method == "GET":
        audit_record(action=AuditAction.VIEW, summary="Opened the case note form", actor=request.user, obj=person,
                     person=person, request=request)  # fmt: skip
    context = {"person": person, "form": form, "note": note}
    return page(request, "casework/note_form.html", context, section="people")


@require_POST
def note_autosave(request: HttpRequest, person_id: int) -> JsonResponse:
    """The autosave script's call: save the draft as typed so far. Errors come back as JSON, not a page."""
    try:
        person = person_get(user=request.user, person_id=person_id, action=Action.CHANGE)
        note_id = request.POST.get("note_id", "")
        note = selectors.note_get(user=request.user, note_id=int(note_id)) if note_id.isdigit() else None
        form = CaseNoteForm(
            request.POST, people=selectors.people_to_note_about(user=request.user, person=person)
        )
        if not form.is_valid():
            return JsonResponse({"saved": False, "error": "Some answers are not valid yet"}, status=400)
        note = notes.case_note_save_draft(by=request.user, note=note, people=form.chosen_people(),
                                          title=form.cleaned_data["title"], text=form.cleaned_data["text"],
                                          occurred_at=form.occurred_at(), significant=form.cleaned_data["significant"])  # fmt: skip
    except (PermissionDenied, ValidationError) as error:
        return JsonResponse({"saved": False, "error": str(error)}, status=403)
    return JsonResponse(
        {"saved": True, "note_id": note.pk, "saved_at": f"{note.saved_at.astimezone():%H:%M:%S}"}
    )


def note_detail(request: HttpRequest, note_id: int) -> HttpResponse:
    note = selectors.note_get(user=request.user, note_id=note_id)
    people = selectors.note_people(user=request.user, note=note)
    may_oversee = (
        getattr(request.user, "role", "") == Role.TEAM_MANAGER and note.status == NoteStatus.RECORDED
    )
    oversight_form = OversightForm(request.POST if may_oversee and request.method == "POST" else None)
    if request.method == "POST":
        if not may_oversee:
            raise PermissionDenied("Only a team manager can add oversight")
        if oversight_form.is_valid():
            try:
                notes.oversight_add(
                    by=request.user, note=note, text=oversight_form.cleaned_data["text"], request=request
                )
                messages.success(request, "Oversight added")
                return redirect("casework:note", note_id=note.pk)
            except ValidationError as error:
                add_errors(oversight_form, error)
    audit_record_each(action=AuditAction.VIEW, summary="Read a case note", actor=request.user, obj=note, people=people,
                      request=request)  # fmt: skip
    context = {
        "note": note, "people": people, "versions": note.versions.select_related("edited_by"),
        "oversight": note.oversight.select_related("manager"), "oversight_form": oversight_form,
        "may_oversee": may_oversee,
        "may_edit": note.status == NoteStatus.RECORDED and (note.author_id == request.user.pk or getattr(request.user, "role", "") == Role.TEAM_MANAGER),
    }  # fmt: skip
    return page(request, "casework/note.html", context, section="people")


def note_edit(request: HttpRequest, note_id: int) -> HttpResponse:
    note: CaseNote = selectors.note_get(user=request.user, note_id=note_id)
    people = selectors.note_people(user=request.user, note=note)
    local = note.occurred_at
    initial = {"people": [str(p.pk) for p in people], "title": note.title, "text": note.text,
               "significant": note.significant, "version": note.version,
               "occurred_on": local.date() if local else None,
               "occurred_time": f"{local.astimezone():%H:%M}" if local else ""}  # fmt: skip
    form = CaseNoteForm(request.POST or None, people=people, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            notes.case_note_edit(by=request.user, note=note, title=form.cleaned_data["title"],
                                 text=form.cleaned_data["text"], occurred_at=form.occurred_at(),
                                 significant=form.cleaned_data["significant"],
                                 expected_version=form.cleaned_data["version"] or 0, request=request)  # fmt: skip
            messages.success(request, "The note is changed. The earlier version is kept")
            return redirect("casework:note", note_id=note.pk)
        except ValidationError as error:
            add_errors(form, error)
    return page(request, "casework/note_form.html", {"person": people[0] if people else None, "form": form,
                                                      "note": note, "editing": True}, section="people")  # fmt: skip
