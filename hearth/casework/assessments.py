"""The single (continuous) assessment: started by a referral, recorded, submitted, approved or returned.

Each function runs in a transaction and writes the audit log and the chronology. A form saved from an
out-of-date copy is refused (the version check), so two people cannot overwrite each other silently.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record
from hearth.casework.approval import approval_decide, approval_submit, check_version
from hearth.casework.models import Assessment, AssessmentOutcome, AssessmentStatus, Referral
from hearth.casework.services import casework_event
from hearth.casework.timescales import assessment_due
from hearth.core.jinja import govuk_date
from hearth.people.codes import ASSESSMENT_FACTORS, PRIMARY_NEED
from hearth.people.models import Allocation

FACTOR_CODES = {code for code, _ in ASSESSMENT_FACTORS}
EDITABLE = {AssessmentStatus.IN_PROGRESS, AssessmentStatus.RETURNED}


def _record(by: Any, assessment: Assessment, title: str, request: Any = None, **changes: Any) -> None:
    casework_event(
        by=by, person=assessment.person, source=assessment, title=title, request=request, changes=changes
    )


@transaction.atomic
def assessment_start(*, by: Any, referral: Referral, request: Any = None) -> Assessment:
    """Every referral starts an assessment, due 45 working days after the referral, with the child's
    allocated social worker if they have one (otherwise the team manager allocates it)."""
    allocation = (
        Allocation.objects.filter(person=referral.person, ended_on__isnull=True, worker__isnull=False)
        .select_related("worker").order_by("-started_on").first()
    )  # fmt: skip
    assessment = Assessment.objects.create(
        authority_id=referral.authority_id, person=referral.person, referral=referral,
        worker=allocation.worker if allocation else None, started_on=referral.referred_on,
        due_on=assessment_due(referral.referred_on),
    )  # fmt: skip
    _record(by, assessment, f"Assessment started, due {govuk_date(assessment.due_on)}", request)
    return assessment


@transaction.atomic
def assessment_update(*, by: Any, assessment: Assessment, expected_version: int, child_seen_on: date | None,
                      child_seen_alone: bool, factors: list[str], primary_need: str, outcome: str, summary: str,
                      request: Any = None) -> Assessment:  # fmt: skip
    current = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if current.status not in EDITABLE:
        raise ValidationError("This assessment has been submitted and can no longer be changed")
    check_version(current, expected_version, "assessment")
    errors: dict[str, list[str]] = {}
    if child_seen_on and child_seen_on < current.started_on:
        errors["child_seen_on"] = [
            f"The date the child was seen must be on or after the assessment started ({govuk_date(current.started_on)})"
        ]
    if child_seen_on and child_seen_on > timezone.localdate():
        errors["child_seen_on"] = ["The date the child was seen must be today or in the past"]
    if child_seen_alone and not child_seen_on:
        errors["child_seen_on"] = ["Enter the date the child was seen"]
    unknown = [f for f in factors if f not in FACTOR_CODES]
    if unknown:
        errors["factors"] = [f"Choose factors from the list: {', '.join(unknown)} is not one"]
    elif "21" in factors and len(factors) > 1:
        errors["factors"] = ["Select “No factors identified” or the factors, not both"]
    if primary_need and primary_need not in dict(PRIMARY_NEED):
        errors["primary_need"] = ["Select the primary need from the list"]
    if outcome and outcome not in AssessmentOutcome.values:
        errors["outcome"] = ["Select what happens next"]
    if errors:
        raise ValidationError(errors)
    current.child_seen_on, current.child_seen_alone, current.factors = (
        child_seen_on,
        child_seen_alone,
        factors,
    )
    current.primary_need, current.outcome, current.summary = primary_need, outcome, summary.strip()
    current.version += 1
    current.save()
    audit_record(action=AuditAction.CHANGE, summary="Updated an assessment", actor=by, obj=current,
                 person=current.person, request=request)  # fmt: skip
    return current


@transaction.atomic
def assessment_submit(*, by: Any, assessment: Assessment, request: Any = None) -> Assessment:
    current = Assessment.objects.select_for_update().get(pk=assessment.pk)
    missing = []
    if not current.child_seen_on:
        missing.append("the date the child was seen")
    if not current.factors:
        missing.append("the assessment factors")
    if not current.outcome:
        missing.append("what happens next")
    if not current.summary:
        missing.append("the analysis and summary")
    approval_submit(current, editable=EDITABLE, missing=missing, what="assessment")
    current.save(update_fields=["status", "submitted_at", "version"])
    _record(by, current, "Assessment submitted to a manager", request)
    return current


@transaction.atomic
def assessment_decide(
    *, by: Any, assessment: Assessment, approve: bool, comment: str = "", request: Any = None
) -> Assessment:
    """A manager approves the assessment (it is completed) or returns it with comments."""
    current = Assessment.objects.select_for_update().select_related("person").get(pk=assessment.pk)
    approval_decide(current, by=by, approve=approve, comment=comment, approved_status=AssessmentStatus.APPROVED,
                    what="assessment")  # fmt: skip
    if approve:
        current.completed_on = timezone.localdate()
        late = current.completed_on > current.due_on
        title = f"Assessment completed: {current.get_outcome_display()}" + (
            " (after its due date)" if late else ""
        )
    else:
        title = "Assessment returned by the manager with comments"
    current.save()
    _record(by, current, title, request, approved=approve)
    return current
