"""Changes to a person's details after the record is made. Each keeps history, re-files the match index
where matching reads the change, records the change on the chronology and in the audit log."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record
from hearth.chronology.models import EntryKind
from hearth.chronology.services import chronology_record
from hearth.people.identifiers import normalise_postcode
from hearth.people.models import (
    Address,
    ContactDetail,
    ContactKind,
    Flag,
    FlagKind,
    NameKind,
    Person,
    PersonName,
)
from hearth.people.services import match_index_refresh


def _note(by: Any, person: Person, summary: str, obj: Any, request: Any, **changes: Any) -> None:
    chronology_record(
        people=[person], occurred_at=timezone.now(), kind=EntryKind.PERSON, title=summary, source=obj, by=by
    )
    audit_record(action=AuditAction.CHANGE, summary=summary, actor=by, obj=obj, person=person, changes=changes,
                 request=request)  # fmt: skip


@transaction.atomic
def person_rename(
    *, by: Any, person: Person, given_name: str, family_name: str, request: Any = None
) -> Person:
    """A new name; the old one is kept as a previous name, and matching still finds the person by it."""
    errors: dict[str, list[str]] = {}
    if not given_name.strip():
        errors["given_name"] = ["Enter a first name"]
    if not family_name.strip():
        errors["family_name"] = ["Enter a last name"]
    if (given_name.strip(), family_name.strip()) == (person.given_name, person.family_name):
        errors["family_name"] = ["Enter the new name: this is the name already recorded"]
    if errors:
        raise ValidationError(errors)
    PersonName.objects.create(authority_id=person.authority_id, person=person, kind=NameKind.PREVIOUS,
                              given_name=person.given_name, family_name=person.family_name,
                              used_until=timezone.localdate())  # fmt: skip
    old = person.full_name
    person.given_name, person.family_name = given_name.strip(), family_name.strip()
    person.save(update_fields=["given_name", "family_name", "updated_at"])
    match_index_refresh(person)
    _note(by, person, f"Name changed from {old} to {person.full_name}", person, request, previous=old)
    return person


@transaction.atomic
def person_address_move(*, by: Any, person: Person, line_1: str, line_2: str, town: str, postcode: str,
                        moved_on: date | None, request: Any = None) -> Address:  # fmt: skip
    """A new current address; the current one ends the day before the move, so the history has no gaps."""
    errors: dict[str, list[str]] = {}
    if not line_1.strip():
        errors["line_1"] = ["Enter the first line of the address"]
    if not town.strip():
        errors["town"] = ["Enter the town or city"]
    try:
        postcode = normalise_postcode(postcode)
    except ValidationError as error:
        errors["postcode"] = error.messages
    moved_on = moved_on or timezone.localdate()
    if moved_on > timezone.localdate():
        errors["moved_on"] = ["The date they moved must be today or in the past"]
    current = person.addresses.filter(ended_on__isnull=True).order_by("-started_on").first()
    if current is not None and current.started_on and moved_on < current.started_on:
        errors["moved_on"] = [
            f"The date they moved must be after they moved to the current address ({current.started_on:%d %m %Y})"
        ]
    if errors:
        raise ValidationError(errors)
    person.addresses.filter(ended_on__isnull=True).update(ended_on=moved_on)
    address = Address.objects.create(authority_id=person.authority_id, person=person, line_1=line_1.strip(),
                                     line_2=line_2.strip(), town=town.strip(), postcode=postcode, started_on=moved_on)  # fmt: skip
    match_index_refresh(person)
    _note(by, person, f"Moved to {address.line_1}, {address.town} {address.postcode}", address, request)
    return address


@transaction.atomic
def contact_detail_add(
    *, by: Any, person: Person, kind: str, value: str, note: str = "", request: Any = None
) -> ContactDetail:
    if kind not in ContactKind.values:
        raise ValidationError({"kind": ["Select phone, mobile or email"]})
    value = value.strip()
    if not value:
        raise ValidationError({"value": ["Enter the phone number or email address"]})
    if kind == ContactKind.EMAIL and ("@" not in value or " " in value):
        raise ValidationError(
            {"value": ["Enter an email address in the correct format, like name@example.com"]}
        )
    if kind != ContactKind.EMAIL and not all(c.isdigit() or c in " +()-" for c in value):
        raise ValidationError({"value": ["Enter a phone number using numbers, like 01632 960 001"]})
    detail = ContactDetail.objects.create(authority_id=person.authority_id, person=person, kind=kind, value=value,
                                          note=note.strip())  # fmt: skip
    audit_record(action=AuditAction.CHANGE, summary=f"Added a {detail.get_kind_display().lower()} contact detail",
                 actor=by, obj=detail, person=person, request=request)  # fmt: skip
    return detail


@transaction.atomic
def flag_raise(*, by: Any, person: Person, kind: str, text: str, request: Any = None) -> Flag:
    if kind not in FlagKind.values:
        raise ValidationError({"kind": ["Select whether it is a warning to staff or a risk to the person"]})
    if not text.strip():
        raise ValidationError({"text": ["Enter what staff need to know, like “Do not visit alone”"]})
    flag = Flag.objects.create(authority_id=person.authority_id, person=person, kind=kind, text=text.strip(),
                               raised_on=timezone.localdate(), raised_by=by)  # fmt: skip
    _note(by, person, f"{flag.get_kind_display()} raised: {flag.text}", flag, request)
    return flag


@transaction.atomic
def flag_end(*, by: Any, flag: Flag, request: Any = None) -> Flag:
    if flag.ended_on is None:
        flag.ended_on = timezone.localdate()
        flag.save(update_fields=["ended_on"])
        _note(by, flag.person, f"{flag.get_kind_display()} ended: {flag.text}", flag, request)
    return flag
