"""Recording and deciding contacts. Each function runs in a transaction and records an audit entry."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record
from hearth.casework.models import InvolvementKind
from hearth.casework.services import involvement_open, referral_open
from hearth.chronology.models import EntryKind
from hearth.chronology.services import chronology_record
from hearth.core.calendar import add_working_days
from hearth.frontdoor.models import (
    Consent,
    Contact,
    ContactStatus,
    ContactSubject,
    Outcome,
    Rag,
    SubjectRole,
    Threshold,
)
from hearth.people.codes import REFERRAL_SOURCE
from hearth.people.services import AddressInput, PersonInput, person_match_or_create, validate_person_input

DECISION_WORKING_DAYS = 1  # a decision within one working day of the contact


def _audit(by: Any, contact: Contact, summary: str, request: Any = None, **changes: Any) -> None:
    audit_record(action=AuditAction.CHANGE if contact.status != ContactStatus.DRAFT else AuditAction.CREATE,
                 summary=summary, actor=by, obj=contact, changes=changes, request=request)  # fmt: skip


def _editable(contact: Contact) -> None:
    if contact.status != ContactStatus.DRAFT:
        raise ValidationError("This contact has been sent to the queue and can no longer be changed here")


@transaction.atomic
def contact_start(*, by: Any, received_at: datetime | None = None, request: Any = None) -> Contact:
    received_at = received_at or timezone.now()
    if received_at > timezone.now():
        raise ValidationError({"received_at": ["The contact must have come in today or earlier"]})
    contact = Contact.objects.create(authority_id=by.authority_id, received_at=received_at, recorded_by=by)
    _audit(by, contact, "Started recording a contact", request)
    return contact


@transaction.atomic
def contact_subject_add(*, by: Any, contact: Contact, person: Any, role: str = SubjectRole.CHILD,
                        request: Any = None) -> ContactSubject:  # fmt: skip
    _editable(contact)
    if person.authority_id != contact.authority_id:
        raise ValidationError("Choose someone from this council’s records")
    subject, created = ContactSubject.objects.get_or_create(
        contact=contact, person=person, defaults={"authority_id": contact.authority_id, "role": role}
    )
    if created:
        audit_record(action=AuditAction.CHANGE, summary="Linked a person to a contact", actor=by, obj=contact,
                     person=person, request=request)  # fmt: skip
    return subject


@transaction.atomic
def contact_subject_remove(*, by: Any, contact: Contact, person_id: int, request: Any = None) -> None:
    _editable(contact)
    deleted, _ = ContactSubject.objects.filter(contact=contact, person_id=person_id).delete()
    if deleted:
        audit_record(action=AuditAction.CHANGE, summary="Removed a person from a contact", actor=by, obj=contact,
                     person=person_id, request=request)  # fmt: skip


@transaction.atomic
def contact_caller_record(*, by: Any, contact: Contact, caller_name: str, caller_relationship: str,
                          caller_phone: str, source: str, received_at: datetime | None = None,
                          request: Any = None) -> Contact:  # fmt: skip
    _editable(contact)
    errors: dict[str, list[str]] = {}
    if received_at is not None:
        if received_at > timezone.now():
            errors["received_on"] = ["The contact must have come in today or earlier"]
        elif received_at < timezone.now() - timedelta(days=31):
            errors["received_on"] = [
                "Record contacts within a month of their coming in; ask a manager about older ones"
            ]
        else:
            contact.received_at = received_at
    if source not in dict(REFERRAL_SOURCE):
        errors["source"] = ["Select who the contact came from"]
    if source != "9" and not caller_name.strip():
        errors["caller_name"] = ["Enter the name of the person who got in touch, or choose Anonymous"]
    if errors:
        raise ValidationError(errors)
    contact.caller_name, contact.caller_relationship = caller_name.strip(), caller_relationship.strip()
    contact.caller_phone, contact.source = caller_phone.strip(), source
    contact.save(
        update_fields=["caller_name", "caller_relationship", "caller_phone", "source", "received_at"]
    )
    _audit(by, contact, "Recorded who got in touch", request, source=source)
    return contact


@transaction.atomic
def contact_worries_record(*, by: Any, contact: Contact, worries: str, request: Any = None) -> Contact:
    _editable(contact)
    if not worries.strip():
        raise ValidationError({"worries": ["Enter what the person is worried about"]})
    contact.worries = worries.strip()
    contact.save(update_fields=["worries"])
    _audit(by, contact, "Recorded the worries", request)
    return contact


@transaction.atomic
def contact_consent_record(*, by: Any, contact: Contact, consent: str, request: Any = None) -> Contact:
    _editable(contact)
    if consent not in Consent.values:
        raise ValidationError({"consent": ["Select whether the family agreed to information being shared"]})
    contact.consent = consent
    contact.save(update_fields=["consent"])
    _audit(by, contact, "Recorded consent", request, consent=consent)
    return contact


def missing_answers(contact: Contact) -> list[tuple[str, str]]:
    """What still needs answering before the contact can go to the queue: (step, message)."""
    missing = []
    if not contact.subjects.filter(role=SubjectRole.CHILD).exists():
        missing.append(("child", "Add the child the contact is about"))
    if not contact.source:
        missing.append(("caller", "Say who got in touch"))
    if not contact.worries:
        missing.append(("worries", "Say what they are worried about"))
    if not contact.consent:
        missing.append(("consent", "Say whether the family agreed to information being shared"))
    return missing


@transaction.atomic
def contact_submit(*, by: Any, contact: Contact, request: Any = None) -> Contact:
    """Send a contact to the front door queue; its decision is due one working day after it came in."""
    _editable(contact)
    missing = missing_answers(contact)
    if missing:
        raise ValidationError([message for _, message in missing])
    contact.status = ContactStatus.AWAITING_DECISION
    contact.decision_due_at = add_working_days(timezone.localtime(contact.received_at), DECISION_WORKING_DAYS)
    contact.save(update_fields=["status", "decision_due_at"])
    people = [s.person for s in contact.subjects.select_related("person")]
    source = dict(REFERRAL_SOURCE).get(contact.source, "")
    chronology_record(people=people, occurred_at=contact.received_at, kind=EntryKind.CONTACT, source=contact, by=by,
                      title=f"Contact from {contact.caller_name or 'an anonymous caller'} ({source})",
                      detail=contact.worries)  # fmt: skip
    _audit(by, contact, "Sent a contact to the front door queue", request)
    return contact


@transaction.atomic
def contact_decide(*, by: Any, contact: Contact, rag: str, threshold: str, outcome: str, reasons: str,
                   request: Any = None) -> Contact:  # fmt: skip
    """Triage: the RAG rating, the threshold level and what happens next. A referral opens a social care
    involvement for each child the contact is about; early help opens an early help involvement."""
    if contact.status != ContactStatus.AWAITING_DECISION:
        raise ValidationError("This contact has already been decided")
    errors: dict[str, list[str]] = {}
    if rag not in Rag.values:
        errors["rag"] = ["Select a RAG rating"]
    if threshold not in Threshold.values:
        errors["threshold"] = ["Select the level of need"]
    if outcome not in Outcome.values:
        errors["outcome"] = ["Select what happens next"]
    if not reasons.strip():
        errors["reasons"] = ["Enter the reasons for the decision"]
    if outcome in (Outcome.REFERRAL, Outcome.STRATEGY) and threshold in (
        Threshold.UNIVERSAL,
        Threshold.EARLY_HELP,
    ):
        errors["outcome"] = [
            "A referral to children’s social care needs level 3 or 4. Change the level or what happens next"
        ]
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    contact.rag, contact.threshold, contact.outcome, contact.decision_reasons = (
        rag,
        threshold,
        outcome,
        reasons.strip(),
    )
    contact.decided_by, contact.decided_at, contact.status = by, now, ContactStatus.DECIDED
    contact.save(
        update_fields=[
            "rag",
            "threshold",
            "outcome",
            "decision_reasons",
            "decided_by",
            "decided_at",
            "status",
        ]
    )
    subjects = list(contact.subjects.select_related("person"))
    chronology_record(people=[s.person for s in subjects], occurred_at=now, kind=EntryKind.DECISION, source=contact,
                      by=by, title=f"Front door decision: {Outcome(outcome).label}",
                      detail=f"{Threshold(threshold).label}. {reasons.strip()}")  # fmt: skip
    children = [s.person for s in subjects if s.role == SubjectRole.CHILD]
    for child in children:
        if outcome in (Outcome.REFERRAL, Outcome.STRATEGY):
            referral_open(by=by, person=child, referred_on=timezone.localdate(), source=contact.source,
                          contact=contact, strategy_discussion=outcome == Outcome.STRATEGY, request=request)  # fmt: skip
        elif outcome == Outcome.EARLY_HELP:
            involvement_open(by=by, person=child, kind=InvolvementKind.EARLY_HELP, started_on=timezone.localdate(),
                             request=request)  # fmt: skip
    _audit(by, contact, "Decided a contact", request, outcome=outcome, rag=rag, threshold=threshold)
    return contact


@transaction.atomic
def contact_sign_off(*, by: Any, contact: Contact, comment: str = "", request: Any = None) -> Contact:
    if contact.status != ContactStatus.DECIDED:
        raise ValidationError("Only a decided contact can be signed off")
    if contact.decided_by_id == by.pk:
        raise ValidationError("A decision must be signed off by someone other than the person who made it")
    contact.signed_off_by, contact.signed_off_at = by, timezone.now()
    contact.manager_comment, contact.status = comment.strip(), ContactStatus.SIGNED_OFF
    contact.save(update_fields=["signed_off_by", "signed_off_at", "manager_comment", "status"])
    _audit(by, contact, "Signed off a front door decision", request)
    return contact


API_FIELD_NAMES = {"nhs": "nhs_number", "upn": "upn", "la_child_id": "la_child_id"}


@transaction.atomic
def contact_receive(*, by: Any, partner_reference: str, caller_name: str, worries: str, consent: str,
                    child: dict[str, Any], family_members: list[dict[str, Any]] | None = None,
                    received_at: datetime | None = None, caller_relationship: str = "", caller_phone: str = "",
                    request: Any = None) -> Contact:  # fmt: skip
    """A contact from a partner organisation (`by` is its API principal), straight into the queue.

    Each person is matched on the server and the partner never sees Hearth's records: a single clear
    strong match is linked; otherwise a new record is added and the other possible matches are noted
    for the front door. Nothing is saved unless everything is valid.
    """
    now = timezone.now()
    received_at = received_at or now
    errors: dict[str, list[str]] = {}
    if received_at > now:
        errors["received_at"] = ["received_at must not be in the future"]
    if consent not in Consent.values:
        errors["consent"] = [f"consent must be one of {', '.join(Consent.values)}"]
    people: list[tuple[PersonInput, str]] = []
    subjects: list[tuple[str, dict[str, Any], str]] = [("child", child, SubjectRole.CHILD)]
    for path, raw, role in subjects + [
        (f"family_members.{i}", member, SubjectRole.FAMILY) for i, member in enumerate(family_members or [])
    ]:
        data = PersonInput(
            given_name=raw.get("given_name", ""), family_name=raw.get("family_name", ""),
            date_of_birth=raw.get("date_of_birth"), kind="child" if role == SubjectRole.CHILD else "adult",
            identifiers={"nhs": raw["nhs_number"]} if raw.get("nhs_number") else {},
            address=AddressInput(line_1="", town="", postcode=raw["postcode"]) if raw.get("postcode") else None,
        )  # fmt: skip
        for name, messages in validate_person_input(data).items():
            errors[f"{path}.{API_FIELD_NAMES.get(name, name)}"] = messages
        people.append((data, role))
    if errors:
        raise ValidationError(errors)
    contact = Contact.objects.create(
        authority_id=by.authority_id, received_at=received_at, source=by.partner.source, partner=by.partner,
        partner_reference=partner_reference.strip(), caller_name=caller_name.strip(),
        caller_relationship=caller_relationship.strip(), caller_phone=caller_phone.strip(), worries=worries.strip(),
        consent=consent,
    )  # fmt: skip
    notes = []
    for data, role in people:
        placed = person_match_or_create(by=by, data=data, request=request)
        person, possible = placed.person, placed.possible
        ContactSubject.objects.get_or_create(contact=contact, person=person,
                                             defaults={"authority_id": contact.authority_id, "role": role})  # fmt: skip
        if possible:
            ids = ", ".join(str(i) for i in possible)
            notes.append(
                f"{person.full_name} was added as a new record; Hearth IDs {ids} may be the same person"
            )
    if notes:
        contact.match_note = ". ".join(notes) + "."
        contact.save(update_fields=["match_note"])
    return contact_submit(by=by, contact=contact, request=request)
