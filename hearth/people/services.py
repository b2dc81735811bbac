"""Writes to person records. Each runs in a transaction, validates, re-files the person in the match index
and records an audit entry."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record
from hearth.chronology.models import EntryKind
from hearth.chronology.services import chronology_record
from hearth.people.duplicates import MAX_CANDIDATES, probe_from_input, probe_of, probes_of, with_match_details
from hearth.people.identifiers import NORMALISERS, normalise_postcode
from hearth.people.matching import SHOW_FROM, STRONG_FROM, index_keys, probe_keys, score
from hearth.people.models import (
    Address,
    Allocation,
    Household,
    HouseholdMember,
    Identifier,
    MatchKey,
    Person,
    PersonKind,
    PersonName,
    Relationship,
)
from hearth.people.relationships import SYMMETRIC, RelationshipType


@dataclass
class AddressInput:
    line_1: str
    town: str
    postcode: str
    line_2: str = ""
    started_on: date | None = None


@dataclass
class PersonInput:
    given_name: str
    family_name: str
    kind: str = PersonKind.CHILD
    middle_names: str = ""
    preferred_name: str = ""
    date_of_birth: date | None = None
    expected_date_of_birth: date | None = None
    date_of_death: date | None = None
    sex: str = "U"
    ethnicity: str = "NOBT"
    first_language: str = ""
    interpreter_needed: bool = False
    disabilities: list[str] = field(default_factory=list)
    organisation: str = ""
    district_id: int | None = None
    identifiers: dict[str, str] = field(default_factory=dict)
    address: AddressInput | None = None


def validate_person_input(data: PersonInput, *, today: date | None = None) -> dict[str, list[str]]:
    """Every problem with `data`, by field, in words a user can act on. Normalises identifiers in place."""
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if not data.given_name.strip():
        add("given_name", "Enter a first name, or “Unknown” if it is not known yet")
    if not data.family_name.strip():
        add("family_name", "Enter a last name, or “Unknown” if it is not known yet")
    if data.date_of_birth and data.date_of_birth > today:
        add("date_of_birth", "Date of birth must be today or in the past")
    if data.date_of_birth and data.date_of_birth.year < today.year - 120:
        add("date_of_birth", "Date of birth must be after " + str(today.year - 120))
    if data.kind == PersonKind.UNBORN:
        if data.date_of_birth:
            add("date_of_birth", "An unborn child has no date of birth yet: enter the expected date of birth")
        if not data.expected_date_of_birth:
            add("expected_date_of_birth", "Enter the expected date of birth")
    if data.date_of_death:
        if data.date_of_death > today:
            add("date_of_death", "Date of death must be today or in the past")
        if data.date_of_birth and data.date_of_death < data.date_of_birth:
            add("date_of_death", "Date of death must be the same as or after the date of birth")
    if "NONE" in data.disabilities and len(data.disabilities) > 1:
        add("disabilities", "Select “No disability” or the disabilities the person has, not both")
    for kind, value in list(data.identifiers.items()):
        if not value.strip():
            del data.identifiers[kind]
            continue
        try:
            data.identifiers[kind] = NORMALISERS[kind](value)
        except ValidationError as error:
            add(kind, error.messages[0])
    if data.address is not None:
        # A postcode alone is accepted (a partner or an import may know no more, and it helps matching);
        # once any of the address is typed, the first line and the town are needed too.
        if data.address.line_1.strip() or data.address.town.strip():
            if not data.address.line_1.strip():
                add("line_1", "Enter the first line of the address")
            if not data.address.town.strip():
                add("town", "Enter the town or city")
        try:
            data.address.postcode = normalise_postcode(data.address.postcode)
        except ValidationError as error:
            add("postcode", error.messages[0])
    return errors


def match_index_refresh(person: Person) -> None:
    """Re-file one person in the duplicate-detection index."""
    MatchKey.objects.filter(person=person).delete()
    if person.merged_into_id:
        return  # a merged record is found through the record it was merged into
    fresh = with_match_details(Person.objects.filter(pk=person.pk)).get()
    MatchKey.objects.bulk_create(
        MatchKey(authority_id=person.authority_id, person_id=person.pk, key=key)
        for key in index_keys(probe_of(fresh))
    )


@transaction.atomic
def person_create(
    *, by: Any, data: PersonInput, request: Any = None, candidates_seen: list[int] | None = None
) -> Person:
    """Add a person to the user's authority. Raises ValidationError (a dict by field) if the input is wrong
    or an identifier already belongs to someone else."""
    errors = validate_person_input(data)
    for kind, value in data.identifiers.items():
        if Identifier.objects.filter(authority_id=by.authority_id, kind=kind, value=value).exists():
            errors.setdefault(kind, []).append(
                "Another record already has this number. Search for it and use that record instead"
            )
    if errors:
        raise ValidationError(errors)
    person = Person.objects.create(
        authority_id=by.authority_id,
        kind=data.kind,
        given_name=data.given_name.strip(),
        middle_names=data.middle_names.strip(),
        family_name=data.family_name.strip(),
        preferred_name=data.preferred_name.strip(),
        date_of_birth=data.date_of_birth,
        expected_date_of_birth=data.expected_date_of_birth,
        date_of_death=data.date_of_death,
        sex=data.sex,
        ethnicity=data.ethnicity,
        first_language=data.first_language.strip(),
        interpreter_needed=data.interpreter_needed,
        disabilities=data.disabilities,
        organisation=data.organisation.strip(),
        district_id=data.district_id,
    )
    Identifier.objects.bulk_create(
        Identifier(authority_id=by.authority_id, person=person, kind=kind, value=value)
        for kind, value in data.identifiers.items()
    )
    if data.address is not None:
        Address.objects.create(
            authority_id=by.authority_id, person=person, line_1=data.address.line_1.strip(),
            line_2=data.address.line_2.strip(), town=data.address.town.strip(), postcode=data.address.postcode,
            started_on=data.address.started_on,
        )  # fmt: skip
    # A new record is filed from what was just written, without reading it back (imports add thousands).
    MatchKey.objects.bulk_create(
        MatchKey(authority_id=person.authority_id, person_id=person.pk, key=key)
        for key in index_keys(probe_from_input(data))
    )
    chronology_record(people=[person], occurred_at=timezone.now(), kind=EntryKind.PERSON,
                      title="Added to Hearth", source=person, by=by)  # fmt: skip
    changes: dict[str, Any] = {"kind": data.kind}
    if candidates_seen:
        changes["possible_duplicates_shown"] = candidates_seen
    audit_record(
        action=AuditAction.CREATE, summary="Added a person", actor=by, obj=person, person=person,
        changes=changes, request=request,
    )  # fmt: skip
    return person


@transaction.atomic
def relationship_add(
    *, by: Any, person: Person, other: Person, type: str, started_on: date | None = None, request: Any = None
) -> Relationship:
    """Record that `person` is the `type` of `other` (for example Mum is the parent of Ava)."""
    if person.pk == other.pk:
        raise ValidationError({"other": ["Choose someone other than the person themselves"]})
    if person.authority_id != other.authority_id:
        raise ValidationError({"other": ["Choose someone from this council’s records"]})
    kind = RelationshipType(type)
    pairs = [(person, other)] + ([(other, person)] if kind in SYMMETRIC else [])
    if any(Relationship.objects.filter(person=a, other=b, type=kind).exists() for a, b in pairs):
        raise ValidationError(
            {"type": [f"{person.full_name} is already recorded as {kind.label.lower()} of {other.full_name}"]}
        )
    relationship = Relationship.objects.create(
        authority_id=person.authority_id, person=person, other=other, type=kind, started_on=started_on
    )
    chronology_record(
        people=[person, other], occurred_at=timezone.now(), kind=EntryKind.RELATIONSHIP, source=relationship, by=by,
        title=f"Recorded: {person.full_name} is {kind.label.lower()} of {other.full_name}",
    )  # fmt: skip
    for subject in (person, other):
        audit_record(
            action=AuditAction.CHANGE, summary="Recorded a relationship", actor=by, obj=relationship,
            person=subject, changes={"type": kind.value, "person": person.pk, "other": other.pk}, request=request,
        )  # fmt: skip
    return relationship


@transaction.atomic
def household_create(*, by: Any, name: str, members: list[Person], district_id: int | None = None,
                     joined_on: date | None = None, request: Any = None) -> Household:  # fmt: skip
    if not name.strip():
        raise ValidationError(
            {"name": ["Enter a name for the household, like “Smith household, 12 Mill Lane”"]}
        )
    if not members:
        raise ValidationError({"members": ["Choose at least one person who lives in the household"]})
    if any(m.authority_id != by.authority_id for m in members):
        raise ValidationError({"members": ["Choose people from this council’s records"]})
    household = Household.objects.create(
        authority_id=by.authority_id, name=name.strip(), district_id=district_id
    )
    for member in members:
        household_member_add(by=by, household=household, person=member, joined_on=joined_on, request=request)
    return household


@transaction.atomic
def household_member_add(*, by: Any, household: Household, person: Person, joined_on: date | None = None,
                         request: Any = None) -> HouseholdMember:  # fmt: skip
    if HouseholdMember.objects.filter(household=household, person=person, left_on__isnull=True).exists():
        raise ValidationError({"person": [f"{person.full_name} is already in this household"]})
    member = HouseholdMember.objects.create(
        authority_id=household.authority_id, household=household, person=person, joined_on=joined_on
    )
    chronology_record(people=[person], occurred_at=timezone.now(), kind=EntryKind.RELATIONSHIP, source=member,
                      by=by, title=f"Recorded as living in {household.name}")  # fmt: skip
    audit_record(
        action=AuditAction.CHANGE, summary=f"Added to household {household.name}", actor=by, obj=member,
        person=person, request=request,
    )  # fmt: skip
    return member


PARTNER_LINK_MARGIN = 15  # the best match must lead the next by this much to be linked without a person


@dataclass
class Placed:
    """Where an entry path put a person: linked to someone on Hearth, or added (with possible duplicates)."""

    person: Person
    created: bool
    possible: list[int]


def person_match_or_create(*, by: Any, data: PersonInput, request: Any = None) -> Placed:
    """For entry paths with no person to choose (the partner API, imports): link the one clear strong match,
    or add a new record. Returns the person and the ids of other possible matches for the front door.

    `data` must already be validated (validate_person_input). The search is the authority's whole index:
    the caller is a service acting for the council, not a user with a reach.
    """
    probe = probe_from_input(data)
    ids = list(
        MatchKey.objects.filter(authority_id=by.authority_id, key__in=sorted(probe_keys(probe)))
        .values("person_id").annotate(shared=Count("id")).order_by("-shared", "person_id")
        .values_list("person_id", flat=True)[:MAX_CANDIDATES]
    )  # fmt: skip
    held = probes_of(
        Person.objects.filter(pk__in=ids, merged_into__isnull=True),
        Identifier.objects.filter(person_id__in=ids),
        PersonName.objects.filter(person_id__in=ids),
        Address.objects.filter(person_id__in=ids),
    )
    ranked = sorted(((score(probe, h).score, pk) for pk, h in held.items()), reverse=True)
    possible = [pk for points, pk in ranked if points >= SHOW_FROM]
    if (
        ranked
        and ranked[0][0] >= STRONG_FROM
        and (len(ranked) == 1 or ranked[0][0] - ranked[1][0] >= PARTNER_LINK_MARGIN)
    ):
        return Placed(Person.objects.get(pk=ranked[0][1]), created=False, possible=[])
    return Placed(
        person_create(by=by, data=data, request=request, candidates_seen=possible),
        created=True,
        possible=possible,
    )


@transaction.atomic
def allocation_reallocate(*, by: Any, allocation: Allocation, to: Any, request: Any = None) -> Allocation:
    """Move a child to another worker: the old allocation ends today and a new one starts, so the history
    shows who held the case when."""
    if allocation.ended_on is not None:
        raise ValidationError("This allocation has already ended")
    if to.authority_id != allocation.authority_id or not to.is_active or to.team_id is None:
        raise ValidationError({"to": ["Choose a worker from this council’s teams"]})
    if to.pk == allocation.worker_id:
        raise ValidationError({"to": ["Choose a different worker"]})
    today = timezone.localdate()
    Allocation.objects.filter(pk=allocation.pk).update(ended_on=today)
    moved = Allocation.objects.create(authority_id=allocation.authority_id, person=allocation.person, worker=to,
                                      team_id=to.team_id, role=allocation.role, started_on=today)  # fmt: skip
    old = allocation.worker.display_name if allocation.worker else "nobody"
    chronology_record(people=[allocation.person], occurred_at=timezone.now(), kind=EntryKind.PERSON, source=moved, by=by,
                      title=f"Reallocated from {old} to {to.display_name}")  # fmt: skip
    audit_record(action=AuditAction.CHANGE, summary=f"Reallocated from {old} to {to.display_name}", actor=by,
                 obj=moved, person=allocation.person, request=request)  # fmt: skip
    return moved
