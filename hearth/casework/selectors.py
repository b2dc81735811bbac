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


def my_people(user: Any) -> Any:
    return scoped(user, Allocation.objects.filter(worker=user, ended_on__isnull=True), Action.VIEW).values(
        "person_id"
    )


def visits_due(*, user: Any) -> QuerySet[Any]:
    """Plans of the people allocated to the user, by when their next statutory visit is due."""
    from hearth.casework.models import ProtectionPlan

    return (
        scoped(user, ProtectionPlan.objects.filter(ended_on__isnull=True, person_id__in=my_people(user)), Action.VIEW)
        .select_related("person").order_by("next_visit_due_on")
    )  # fmt: skip


def conferences_due(*, user: Any) -> QuerySet[Any]:
    """Conferences not yet held for the people allocated to the user, soonest first."""
    from hearth.casework.models import Conference

    return (
        scoped(user, Conference.objects.filter(held_on__isnull=True, person_id__in=my_people(user)), Action.VIEW)
        .select_related("person").order_by("due_on")
    )  # fmt: skip


def plan_get(*, user: Any, plan_id: int, action: Action = Action.VIEW) -> Any:
    from hearth.casework.models import Plan

    return get_for(user, Plan.objects.select_related("person", "involvement", "created_by", "decided_by"), action,
                   pk=plan_id)  # fmt: skip


def meeting_get(*, user: Any, meeting_id: int, action: Action = Action.VIEW) -> Any:
    from hearth.casework.models import Meeting

    return get_for(user, Meeting.objects.select_related("person", "plan", "protection_plan", "conference", "fgc",
                                                        "recorded_by"), action, pk=meeting_id)  # fmt: skip


def fgc_get(*, user: Any, fgc_id: int, action: Action = Action.VIEW) -> Any:
    from hearth.casework.models import FamilyGroupConference

    return get_for(user, FamilyGroupConference.objects.select_related("person", "coordinator", "requested_by"),
                   action, pk=fgc_id)  # fmt: skip


def tool_response_get(*, user: Any, response_id: int) -> Any:
    from hearth.casework.models import ToolResponse

    return get_for(user, ToolResponse.objects.select_related("person", "completed_by"), Action.VIEW,
                   pk=response_id)  # fmt: skip


def case_action_get(*, user: Any, action_id: int) -> Any:
    from hearth.casework.models import CaseAction

    return get_for(user, CaseAction.objects.select_related("person"), Action.CHANGE, pk=action_id)


def actions_of(*, user: Any, meeting: Any = None, plan: Any = None) -> list[Any]:
    from hearth.casework.models import CaseAction

    source = {"meeting": meeting} if meeting is not None else {"plan": plan}
    found = scoped(user, CaseAction.objects.filter(**source), Action.VIEW)
    return list(found.select_related("owner").order_by("done_on", "due_on"))


def casework_of(*, user: Any, person: Person) -> dict[str, Any]:
    """What is happening in the child's casework, for the person page."""
    from hearth.casework.models import (
        Assessment,
        CaseAction,
        FamilyGroupConference,
        Involvement,
        Meeting,
        Plan,
        ToolResponse,
    )

    def ordered(queryset: Any, *order: str, limit: int = 20) -> list[Any]:
        return list(queryset.order_by(*order)[:limit])

    v = Action.VIEW
    return {
        "involvements": ordered(scoped(user, Involvement.objects.filter(person=person, ended_on__isnull=True), v),
                                "started_on"),
        "assessments": ordered(scoped(user, Assessment.objects.filter(person=person), v).select_related("worker"),
                               "-started_on", limit=3),
        "plans": ordered(scoped(user, Plan.objects.filter(person=person), v), "ended_on", "-started_on", limit=6),
        "meetings": ordered(scoped(user, Meeting.objects.filter(person=person, held_on__isnull=True), v),
                            "due_on", "starts_at", limit=10),
        "held_meetings": ordered(scoped(user, Meeting.objects.filter(person=person, held_on__isnull=False), v),
                                 "-held_on", limit=5),
        "fgcs": ordered(scoped(user, FamilyGroupConference.objects.filter(person=person), v)
                        .select_related("coordinator"), "-requested_on", limit=3),
        "tools": ordered(scoped(user, ToolResponse.objects.filter(person=person), v), "-completed_at", limit=5),
        "actions": ordered(scoped(user, CaseAction.objects.filter(person=person, done_on__isnull=True), v)
                           .select_related("owner"), "due_on"),
    }  # fmt: skip


def meetings_due(*, user: Any) -> QuerySet[Any]:
    """Meetings not yet held about the people allocated to the user (conferences have their own list)."""
    from hearth.casework.models import Meeting, MeetingKind

    return (
        scoped(user, Meeting.objects.filter(held_on__isnull=True, person_id__in=my_people(user)), Action.VIEW)
        .exclude(kind=MeetingKind.CONFERENCE).select_related("person").order_by("due_on", "starts_at")
    )  # fmt: skip


def my_actions(*, user: Any) -> QuerySet[Any]:
    from hearth.casework.models import CaseAction

    return (
        scoped(user, CaseAction.objects.filter(owner=user, done_on__isnull=True), Action.VIEW)
        .select_related("person").order_by("due_on")
    )  # fmt: skip


def plans_to_approve(*, user: Any) -> QuerySet[Any]:
    """Plans submitted by members of the user's team, oldest first."""
    from hearth.casework.models import Plan, PlanStatus

    if not user.team_id:
        return scoped(user, Plan.objects.none())
    return (
        scoped(user, Plan.objects.filter(created_by__team_id=user.team_id, status=PlanStatus.SUBMITTED), Action.VIEW)
        .select_related("person", "created_by").order_by("submitted_at")
    )  # fmt: skip


def my_family_conferences(*, user: Any) -> QuerySet[Any]:
    from hearth.casework.models import FamilyGroupConference

    return (
        scoped(user, FamilyGroupConference.objects.filter(coordinator=user, closed_on__isnull=True), Action.VIEW)
        .select_related("person").order_by("requested_on")
    )  # fmt: skip


def panel_list(*, user: Any, kind: str) -> QuerySet[Any]:
    """Children referred to a MARAC or exploitation panel and not yet discussed, oldest referral first."""
    from hearth.casework.models import Meeting

    return (
        scoped(user, Meeting.objects.filter(kind=kind, held_on__isnull=True), Action.VIEW)
        .select_related("person").order_by("created_at")
    )  # fmt: skip


def staff_to_choose(*, user: Any, person: Person | None = None) -> list[Any]:
    """Staff to own an action or coordinate a conference: the user's team and the child's workers."""
    from django.db.models import Q

    from hearth.accounts.models import User

    near = Q(team_id=user.team_id) if user.team_id else Q(pk=user.pk)
    if person is not None:
        workers = scoped(user, Allocation.objects.filter(person=person, ended_on__isnull=True), Action.VIEW)
        near |= Q(pk__in=workers.values("worker_id"))
    return list(
        scoped(user, User.objects.filter(near, is_active=True)).order_by("last_name", "first_name")[:200]
    )
