"""The programme's claims (significant and sustained progress, continuous employment), their withdrawal or
rejection, the attachment target and the districts' investment plans: the work of the council's Supporting
Families lead (`Capability.SUPPORTING_FAMILIES_CLAIMS`), checked by the pages that call these.

A claim that stands is a successful closure (seed 000, paragraph 8): making one closes the family's
attachment as successful; withdrawing or rejecting it opens the family again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record
from hearth.core.dates import age_on, past_day_errors
from hearth.core.jinja import govuk_date
from hearth.organisation.models import District
from hearth.people.models import Person
from hearth.supporting.models import (
    Attachment,
    AttachmentTarget,
    Claim,
    ClaimKind,
    ClaimStatus,
    ClosureReason,
    InvestmentPlan,
    Outcome,
)
from hearth.supporting.programme import CONTINUOUS_EMPLOYMENT, programme_year, year_label
from hearth.supporting.services import Errors, close_locked, raise_errors, reopen_locked

FIRST_YEAR, LAST_YEAR = 2001, 2100  # programme years a target or plan may be for


def _standing_claim_errors(attachment: Attachment, period: int) -> Errors:
    standing = Claim.objects.filter(status=ClaimStatus.MADE).select_related("attachment")
    mine = standing.filter(attachment=attachment).first()
    if mine is not None:
        return {"kind": [f"This family already has a successful claim ({mine.get_kind_display()}, made on "
                         f"{govuk_date(mine.claimed_on)}): withdraw it before making another"]}  # fmt: skip
    same_family = standing.filter(attachment__lead_id=attachment.lead_id, period=period).first()
    if same_family is not None:
        return {"claimed_on": [f"This family already has a successful claim in {year_label(period)} (made on "
                               f"{govuk_date(same_family.claimed_on)}): a family can be claimed for once a year"]}  # fmt: skip
    return {}


def _ssp_errors(attachment: Attachment, outcomes: Sequence[Outcome]) -> Errors:
    plan = {o.pk: o for o in Outcome.objects.filter(attachment=attachment)}
    if not plan:
        return {
            "outcomes": [
                "The family’s plan has no outcomes: record the outcome plan before claiming progress"
            ]
        }
    foreign = [o for o in outcomes if o.pk not in plan]
    if foreign:
        return {"outcomes": [f"‘{foreign[0].description}’ is not an outcome in this family’s plan: choose from the "
                             "family’s outcomes"]}  # fmt: skip
    missing = [o for pk, o in plan.items() if pk not in {c.pk for c in outcomes}]
    if missing:
        return {"outcomes": [f"Significant and sustained progress is progress against every outcome in the family’s "
                             f"plan: add the evidence for ‘{missing[0].description}’"]}  # fmt: skip
    return {}


def _ce_errors(attachment: Attachment, claimed_on: date | None, person: Person | None,
               employed_from: date | None) -> Errors:  # fmt: skip
    errors: Errors = {}
    if person is None:
        errors["employed_person"] = ["Select the adult in the family who moved into work"]
    elif not attachment.members.filter(person=person).exists():
        errors["employed_person"] = [f"{person.full_name} is not in this family: choose one of its adults"]
    elif (age := age_on(person.date_of_birth, claimed_on)) is not None and age < 16:
        errors["employed_person"] = [
            f"{person.full_name} is {age}: continuous employment is for an adult in the family"
        ]
    if employed_from is None:
        errors["employed_from"] = ["Enter the date they started work"]
    elif employed_from < attachment.attached_on:
        errors["employed_from"] = [f"The date they started work must be on or after the family was attached "
                                   f"({govuk_date(attachment.attached_on)})"]  # fmt: skip
    elif claimed_on is not None and employed_from + CONTINUOUS_EMPLOYMENT > claimed_on:
        errors["employed_from"] = [f"Continuous employment is 26 weeks in work: claim on or after "
                                   f"{govuk_date(employed_from + CONTINUOUS_EMPLOYMENT)}"]  # fmt: skip
    return errors


@transaction.atomic
def claim_make(*, by: Any, attachment: Attachment, kind: str, claimed_on: date | None, evidence: str,
               outcomes: Sequence[Outcome] = (), employed_person: Person | None = None,
               employed_from: date | None = None, request: Any = None) -> Claim:  # fmt: skip
    """Claim a successful outcome for a family. SSP names every outcome of the family's plan; CE names the adult
    who moved into work and when. The family's attachment closes as successful on the claim date."""
    current = Attachment.objects.select_for_update().get(pk=attachment.pk)
    if current.authority_id != by.authority_id:
        raise PermissionDenied("Only the family's own council can claim for it")
    errors: Errors = {}
    if kind not in dict(ClaimKind.choices):
        errors["kind"] = ["Select the kind of claim"]
    errors.update(past_day_errors(claimed_on, "claimed_on", "of the claim", since=current.attached_on,
                                  since_what="the family was attached"))  # fmt: skip
    if not evidence.strip():
        errors["evidence"] = ["Enter the evidence for the claim, for example the attendance figures or the letter "
                              "from the employer"]  # fmt: skip
    if claimed_on is not None and "claimed_on" not in errors:
        for field, messages in _standing_claim_errors(current, programme_year(claimed_on)).items():
            errors.setdefault(field, []).extend(messages)
    if kind == ClaimKind.SSP:
        errors.update(_ssp_errors(current, outcomes))
    elif kind == ClaimKind.CE:
        errors.update(_ce_errors(current, claimed_on, employed_person, employed_from))
    raise_errors(errors)
    assert claimed_on is not None  # checked above
    ce = kind == ClaimKind.CE
    claim = Claim.objects.create(
        authority_id=current.authority_id, attachment=current, kind=kind, claimed_on=claimed_on,
        period=programme_year(claimed_on), evidence=evidence.strip(), claimed_by=by,
        employed_person=employed_person if ce else None, employed_from=employed_from if ce else None,
    )  # fmt: skip
    if kind == ClaimKind.SSP:
        claim.outcomes.set(outcomes)
    audit_record(action=AuditAction.CREATE, summary=f"Made a claim: {claim.get_kind_display()}", actor=by, obj=claim,
                 person=current.lead, changes={"claimed_on": claimed_on.isoformat()}, request=request)  # fmt: skip
    if current.closed_on is None:
        close_locked(current, by=by, closed_on=claimed_on, reason=ClosureReason.SUCCESSFUL, request=request)
    return claim


