"""Family group conferences, at any level of need (seed 003: "family group conferencing at all levels").

Requested by the worker; a coordinator is allocated; the conference is a meeting (arranged, invited,
recorded) where the family makes its own plan; the plan is reviewed at a second meeting, which records the
outcome and closes the request.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.casework.meetings import meeting_create
from hearth.casework.models import (
    FamilyGroupConference,
    FgcOutcome,
    Involvement,
    InvolvementKind,
    MeetingKind,
    ProtectionPlan,
)
from hearth.casework.services import casework_event
from hearth.chronology.models import EntryKind


def level_of_need(person: Any) -> str:
    """The child's level of need now, from their open involvements and plan."""
    if ProtectionPlan.objects.filter(person=person, ended_on__isnull=True).exists():
        return "Child protection"
    open_kinds = set(
        Involvement.objects.filter(person=person, ended_on__isnull=True).values_list("kind", flat=True)
    )
    if InvolvementKind.SOCIAL_CARE in open_kinds:
        return "Child in need"
    if InvolvementKind.EARLY_HELP in open_kinds:
        return "Early help"
    return "No open involvement"


def _record(by: Any, fgc: FamilyGroupConference, title: str, request: Any, significant: bool = False) -> None:
    casework_event(by=by, person=fgc.person, source=fgc, title=title, kind=EntryKind.MEETING, request=request,
                   significant=significant)  # fmt: skip


def _lock(fgc: FamilyGroupConference) -> FamilyGroupConference:
    return (
        FamilyGroupConference.objects.select_for_update(of=("self",)).select_related("person").get(pk=fgc.pk)
    )


def _lock_open(fgc: FamilyGroupConference) -> FamilyGroupConference:
    current = _lock(fgc)
    if current.closed_on is not None:
        raise ValidationError("This family group conference is closed")
    return current


@transaction.atomic
def fgc_request(*, by: Any, person: Any, reason: str, request: Any = None) -> FamilyGroupConference:
    if not reason.strip():
        raise ValidationError({"reason": ["Say why a family group conference would help the family"]})
    if FamilyGroupConference.objects.filter(person=person, closed_on__isnull=True).exists():
        raise ValidationError({"reason": ["A family group conference is already requested for this child"]})
    level = level_of_need(person)
    fgc = FamilyGroupConference.objects.create(authority_id=person.authority_id, person=person,
                                               requested_on=timezone.localdate(), requested_by=by, level=level,
                                               reason=reason.strip())  # fmt: skip
    meeting_create(by=by, person=person, kind=MeetingKind.FGC, fgc=fgc, reason=f"Requested at {level.lower()}",
                   request=request)  # fmt: skip
    _record(by, fgc, f"Family group conference requested ({level.lower()})", request)
    return fgc


@transaction.atomic
def fgc_allocate(
    *, by: Any, fgc: FamilyGroupConference, coordinator: Any, request: Any = None
) -> FamilyGroupConference:
    current = _lock_open(fgc)
    if coordinator is None:
        raise ValidationError({"coordinator": ["Choose the coordinator"]})
    current.coordinator = coordinator
    current.save(update_fields=["coordinator"])
    _record(by, current, f"Family group conference coordinator: {coordinator.display_name}", request)
    return current


@transaction.atomic
def fgc_family_plan(
    *, by: Any, fgc: FamilyGroupConference, family_plan: str, request: Any = None
) -> FamilyGroupConference:
    current = _lock_open(fgc)
    if not current.meetings.filter(kind=MeetingKind.FGC, held_on__isnull=False).exists():
        raise ValidationError({"family_plan": ["Record the conference before its family plan"]})
    if not family_plan.strip():
        raise ValidationError({"family_plan": ["Enter the plan the family made, in their words"]})
    current.family_plan = family_plan.strip()
    current.save(update_fields=["family_plan"])
    _record(by, current, "Family plan from the family group conference recorded", request)
    return current


@transaction.atomic
def fgc_close(*, by: Any, fgc: FamilyGroupConference, outcome: str, closed_on: date | None = None,
              request: Any = None) -> FamilyGroupConference:  # fmt: skip
    """Close with the outcome: after the review, or straight away when the family declines."""
    current = _lock(fgc)
    if current.closed_on is not None:
        raise ValidationError("This family group conference is already closed")
    if outcome not in FgcOutcome.values:
        raise ValidationError({"outcome": ["Select the outcome"]})
    reviewed = current.meetings.filter(kind=MeetingKind.FGC_REVIEW, held_on__isnull=False).exists()
    if outcome != FgcOutcome.DECLINED and not reviewed:
        raise ValidationError({"outcome": ["Record the review meeting before the outcome, or select that "
                                           "the family declined"]})  # fmt: skip
    current.outcome, current.closed_on = outcome, closed_on or timezone.localdate()
    current.save(update_fields=["outcome", "closed_on"])
    current.meetings.filter(held_on__isnull=True).delete()
    _record(by, current, f"Family group conference closed: {current.get_outcome_display()}", request,
            significant=True)  # fmt: skip
    return current
