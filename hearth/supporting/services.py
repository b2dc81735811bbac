"""Attaching a family to Supporting Families, the criteria it meets, its outcome plan and its closure.

Every change is one transaction that checks, writes and records an audit entry (and, for what happens to
the family, an entry on each member's chronology). Mistakes are refused with a `ValidationError` whose
messages say what is wrong, by field, so that a page can show them in its error summary.

Access is the caller's: pages fetch the lead person or the attachment with `get_for(..., Action.CHANGE)`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record
from hearth.chronology.models import EntryKind
from hearth.chronology.services import chronology_record
from hearth.core.dates import past_day_errors
from hearth.core.jinja import govuk_date
from hearth.people.models import Household, Person
from hearth.supporting.models import (
    Attachment,
    AttachmentCriterion,
    AttachmentMember,
    ClosureReason,
    Criterion,
    Outcome,
)
from hearth.supporting.programme import MIN_CRITERIA, programme_year

Errors = dict[str, list[str]]


def raise_errors(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


def criteria_errors(criteria: Sequence[str], field: str = "criteria") -> Errors:
    """The criteria chosen must be the programme's, each once, and at least MIN_CRITERIA of them."""
    labels = dict(Criterion.choices)
    unknown = [c for c in criteria if c not in labels]
    if unknown:
        return {field: [f"‘{unknown[0]}’ is not one of the programme’s criteria: choose from the list"]}
    twice = sorted({c for c in criteria if list(criteria).count(c) > 1})
    if twice:
        return {field: [f"You chose ‘{labels[twice[0]]}’ twice: choose each criterion once"]}
    if len(criteria) < MIN_CRITERIA:
        return {field: [f"Select at least {MIN_CRITERIA} criteria the family meets: a family joins the programme "
                        "when it meets 2 or more of the 6"]}  # fmt: skip
    return {}


def _family_district(lead: Person, household: Household | None) -> Any:
    return (household.district if household is not None and household.district_id else None) or lead.district


def _open_attachment_of(people: Iterable[Person]) -> tuple[Person, Attachment] | None:
    """A person already in a family that is open on the programme, and that family."""
    ids = [p.pk for p in people]
    member = (
        AttachmentMember.objects.filter(person_id__in=ids, attachment__closed_on__isnull=True)
        .select_related("person", "attachment")
        .first()
    )
    return (member.person, member.attachment) if member else None


@transaction.atomic
def attachment_attach(*, by: Any, lead: Person, attached_on: date | None, criteria: Sequence[str],
                      members: Iterable[Person] = (), household: Household | None = None, key_worker: Any = None,
                      notes: dict[str, str] | None = None, request: Any = None) -> Attachment:  # fmt: skip
    """Attach a family: its lead person and family members, the criteria it meets, and its key worker (the
    worker attaching it if nobody else is named)."""
    family = [lead, *(m for m in members if m.pk != lead.pk)]
    family = list({p.pk: p for p in family}.values())
    errors: Errors = {}
    errors.update(past_day_errors(attached_on, "attached_on", "the family was attached"))
    errors.update(criteria_errors(criteria))
    if any(p.authority_id != lead.authority_id for p in family) or (
        household is not None and household.authority_id != lead.authority_id
    ):
        errors.setdefault("members", []).append("Choose family members from this council’s records")
    if key_worker is not None and key_worker.authority_id != lead.authority_id:
        errors["key_worker"] = ["Choose a key worker from this council’s staff"]
    born_later = [p for p in family if attached_on and p.date_of_birth and p.date_of_birth > attached_on]
    if born_later:
        errors.setdefault("members", []).append(
            f"{born_later[0].full_name} was born after the date the family was attached: leave them out, or "
            "check the date"
        )
    district = _family_district(lead, household)
    if district is None:
        errors.setdefault("members", []).append(
            f"{lead.full_name} has no district recorded: record where the family lives first"
        )
    already = _open_attachment_of(family)
    if already is not None:
        person, attachment = already
        errors.setdefault("members", []).append(
            f"{person.full_name} is already in a family on the programme (attached on "
            f"{govuk_date(attachment.attached_on)}): close that attachment first"
        )
    raise_errors(errors)
    assert attached_on is not None  # checked above
    attachment = Attachment.objects.create(
        authority_id=lead.authority_id, lead=lead, household=household, district=district, attached_on=attached_on,
        programme_year=programme_year(attached_on), attached_by=by, key_worker=key_worker or by,
    )  # fmt: skip
    AttachmentMember.objects.bulk_create(
        [AttachmentMember(authority_id=lead.authority_id, attachment=attachment, person=p) for p in family]
    )
    notes = notes or {}
    rows = [AttachmentCriterion(authority_id=lead.authority_id, attachment=attachment, criterion=c,
                                recorded_on=attached_on, recorded_by=by, note=notes.get(c, "")[:300]) for c in criteria]  # fmt: skip
    AttachmentCriterion.objects.bulk_create(rows)
    labels = ", ".join(Criterion(c).label.lower() for c in criteria)
    chronology_record(people=family, occurred_at=timezone.now(), kind=EntryKind.SUPPORTING, source=attachment, by=by,
                      title="Attached to Supporting Families", detail=f"Criteria met: {labels}.")  # fmt: skip
    audit_record(action=AuditAction.CREATE, summary=f"Attached a family of {len(family)} to Supporting Families",
                 actor=by, obj=attachment, person=lead, changes={"criteria": list(criteria)}, request=request)  # fmt: skip
    return attachment


