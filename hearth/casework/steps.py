"""Families move up and down the continuum of need without changing key worker (seed 000, paragraphs
56 to 60: "a dedicated early help key worker alongside the social worker who stays with the family").

Step down: the social care involvement closes (RC9, or RC7 into child in need) and early help opens; the
key worker's allocation carries on, and the social worker's ends. Step up: a referral (so an assessment
starts), with the key worker still allocated alongside the social worker.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record
from hearth.casework.models import Involvement, InvolvementKind, Plan
from hearth.casework.plans import plan_end
from hearth.casework.services import involvement_open, referral_open
from hearth.chronology.models import EntryKind
from hearth.chronology.services import chronology_record
from hearth.core.jinja import govuk_date
from hearth.people.codes import CIN_CLOSURE_REASON
from hearth.people.models import Allocation

KEY_WORKER = "Key worker"


@transaction.atomic
def involvement_close(*, by: Any, involvement: Involvement, ended_on: date | None, reason: str,
                      request: Any = None) -> Involvement:  # fmt: skip
    current = Involvement.objects.select_for_update().get(pk=involvement.pk)
    if current.ended_on is not None:
        raise ValidationError("This involvement is already closed and cannot be changed")
    errors: dict[str, list[str]] = {}
    ended_on = ended_on or timezone.localdate()
    if ended_on < current.started_on:
        errors["ended_on"] = [
            f"The closing date must be on or after the involvement started ({govuk_date(current.started_on)})"
        ]
    elif ended_on > timezone.localdate():
        errors["ended_on"] = ["The closing date must be today or in the past"]
    if current.kind != InvolvementKind.EARLY_HELP and reason not in dict(CIN_CLOSURE_REASON):
        errors["reason"] = ["Select why the involvement is closing"]
    if errors:
        raise ValidationError(errors)
    current.ended_on, current.closure_reason = (
        ended_on,
        reason if current.kind != InvolvementKind.EARLY_HELP else "",
    )
    current.save(update_fields=["ended_on", "closure_reason"])
    for plan in Plan.objects.filter(involvement=current, ended_on__isnull=True):
        plan_end(by=by, plan=plan, ended_on=ended_on, reason="The involvement closed", request=request)
    why = dict(CIN_CLOSURE_REASON).get(reason, "")
    title = f"{current.get_kind_display()} involvement closed" + (f": {why}" if why else "")
    chronology_record(people=[current.person], occurred_at=timezone.now(), kind=EntryKind.REFERRAL, title=title,
                      source=current, by=by)  # fmt: skip
    audit_record(
        action=AuditAction.CHANGE,
        summary=title,
        actor=by,
        obj=current,
        person=current.person,
        request=request,
    )
    return current


@transaction.atomic
def step_down(*, by: Any, person: Any, key_worker: Any = None, request: Any = None) -> Involvement:
    """From children's social care to early help. (A child protection plan ends into child in need at its
    review conference: hearth.casework.protection.)"""
    today = timezone.localdate()
    open_sc = Involvement.objects.filter(
        person=person, kind=InvolvementKind.SOCIAL_CARE, ended_on__isnull=True
    )
    if Involvement.objects.filter(
        person=person, kind=InvolvementKind.CHILD_PROTECTION, ended_on__isnull=True
    ).exists():
        raise ValidationError(
            {
                "key_worker": [
                    "End the child protection plan at a review conference before stepping down to early help"
                ]
            }
        )
    if not open_sc.exists():
        raise ValidationError(
            {"key_worker": ["There is no children’s social care involvement to step down from"]}
        )
    keeper = (
        Allocation.objects.filter(person=person, ended_on__isnull=True, role=KEY_WORKER)
        .select_related("worker")
        .first()
    )
    if keeper is None and key_worker is None:
        raise ValidationError(
            {"key_worker": ["Choose the early help key worker who will work with the family"]}
        )
    for involvement in open_sc:
        involvement_close(by=by, involvement=involvement, ended_on=today, reason="RC9", request=request)
    if keeper is None:
        keeper = Allocation.objects.create(authority_id=person.authority_id, person=person, worker=key_worker,
                                           team_id=key_worker.team_id, role=KEY_WORKER, started_on=today)  # fmt: skip
    # The social worker's allocation ends; the key worker stays with the family.
    Allocation.objects.filter(person=person, ended_on__isnull=True).exclude(pk=keeper.pk).update(
        ended_on=today
    )
    early_help = involvement_open(
        by=by, person=person, kind=InvolvementKind.EARLY_HELP, started_on=today, request=request
    )
    name = keeper.worker.display_name if keeper.worker else "the key worker"
    chronology_record(people=[person], occurred_at=timezone.now(), kind=EntryKind.REFERRAL, source=early_help, by=by,
                      title=f"Stepped down to early help; {name} stays as the family’s key worker")  # fmt: skip
    return early_help


@transaction.atomic
def step_up(*, by: Any, person: Any, source: str = "5D", request: Any = None) -> Any:
    """From early help to children's social care: a referral from early help (CIN census source 5D), which
    starts its assessment. The key worker stays allocated alongside the social worker."""
    if not Involvement.objects.filter(
        person=person, kind=InvolvementKind.EARLY_HELP, ended_on__isnull=True
    ).exists():
        raise ValidationError({"to": ["Step up is from an open early help involvement"]})
    referral = referral_open(
        by=by, person=person, referred_on=timezone.localdate(), source=source, request=request
    )
    chronology_record(people=[person], occurred_at=timezone.now(), kind=EntryKind.REFERRAL, source=referral, by=by,
                      title="Stepped up from early help to children’s social care; the key worker stays allocated")  # fmt: skip
    return referral
