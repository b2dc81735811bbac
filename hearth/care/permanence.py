"""Permanence: the plan for where a looked-after child will grow up, and the steps to adoption, with the
prospective adopters of the regional adoption agency and their stages.

Special guardianship, child arrangements orders and return home are reached by leaving care with the
matching reason (hearth.care.episodes.care_end), which marks the plan achieved.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record
from hearth.care import codes
from hearth.care.episodes import open_period
from hearth.care.models import (
    ADOPTER_STAGES,
    AdopterStage,
    AdoptionJourney,
    Episode,
    PermanenceKind,
    PermanencePlan,
    ProspectiveAdopter,
)
from hearth.casework.services import casework_event
from hearth.chronology.models import EntryKind
from hearth.core.dates import past_day_errors
from hearth.core.jinja import govuk_date


@transaction.atomic
def permanence_plan_agree(*, by: Any, person: Any, kind: str, agreed_on: date | None,
                          request: Any = None) -> PermanencePlan:  # fmt: skip
    """A new permanence plan. An earlier one still open ends, not achieved: the plan changed."""
    period = open_period(person)
    errors = past_day_errors(agreed_on, "agreed_on", "the plan was agreed")
    if kind not in PermanenceKind.values:
        errors["kind"] = ["Select the plan"]
    if agreed_on is not None and agreed_on < period.started_on:
        errors["agreed_on"] = [f"The plan must be agreed on or after the child started to be looked after "
                               f"({govuk_date(period.started_on)})"]  # fmt: skip
    if errors:
        raise ValidationError(errors)
    assert agreed_on is not None
    current = PermanencePlan.objects.select_for_update().filter(person=person, ended_on__isnull=True).first()
    if current is not None:
        if current.kind == kind:
            raise ValidationError({"kind": [f"The plan is already {current.get_kind_display().lower()}"]})
        current.ended_on, current.achieved = agreed_on, False
        current.end_reason = f"Changed to {PermanenceKind(kind).label.lower()}"
        current.save(update_fields=["ended_on", "achieved", "end_reason"])
    plan = PermanencePlan.objects.create(authority_id=person.authority_id, person=person, period=period, kind=kind,
                                         agreed_on=agreed_on, recorded_by=by)  # fmt: skip
    casework_event(by=by, person=person, source=plan, kind=EntryKind.CARE, request=request, significant=True,
                   title=f"Permanence plan: {plan.get_kind_display().lower()}")  # fmt: skip
    return plan


ADOPTION_STEPS = {  # step -> (field, words, the step before it)
    "placement_order": ("placement_order_on", "Placement order made", "should_be_placed_on"),
    "matched": ("matched_on", "Matched with adopters", "placement_order_on"),
    "placed": ("placed_on", "Placed with adopters", "matched_on"),
}


@transaction.atomic
def adoption_decide(*, by: Any, person: Any, decided_on: date | None, request: Any = None) -> AdoptionJourney:
    """The agency decision that the child should be placed for adoption."""
    period = open_period(person)
    errors = past_day_errors(decided_on, "decided_on", "of the decision")
    if AdoptionJourney.objects.filter(
        period=period, ceased_on__isnull=True, adoption_order_on__isnull=True
    ).exists():
        errors["decided_on"] = ["This child already has a plan for adoption"]
    if decided_on is not None and decided_on < period.started_on:
        errors["decided_on"] = ["The decision must be on or after the child started to be looked after"]
    if errors:
        raise ValidationError(errors)
    assert decided_on is not None
    journey = AdoptionJourney.objects.create(authority_id=person.authority_id, person=person, period=period,
                                             should_be_placed_on=decided_on)  # fmt: skip
    casework_event(by=by, person=person, source=journey, kind=EntryKind.CARE, request=request, significant=True,
                   title="Decision: the child should be placed for adoption")  # fmt: skip
    return journey


def _journey(person: Any) -> AdoptionJourney:
    journey = (
        AdoptionJourney.objects.select_for_update()
        .filter(person=person, ceased_on__isnull=True, adoption_order_on__isnull=True)
        .first()
    )
    if journey is None:
        raise ValidationError("This child has no plan for adoption: record the decision first")
    return journey


@transaction.atomic
def adoption_step(*, by: Any, person: Any, step: str, on: date | None, adopter: ProspectiveAdopter | None = None,
                  request: Any = None) -> AdoptionJourney:  # fmt: skip
    """The next step to adoption, in order: placement order, matched (with adopters), placed."""
    journey = _journey(person)
    if step not in ADOPTION_STEPS:
        raise ValidationError({"step": ["Select the step"]})
    field, words, before = ADOPTION_STEPS[step]
    errors = past_day_errors(on, "on", "of this step")
    previous = getattr(journey, before)
    if getattr(journey, field) is not None:
        errors["step"] = [f"{words}: already recorded"]
    elif previous is None:
        errors["step"] = ["Record the steps in order: " + ", ".join(w for _, w, _ in ADOPTION_STEPS.values())]
    elif on is not None and on < previous:
        errors["on"] = [f"This step must be on or after the one before ({govuk_date(previous)})"]
    if step == "matched" and adopter is None:
        errors["adopter"] = ["Select the adopters"]
    if step == "placed":
        current = (
            Episode.objects.select_related("placement").filter(person=person, ended_on__isnull=True).first()
        )
        if current is None or current.placement.placement_type not in codes.ADOPTION:
            errors["step"] = [
                "Record the move to the adopters first: change the placement to a placement for adoption"
            ]
    if errors:
        raise ValidationError(errors)
    setattr(journey, field, on)
    if adopter is not None:
        journey.adopter = adopter
    journey.save()
    if journey.adopter is not None and step in {"matched", "placed"}:
        _adopter_to(journey.adopter, AdopterStage(step), on)
    casework_event(by=by, person=person, source=journey, kind=EntryKind.CARE, request=request, significant=True,
                   title=f"Adoption: {words.lower()}" + (f" ({journey.adopter.name})" if journey.adopter else ""))  # fmt: skip
    return journey


@transaction.atomic
def adoption_stop(
    *, by: Any, person: Any, on: date | None, reason: str, request: Any = None
) -> AdoptionJourney:
    journey = _journey(person)
    errors = past_day_errors(on, "on", "the plan stopped")
    if reason not in dict(codes.REASON_PLACED_CEASED):
        errors["reason"] = ["Select why the plan for adoption stopped"]
    if on is not None and on < journey.should_be_placed_on:
        errors["on"] = ["The plan cannot stop before the decision was made"]
    if errors:
        raise ValidationError(errors)
    journey.ceased_on, journey.ceased_reason = on, reason
    journey.save(update_fields=["ceased_on", "ceased_reason"])
    casework_event(by=by, person=person, source=journey, kind=EntryKind.CARE, request=request, significant=True,
                   title=f"The plan for adoption stopped: {codes.label(codes.REASON_PLACED_CEASED, reason).lower()}")  # fmt: skip
    return journey


def _adopter_to(adopter: ProspectiveAdopter, stage: AdopterStage, on: date | None) -> None:
    adopter.stage = stage
    adopter.stage_dates = {**adopter.stage_dates, stage.value: (on or timezone.localdate()).isoformat()}
    adopter.save(update_fields=["stage", "stage_dates"])


@transaction.atomic
def adopter_advance(*, by: Any, adopter: ProspectiveAdopter, stage: str, on: date | None,
                    request: Any = None) -> ProspectiveAdopter:  # fmt: skip
    """Move prospective adopters on to the next stage, or withdraw them. Stages go in order."""
    adopter = ProspectiveAdopter.objects.select_for_update().get(pk=adopter.pk)
    errors = past_day_errors(on, "on", "they reached this stage")
    if adopter.stage in {AdopterStage.WITHDRAWN, AdopterStage.ADOPTED}:
        errors["stage"] = [
            f"These adopters are {adopter.get_stage_display().lower()}: their stages are finished"
        ]
    elif stage == AdopterStage.WITHDRAWN:
        pass
    elif stage not in ADOPTER_STAGES:
        errors["stage"] = ["Select the stage"]
    else:
        expected = AdopterStage(ADOPTER_STAGES[ADOPTER_STAGES.index(adopter.stage) + 1])
        if stage != expected:
            errors["stage"] = [f"The next stage is ‘{expected.label}’: stages go in order"]
    last = max((date.fromisoformat(d) for d in adopter.stage_dates.values()), default=None)
    if on is not None and last is not None and on < last:
        errors["on"] = [f"The date must be on or after the last stage ({govuk_date(last)})"]
    if errors:
        raise ValidationError(errors)
    _adopter_to(adopter, AdopterStage(stage), on)
    audit_record(action=AuditAction.CHANGE, summary=f"Adopters {adopter.name}: {adopter.get_stage_display()}",
                 actor=by, obj=adopter, request=request)  # fmt: skip
    return adopter
