"""Child in need plans and early help family plans: written, submitted, agreed by a manager, reviewed, ended.

A plan belongs to an open involvement of the matching kind (a child in need plan to children's social care,
a family plan to early help); a child has at most one open plan of each kind. When a manager agrees a plan
its first review is due (timescales.plan_review_due) and the review meeting is created. Two people saving
the same plan: the second is refused (the version check) and nothing is overwritten.
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
from hearth.casework.models import (
    Involvement,
    InvolvementKind,
    Meeting,
    MeetingKind,
    Plan,
    PlanKind,
    PlanStatus,
)
from hearth.casework.services import casework_event
from hearth.casework.timescales import plan_review_due
from hearth.chronology.models import EntryKind
from hearth.core.jinja import govuk_date

EDITABLE = {PlanStatus.DRAFT, PlanStatus.RETURNED, PlanStatus.AGREED}
INVOLVEMENT_FOR = {
    PlanKind.CHILD_IN_NEED: InvolvementKind.SOCIAL_CARE,
    PlanKind.FAMILY: InvolvementKind.EARLY_HELP,
}
REVIEW_KIND = {PlanKind.CHILD_IN_NEED: MeetingKind.CIN_REVIEW, PlanKind.FAMILY: MeetingKind.FAMILY_REVIEW}


def _record(
    by: Any, plan: Plan, title: str, request: Any = None, significant: bool = False, **changes: Any
) -> None:
    casework_event(by=by, person=plan.person, source=plan, title=title, kind=EntryKind.PLAN, request=request,
                   significant=significant, changes=changes)  # fmt: skip


def _lock(plan: Plan) -> Plan:
    return Plan.objects.select_for_update(of=("self",)).select_related("person").get(pk=plan.pk)


@transaction.atomic
def plan_start(*, by: Any, person: Any, kind: str, started_on: date | None, needs: str = "", outcomes: str = "",
               request: Any = None) -> Plan:  # fmt: skip
    """Start a draft plan for a child with an open involvement of the right kind."""
    if kind not in PlanKind.values:
        raise ValidationError({"kind": ["Select the kind of plan"]})
    label = PlanKind(kind).label
    involvement = (
        Involvement.objects.select_for_update()
        .filter(person=person, kind=INVOLVEMENT_FOR[PlanKind(kind)], ended_on__isnull=True)
        .first()
    )
    errors: dict[str, list[str]] = {}
    if involvement is None:
        where = "children’s social care" if kind == PlanKind.CHILD_IN_NEED else "early help"
        raise ValidationError({"kind": [f"A {label.lower()} needs an open {where} involvement"]})
    if Plan.objects.filter(person=person, kind=kind, ended_on__isnull=True).exists():
        raise ValidationError({"kind": [f"{person.full_name} already has a {label.lower()}. "
                                        "Change that plan, or end it before starting another"]})  # fmt: skip
    if started_on is None:
        errors["started_on"] = ["Enter the date the plan starts"]
    elif started_on > timezone.localdate():
        errors["started_on"] = ["The plan’s start date must be today or in the past"]
    elif started_on < involvement.started_on:
        errors["started_on"] = [f"The plan must start on or after the involvement started "
                                f"({govuk_date(involvement.started_on)})"]  # fmt: skip
    if errors:
        raise ValidationError(errors)
    assert started_on is not None
    plan = Plan.objects.create(authority_id=person.authority_id, person=person, involvement=involvement, kind=kind,
                               started_on=started_on, needs=needs.strip(), outcomes=outcomes.strip(),
                               created_by=by)  # fmt: skip
    _record(by, plan, f"{label} started (draft)", request)
    return plan


@transaction.atomic
def plan_update(*, by: Any, plan: Plan, expected_version: int | None, needs: str, outcomes: str,
                request: Any = None) -> Plan:  # fmt: skip
    current = _lock(plan)
    if current.status not in EDITABLE:
        raise ValidationError("This plan is with a manager or has ended, and cannot be changed")
    check_version(current, expected_version, "plan")
    current.needs, current.outcomes = needs.strip(), outcomes.strip()
    current.version += 1
    current.save(update_fields=["needs", "outcomes", "version"])
    audit_record(action=AuditAction.CHANGE, summary=f"Changed a {current.get_kind_display().lower()}", actor=by,
                 obj=current, person=current.person, request=request)  # fmt: skip
    return current


@transaction.atomic
def plan_submit(*, by: Any, plan: Plan, expected_version: int | None = None, request: Any = None) -> Plan:
    current = _lock(plan)
    check_version(current, expected_version, "plan")
    missing = [what for what, value in (("the needs", current.needs), ("what needs to change", current.outcomes))
               if not value]  # fmt: skip
    if not current.actions.exists():
        missing.append("at least one action (who will do what by when)")
    approval_submit(current, editable={PlanStatus.DRAFT, PlanStatus.RETURNED}, missing=missing, what="plan")
    current.save(update_fields=["status", "submitted_at", "version"])
    _record(by, current, f"{current.get_kind_display()} submitted to a manager", request)
    return current


@transaction.atomic
def plan_decide(*, by: Any, plan: Plan, approve: bool, comment: str = "", request: Any = None) -> Plan:
    """A team manager agrees the plan (its first review is then due) or returns it with comments."""
    current = _lock(plan)
    first_agreement = current.next_review_due_on is None
    approval_decide(current, by=by, approve=approve, comment=comment, approved_status=PlanStatus.AGREED,
                    what="plan")  # fmt: skip
    label = current.get_kind_display()
    if approve and first_agreement:
        current.next_review_due_on = plan_review_due(current.kind, current.started_on)
        Meeting.objects.create(authority_id=current.authority_id, person=current.person,
                               kind=REVIEW_KIND[PlanKind(current.kind)], plan=current,
                               due_on=current.next_review_due_on)  # fmt: skip
    current.save()
    if approve:
        title = f"{label} agreed by the manager; review due {govuk_date(current.next_review_due_on)}"
    else:
        title = f"{label} returned by the manager with comments"
    _record(by, current, title, request, significant=approve and first_agreement, approved=approve)
    return current


def plan_reviewed(*, by: Any, plan: Plan, held_on: date, continues: bool, request: Any = None) -> str:
    """Called when a plan's review meeting is recorded (hearth.casework.meetings): the next review is due,
    or the plan ends. Returns the chronology title. Runs in the caller's transaction."""
    current = _lock(plan)
    if current.ended_on is not None:
        raise ValidationError("This plan has already ended")
    if continues:
        current.next_review_due_on = plan_review_due(current.kind, held_on)
        current.save(update_fields=["next_review_due_on"])
        Meeting.objects.create(authority_id=current.authority_id, person=current.person,
                               kind=REVIEW_KIND[PlanKind(current.kind)], plan=current,
                               due_on=current.next_review_due_on)  # fmt: skip
        return f"Review: the plan continues; next review due {govuk_date(current.next_review_due_on)}"
    _end(current, held_on, "Ended at a review")
    return "Review: the plan has ended"


