"""Reads for case notes, through the access policy.

A note is about several people; it is shown only to someone who may see every one of them in full, so a
note never discloses a restricted family member's information to someone not named on their record."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from hearth.casework.models import CaseNote, CaseNoteSubject, NoteStatus
from hearth.core.access import Action, get_for, scoped
from hearth.people.family import households_of, relationships_of
from hearth.people.models import Allocation, HouseholdMember, Person


def note_get(*, user: Any, note_id: int) -> CaseNote:
    note = get_for(user, CaseNote.objects.select_related("author"), pk=note_id)
    subjects = note.subjects.count()
    visible = scoped(user, CaseNoteSubject.objects.filter(note=note), Action.VIEW).count()
    if subjects != visible or (subjects == 0 and note.author_id != user.pk):
        raise PermissionDenied("This note is about someone whose record you cannot see.")
    if note.status == NoteStatus.DRAFT and note.author_id != user.pk:
        raise PermissionDenied("This is someone else’s draft.")
    return note


def note_people(*, user: Any, note: CaseNote) -> list[Person]:
    return [s.person for s in scoped(user, note.subjects.select_related("person"), Action.VIEW)]


def my_draft_notes(*, user: Any) -> QuerySet[CaseNote]:
    return scoped(user, CaseNote.objects.filter(author=user, status=NoteStatus.DRAFT)).order_by("-saved_at")


def people_to_note_about(*, user: Any, person: Person) -> list[Person]:
    """The person, and the family around them the user may see in full: the choice of whom a note is about."""
    households = households_of(user=user, person=person)
    members = scoped(
        user, HouseholdMember.objects.filter(household__in=households, left_on__isnull=True), Action.VIEW
    ).select_related("person")
    people = {person.pk: person}
    for member in members:
        people.setdefault(member.person_id, member.person)
    for related in relationships_of(user=user, person=person):
        if related.may_open:
            people.setdefault(related.person.pk, related.person)
    return list(people.values())


def assessment_get(*, user: Any, assessment_id: int, action: Action = Action.VIEW) -> Any:
    from hearth.casework.models import Assessment

    return get_for(user, Assessment.objects.select_related("person", "worker", "decided_by", "referral"), action,
                   pk=assessment_id)  # fmt: skip


def my_assessments(*, user: Any) -> QuerySet[Any]:
    """Assessments the user is doing, soonest due first."""
    from hearth.casework.models import Assessment, AssessmentStatus

    return (
        scoped(user, Assessment.objects.filter(worker=user, status__in=[AssessmentStatus.IN_PROGRESS,
                                                                         AssessmentStatus.RETURNED]), Action.VIEW)
        .select_related("person").order_by("due_on")
    )  # fmt: skip


def assessments_to_approve(*, user: Any) -> QuerySet[Any]:
    """Submitted assessments by members of the user's team, oldest first."""
    from hearth.casework.models import Assessment, AssessmentStatus

    if not user.team_id:
        return scoped(user, Assessment.objects.none())
    return (
        scoped(user, Assessment.objects.filter(worker__team_id=user.team_id, status=AssessmentStatus.SUBMITTED), Action.VIEW)
        .select_related("person", "worker").order_by("submitted_at")
    )  # fmt: skip


def conference_get(*, user: Any, conference_id: int) -> Any:
    from hearth.casework.models import Conference

    return get_for(user, Conference.objects.select_related("person", "plan", "strategy_discussion"), Action.CHANGE,
                   pk=conference_id)  # fmt: skip


def protection_of(*, user: Any, person: Person) -> dict[str, Any]:
    """The child's open plan and conferences still to hold, for the person page."""
    from hearth.casework.models import Conference, ProtectionPlan

    return {
        "plan": scoped(
            user, ProtectionPlan.objects.filter(person=person, ended_on__isnull=True), Action.VIEW
        ).first(),
        "conferences": list(
            scoped(user, Conference.objects.filter(person=person, held_on__isnull=True), Action.VIEW)
        ),
    }


def visits_due(*, user: Any) -> QuerySet[Any]:
    """Plans of the people allocated to the user, by when their next statutory visit is due."""
    from hearth.casework.models import ProtectionPlan

    mine = scoped(user, Allocation.objects.filter(worker=user, ended_on__isnull=True), Action.VIEW).values(
        "person_id"
    )
    return (
        scoped(user, ProtectionPlan.objects.filter(ended_on__isnull=True, person_id__in=mine), Action.VIEW)
        .select_related("person").order_by("next_visit_due_on")
    )  # fmt: skip


def conferences_due(*, user: Any) -> QuerySet[Any]:
    """Conferences not yet held for the people allocated to the user, soonest first."""
    from hearth.casework.models import Conference

    mine = scoped(user, Allocation.objects.filter(worker=user, ended_on__isnull=True), Action.VIEW).values(
        "person_id"
    )
    return (
        scoped(user, Conference.objects.filter(held_on__isnull=True, person_id__in=mine), Action.VIEW)
        .select_related("person").order_by("due_on")
    )  # fmt: skip