def _lock_open(attachment: Attachment, what: str) -> Attachment:
    current = Attachment.objects.select_for_update().get(pk=attachment.pk)
    if current.closed_on is not None:
        raise ValidationError(
            f"This family left the programme on {govuk_date(current.closed_on)}: you cannot {what}"
        )
    return current


@transaction.atomic
def criterion_add(*, by: Any, attachment: Attachment, criterion: str, note: str = "", on: date | None = None,
                  request: Any = None) -> AttachmentCriterion:  # fmt: skip
    """Record another criterion the family meets (for example domestic abuse disclosed after attachment)."""
    current = _lock_open(attachment, "add criteria")
    if criterion not in dict(Criterion.choices):
        raise ValidationError({"criterion": ["Select a criterion the family meets"]})
    if AttachmentCriterion.objects.filter(attachment=current, criterion=criterion).exists():
        raise ValidationError(
            {
                "criterion": [
                    f"The family already meets ‘{Criterion(criterion).label}’: choose another criterion"
                ]
            }
        )
    on = on or timezone.localdate()
    raise_errors(past_day_errors(on, "on", "the family met the criterion", since=current.attached_on,
                           since_what="the family was attached"))  # fmt: skip
    row = AttachmentCriterion.objects.create(authority_id=current.authority_id, attachment=current, criterion=criterion,
                                             note=note.strip()[:300], recorded_on=on, recorded_by=by)  # fmt: skip
    audit_record(action=AuditAction.CHANGE, summary=f"Added the criterion ‘{Criterion(criterion).label}’",
                 actor=by, obj=current, person=current.lead, request=request)  # fmt: skip
    return row


@transaction.atomic
def outcome_record(*, by: Any, attachment: Attachment, criterion: str, description: str, measure: str, target: str,
                   request: Any = None) -> Outcome:  # fmt: skip
    """Set the outcome of the family's plan for one criterion it meets (a new one, or a change to it)."""
    current = _lock_open(attachment, "change the outcome plan")
    errors: Errors = {}
    met = set(AttachmentCriterion.objects.filter(attachment=current).values_list("criterion", flat=True))
    if criterion not in dict(Criterion.choices):
        errors["criterion"] = ["Select the criterion the outcome is for"]
    elif criterion not in met:
        errors["criterion"] = [f"The family does not meet ‘{Criterion(criterion).label}’: add the criterion "
                               "first, or choose one it meets"]  # fmt: skip
    for field, value, words in (("description", description, "the outcome the family is working towards"),
                                ("measure", measure, "how the outcome is measured"),
                                ("target", target, "the target that shows significant and sustained progress")):  # fmt: skip
        if not value.strip():
            errors[field] = [f"Enter {words}"]
        elif len(value.strip()) > 300:
            errors[field] = [f"Enter {words} in 300 characters or fewer"]
    raise_errors(errors)
    existing = Outcome.objects.filter(attachment=current, criterion=criterion).first()
    values = {"description": description.strip(), "measure": measure.strip(), "target": target.strip()}
    if existing is None:
        outcome = Outcome.objects.create(authority_id=current.authority_id, attachment=current, criterion=criterion,
                                         recorded_by=by, **values)  # fmt: skip
        action, summary, changes = AuditAction.CREATE, "Added an outcome to the family’s plan", None
    else:
        changes = {k: [getattr(existing, k), v] for k, v in values.items() if getattr(existing, k) != v}
        for key, value in values.items():
            setattr(existing, key, value)
        existing.save(update_fields=[*values, "updated_at"])
        outcome, action, summary = existing, AuditAction.CHANGE, "Changed an outcome of the family’s plan"
    audit_record(action=action, summary=f"{summary} ({Criterion(criterion).label})", actor=by, obj=current,
                 person=current.lead, changes=changes, request=request)  # fmt: skip
    return outcome