def _claim_end(*, by: Any, claim: Claim, status: str, on: date | None, reason: str, request: Any) -> Claim:
    current = Claim.objects.select_for_update().select_related("attachment").get(pk=claim.pk)
    if current.authority_id != by.authority_id:
        raise PermissionDenied("Only the family's own council can change its claims")
    if current.status != ClaimStatus.MADE:
        raise ValidationError(
            f"This claim was {current.get_status_display().lower()} on {govuk_date(current.status_on)}: it cannot "
            "be changed again"
        )
    errors: Errors = {}
    what = "the claim was " + ClaimStatus(status).label.lower()
    errors.update(past_day_errors(on, "on", what, since=current.claimed_on, since_what="the claim was made"))
    if not reason.strip():
        errors["reason"] = [f"Enter why {what}"]
    raise_errors(errors)
    current.status, current.status_on, current.status_reason, current.status_by = (
        status,
        on,
        reason.strip()[:300],
        by,
    )
    current.save(update_fields=["status", "status_on", "status_reason", "status_by"])
    audit_record(action=AuditAction.CHANGE, summary=f"Claim {ClaimStatus(status).label.lower()}", actor=by, obj=current,
                 person=current.attachment.lead, changes={"reason": current.status_reason}, request=request)  # fmt: skip
    family = Attachment.objects.select_for_update().get(pk=current.attachment_id)
    if family.closure_reason == ClosureReason.SUCCESSFUL and family.closed_on == current.claimed_on:
        reopen_locked(family, by=by, request=request)
    return current


