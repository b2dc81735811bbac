"""Reviews chaired by an independent reviewing officer, statutory visits, health checks and personal
education plans for a looked-after child. Due dates come from hearth.care.timescales."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from hearth.care import codes
from hearth.care.episodes import open_period
from hearth.care.models import CareReview, CareVisit, EducationPlan, HealthCheck, HealthKind, Placement
from hearth.care.timescales import review_due, visit_due
from hearth.casework.services import casework_event
from hearth.chronology.models import EntryKind
from hearth.core.access import Capability, has_capability
from hearth.core.dates import age_on, past_day_errors
from hearth.core.jinja import govuk_date


@transaction.atomic
def care_review_record(*, by: Any, person: Any, held_on: date | None, participation: str, decisions: str = "",
                       request: Any = None) -> CareReview:  # fmt: skip
    """The independent reviewing officer records the review that is due; the next one falls due."""
    if not has_capability(by, Capability.CARE_REVIEWS):
        raise PermissionDenied("Only an independent reviewing officer records a review")
    period = open_period(person)
    review = (
        CareReview.objects.select_for_update()
        .filter(period=period, held_on__isnull=True)
        .order_by("number")
        .first()
    )
    if review is None:
        raise ValidationError("No review is due for this child")
    previous = CareReview.objects.filter(period=period, number=review.number - 1).first()
    since, since_what = (previous.held_on, "the last review") if previous and previous.held_on else \
        (period.started_on, "the child started to be looked after")  # fmt: skip
    errors = past_day_errors(held_on, "held_on", "of the review", since=since, since_what=since_what)
    if participation not in dict(codes.REVIEW_PARTICIPATION):
        errors["participation"] = ["Select how the child took part"]
    age = age_on(person.date_of_birth, held_on) if held_on else None
    if participation and age is not None and (participation == "PN0") != (age < 4):
        errors["participation"] = [
            "PN0 is for children under 4, and only for them"
            + (f": this child was {age}" if age is not None else "")
        ]
    if errors:
        raise ValidationError(errors)
    assert held_on is not None
    review.held_on, review.participation, review.chair, review.decisions = (
        held_on,
        participation,
        by,
        decisions.strip(),
    )
    review.save(update_fields=["held_on", "participation", "chair", "decisions"])
    due = review_due(period_start=period.started_on, number=review.number + 1, previous_held_on=held_on)
    CareReview.objects.create(authority_id=person.authority_id, person=person, period=period,
                              number=review.number + 1, due_on=due)  # fmt: skip
    period.next_review_due_on = due
    period.save(update_fields=["next_review_due_on"])
    late = "" if held_on <= review.due_on else f" (due {govuk_date(review.due_on)})"
    casework_event(by=by, person=person, source=review, kind=EntryKind.CARE, request=request, significant=True,
                   title=f"Looked-after review {review.number} held{late}; next review due {govuk_date(due)}")  # fmt: skip
    return review


@transaction.atomic
def care_visit_record(*, by: Any, person: Any, visited_on: date | None, seen_alone: bool,
                      request: Any = None) -> CareVisit:  # fmt: skip
    period = open_period(person)
    placement = Placement.objects.get(period=period, ended_on__isnull=True)
    errors = past_day_errors(
        visited_on,
        "visited_on",
        "of the visit",
        since=placement.started_on,
        since_what="the placement started",
    )
    if errors:
        raise ValidationError(errors)
    assert visited_on is not None
    visit = CareVisit.objects.create(authority_id=person.authority_id, person=person, period=period,
                                     placement=placement, visited_on=visited_on, seen_alone=seen_alone,
                                     recorded_by=by)  # fmt: skip
    latest = CareVisit.objects.filter(placement=placement).order_by("-visited_on").first()
    assert latest is not None
    period.next_visit_due_on = visit_due(
        placement_start=placement.started_on, last_visit_on=latest.visited_on
    )
    period.save(update_fields=["next_visit_due_on"])
    casework_event(by=by, person=person, source=visit, kind=EntryKind.CARE, request=request,
                   title=f"Statutory visit in placement, child {'seen alone' if seen_alone else 'seen'}; next visit "
                         f"due {govuk_date(period.next_visit_due_on)}")  # fmt: skip
    return visit


@transaction.atomic
def health_check_record(*, by: Any, person: Any, kind: str, done_on: date | None, sdq_score: int | None = None,
                        sdq_reason: str = "", notes: str = "", request: Any = None) -> HealthCheck:  # fmt: skip
    period = open_period(person)
    errors = past_day_errors(
        done_on,
        "done_on",
        "of the check",
        since=period.started_on,
        since_what="the child started to be looked after",
    )
    if kind not in HealthKind.values:
        errors["kind"] = ["Select the kind of check"]
    if kind == HealthKind.INITIAL and HealthCheck.objects.filter(period=period, kind=kind).exists():
        errors["kind"] = [
            "The initial health assessment is already recorded: record a review health assessment"
        ]
    if kind == HealthKind.SDQ:
        age = age_on(person.date_of_birth, done_on) if done_on else None
        if sdq_score is None and not sdq_reason:
            errors["sdq_score"] = ["Enter the score, or select why there is none"]
        elif sdq_score is not None and not 0 <= sdq_score <= 40:
            errors["sdq_score"] = ["The score must be a whole number from 0 to 40"]
        elif sdq_score is not None and age is not None and not 4 <= age <= 16:
            errors["sdq_score"] = [f"SDQ scores are for children aged 4 to 16; this child was {age}"]
    if errors:
        raise ValidationError(errors)
    assert done_on is not None
    check = HealthCheck.objects.create(authority_id=person.authority_id, person=person, period=period, kind=kind,
                                       done_on=done_on, sdq_score=sdq_score if kind == HealthKind.SDQ else None,
                                       sdq_reason=sdq_reason if kind == HealthKind.SDQ else "", notes=notes.strip(),
                                       recorded_by=by)  # fmt: skip
    score = f" (score {sdq_score})" if kind == HealthKind.SDQ and sdq_score is not None else ""
    casework_event(by=by, person=person, source=check, kind=EntryKind.CARE, request=request,
                   title=f"{HealthKind(kind).label}{score}")  # fmt: skip
    return check


@transaction.atomic
def education_plan_record(*, by: Any, person: Any, held_on: date | None, school: str, targets: str = "",
                          request: Any = None) -> EducationPlan:  # fmt: skip
    period = open_period(person)
    errors = past_day_errors(
        held_on,
        "held_on",
        "of the meeting",
        since=period.started_on,
        since_what="the child started to be looked after",
    )
    if not school.strip():
        errors["school"] = ["Enter the school or setting"]
    if errors:
        raise ValidationError(errors)
    assert held_on is not None
    plan = EducationPlan.objects.create(authority_id=person.authority_id, person=person, period=period,
                                        held_on=held_on, school=school.strip(), targets=targets.strip(),
                                        recorded_by=by)  # fmt: skip
    casework_event(by=by, person=person, source=plan, kind=EntryKind.CARE, request=request,
                   title=f"Personal education plan meeting at {plan.school}")  # fmt: skip
    return plan