def _end(current: Plan, ended_on: date, reason: str) -> None:
    current.ended_on, current.end_reason, current.status = ended_on, reason, PlanStatus.ENDED
    current.version += 1
    current.save(update_fields=["ended_on", "end_reason", "status", "version"])
    # A review meeting still to hold is no longer needed.
    Meeting.objects.filter(plan=current, held_on__isnull=True).delete()


@transaction.atomic
def plan_end(*, by: Any, plan: Plan, ended_on: date | None, reason: str, request: Any = None) -> Plan:
    current = _lock(plan)
    if current.ended_on is not None:
        raise ValidationError("This plan has already ended")
    errors: dict[str, list[str]] = {}
    if ended_on is None:
        errors["ended_on"] = ["Enter the date the plan ended"]
    elif ended_on < current.started_on:
        errors["ended_on"] = [f"The plan cannot end before it starts ({govuk_date(current.started_on)})"]
    elif ended_on > timezone.localdate():
        errors["ended_on"] = ["The end date must be today or in the past"]
    if not reason.strip():
        errors["reason"] = ["Say why the plan is ending"]
    if errors:
        raise ValidationError(errors)
    assert ended_on is not None
    _end(current, ended_on, reason.strip()[:200])
    _record(by, current, f"{current.get_kind_display()} ended: {reason.strip()}", request, significant=True)
    return current