@transaction.atomic
def claim_withdraw(*, by: Any, claim: Claim, on: date | None, reason: str, request: Any = None) -> Claim:
    """The council withdraws its claim (made in error, or the progress did not last)."""
    return _claim_end(by=by, claim=claim, status=ClaimStatus.WITHDRAWN, on=on, reason=reason, request=request)


@transaction.atomic
def claim_reject(*, by: Any, claim: Claim, on: date | None, reason: str, request: Any = None) -> Claim:
    """The claim failed its check (internal audit, or the department's spot check)."""
    return _claim_end(by=by, claim=claim, status=ClaimStatus.REJECTED, on=on, reason=reason, request=request)


def _whole_number_errors(value: Any, field: str, words: str) -> Errors:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        return {field: [f"The {words} must be a whole number more than 0"]}
    return {}


def _year_errors(year: Any) -> Errors:
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        return {"year": ["Select a programme year"]}
    return {}


@transaction.atomic
def target_set(*, by: Any, year: int, families: int, request: Any = None) -> AttachmentTarget:
    """Set (or change) how many families the council aims to attach in a programme year."""
    raise_errors({**_year_errors(year), **_whole_number_errors(families, "families", "attachment target")})
    existing = (
        AttachmentTarget.objects.select_for_update().filter(authority_id=by.authority_id, year=year).first()
    )
    before = existing.families if existing else None
    if existing is None:
        target = AttachmentTarget.objects.create(
            authority_id=by.authority_id, year=year, families=families, set_by=by
        )
    else:
        target, target.families, target.set_by = existing, families, by
        target.save(update_fields=["families", "set_by", "set_at"])
    audit_record(action=AuditAction.CHANGE if existing else AuditAction.CREATE, actor=by, obj=target,
                 summary=f"Set the attachment target for {year_label(year)} to {families:,} families",
                 changes={"families": [before, families]}, request=request)  # fmt: skip
    return target


@transaction.atomic
def investment_plan_set(*, by: Any, district: District, year: int, amount: int, priorities: str,
                        request: Any = None) -> InvestmentPlan:  # fmt: skip
    """Record (or change) a district's investment plan for a programme year: the amount and what it buys."""
    errors: Errors = {**_year_errors(year), **_whole_number_errors(amount, "amount", "amount in pounds")}
    if district.authority_id != by.authority_id:
        errors["district"] = ["Select one of this council’s districts"]
    lines = [line.strip() for line in priorities.splitlines() if line.strip()]
    if not lines:
        errors["priorities"] = ["Enter what the plan buys, one priority on each line"]
    elif any(len(line) > 200 for line in lines):
        errors["priorities"] = ["Enter each priority in 200 characters or fewer"]
    raise_errors(errors)
    text = "\n".join(lines)
    existing = InvestmentPlan.objects.select_for_update().filter(district=district, year=year).first()
    if existing is None:
        plan = InvestmentPlan.objects.create(authority_id=by.authority_id, district=district, year=year, amount=amount,
                                             priorities=text, recorded_by=by)  # fmt: skip
        changes = None
    else:
        changes = {"amount": [existing.amount, amount], "priorities": [existing.priorities, text]}
        plan, plan.amount, plan.priorities, plan.recorded_by = existing, amount, text, by
        plan.save(update_fields=["amount", "priorities", "recorded_by", "recorded_at"])
    audit_record(action=AuditAction.CHANGE if existing else AuditAction.CREATE, actor=by, obj=plan,
                 summary=f"Recorded {district.name}’s investment plan for {year_label(year)}: £{amount:,}",
                 changes=changes, request=request)  # fmt: skip
    return plan