CLOSE_BY_HAND = [c for c in ClosureReason if c != ClosureReason.SUCCESSFUL]


@transaction.atomic
def attachment_close(*, by: Any, attachment: Attachment, closed_on: date | None, reason: str, note: str = "",
                     request: Any = None) -> Attachment:  # fmt: skip
    """The family leaves the programme without a claim (a claim closes it as successful)."""
    current = _lock_open(attachment, "close it again")
    errors: Errors = {}
    errors.update(past_day_errors(closed_on, "closed_on", "the family left the programme", since=current.attached_on,
                                  since_what="the family was attached"))  # fmt: skip
    if reason == ClosureReason.SUCCESSFUL:
        errors["reason"] = [
            "A family closes as successful when a claim is made: choose another reason, or make the claim"
        ]
    elif reason not in dict(ClosureReason.choices):
        errors["reason"] = ["Select why the family is leaving the programme"]
    if reason == ClosureReason.OTHER and not note.strip():
        errors["note"] = ["Enter the reason the family is leaving the programme"]
    raise_errors(errors)
    close_locked(current, by=by, closed_on=closed_on, reason=reason, note=note, request=request)  # type: ignore[arg-type]
    return current


def close_locked(
    current: Attachment, *, by: Any, closed_on: date, reason: str, note: str = "", request: Any = None
) -> None:
    """Close a locked, open attachment. Runs in the caller's transaction."""
    current.closed_on, current.closure_reason, current.closure_note, current.closed_by = (
        closed_on, reason, note.strip()[:300], by
    )  # fmt: skip
    current.save(update_fields=["closed_on", "closure_reason", "closure_note", "closed_by"])
    people = [m.person for m in current.members.select_related("person")]
    title = f"Left Supporting Families: {ClosureReason(reason).label.lower()}"
    chronology_record(people=people, occurred_at=timezone.now(), kind=EntryKind.SUPPORTING, source=current, by=by,
                      title=title)  # fmt: skip
    audit_record(action=AuditAction.CHANGE, summary=title, actor=by, obj=current, person=current.lead,
                 changes={"closed_on": closed_on.isoformat(), "reason": reason}, request=request)  # fmt: skip


def reopen_locked(current: Attachment, *, by: Any, request: Any = None) -> bool:
    """Open a family again whose successful closure no longer stands, unless its lead has been attached again
    since. Runs in the caller's transaction."""
    if Attachment.objects.filter(lead=current.lead, closed_on__isnull=True).exists():
        return False
    current.closed_on, current.closure_reason, current.closure_note, current.closed_by = None, "", "", None
    current.save(update_fields=["closed_on", "closure_reason", "closure_note", "closed_by"])
    people = [m.person for m in current.members.select_related("person")]
    chronology_record(people=people, occurred_at=timezone.now(), kind=EntryKind.SUPPORTING, source=current, by=by,
                      title="Back on Supporting Families: the successful claim no longer stands")  # fmt: skip
    audit_record(action=AuditAction.CHANGE, summary="The family is open on Supporting Families again", actor=by,
                 obj=current, person=current.lead, request=request)  # fmt: skip
    return True
