"""Invented children and their families for the demo county: households with a parent (and often a
partner), siblings, relationships, a shared address, identifiers, and the match index."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from hearth.accounts.models import User
from hearth.accounts.roles import PractitionerKind, Role
from hearth.casework.models import Involvement, InvolvementKind
from hearth.organisation.models import Authority, District, Team, TeamKind
from hearth.people.matching import Probe, index_keys
from hearth.people.models import (
    AccessLevel,
    Address,
    Allocation,
    Household,
    HouseholdMember,
    Identifier,
    MatchKey,
    Person,
    PersonAccessGrant,
    PersonKind,
    Relationship,
    Sex,
)
from hearth.people.relationships import RelationshipType
from hearth.synth import details
from hearth.synth.names import FAMILY, GIVEN_FEMALE, GIVEN_MALE
from hearth.synth.rows import insert_rows

CASELOAD_MEAN = 18  # seed 003: "caseloads down from 30 to 18"
CASEWORK_KINDS: set[str] = {TeamKind.EARLY_HELP, TeamKind.SAFEGUARDING, TeamKind.CHILDREN_IN_CARE,
                            TeamKind.CARE_LEAVERS, TeamKind.DISABLED_CHILDREN}  # fmt: skip
SIBLINGS = (1, 1, 1, 2, 2, 2, 3, 3, 4)  # children per family known to children's services
POPULATION_SIBLINGS = (1, 1, 1, 1, 2, 2, 2, 3, 3, 4)  # children per family in the general population


@dataclass
class Family:
    district: District
    children: list[Person] = field(default_factory=list)
    adults: list[Person] = field(default_factory=list)
    worker: User | None = None
    team: Team | None = None


@dataclass
class Made:
    people: int = 0
    families: int = 0
    allocations: int = 0
    restricted: int = 0
    families_made: list[Family] = field(default_factory=list)


def make_families(
    rng: random.Random, authority: Authority, members: list[tuple[User, Team]], today: date
) -> Made:
    """Families on each practitioner's caseload, plus families known to Hearth with nobody allocated."""
    families: list[Family] = []
    for worker, team in members:
        if worker.role != Role.PRACTITIONER or team.kind not in CASEWORK_KINDS:
            continue
        caseload = max(1, round(rng.gauss(CASELOAD_MEAN, 4)))
        while caseload > 0:
            size = 1 if team.kind == TeamKind.CARE_LEAVERS else min(caseload, rng.choice(SIBLINGS))
            families.append(_family(rng, authority, team.district, team.kind, size, today, worker, team))
            caseload -= size
    known = Counter(f.district.pk for f in families for c in f.children if _age(c, today) < 18)
    for district in District.objects.filter(authority=authority).order_by("name"):
        # The rest of the district's children, in families nobody is working with.
        remaining = district.child_population - known[district.pk]
        while remaining > 0:
            size = min(remaining, rng.choice(POPULATION_SIBLINGS))
            families.append(_family(rng, authority, district, TeamKind.SAFEGUARDING, size, today))
            remaining -= size

    people = [p for f in families for p in (*f.adults, *f.children)]
    Person.objects.bulk_create(people, batch_size=2000)
    _households(rng, authority, families, today)
    made = Made(
        people=len(people), families=len(families), restricted=sum(p.access_level != "open" for p in people)
    )
    allocations, grants = [], []
    for family in families:
        if family.worker is None or family.team is None:
            continue
        started = today - timedelta(days=rng.randint(7, 700))
        for child in family.children:
            # A baby born since the family was allocated is allocated (and known to the service) from birth.
            since = max(started, child.date_of_birth or started)
            allocations.append(Allocation(authority=authority, person=child, worker=family.worker, team=family.team,
                                          role=_allocation_role(family.worker, family.team), started_on=since))  # fmt: skip
        grants += [PersonAccessGrant(authority=authority, person=p, user=family.worker, reason="Allocated worker")
                   for p in (*family.children, *family.adults) if p.access_level != AccessLevel.OPEN]  # fmt: skip
    Allocation.objects.bulk_create(allocations, batch_size=2000)
    Involvement.objects.bulk_create(
        [Involvement(authority=authority, person=a.person, started_on=a.started_on,
                     kind=InvolvementKind.EARLY_HELP if a.team.kind == TeamKind.EARLY_HELP else InvolvementKind.SOCIAL_CARE)
         for a in allocations if a.team.kind != TeamKind.CARE_LEAVERS],
        batch_size=2000,
    )  # fmt: skip
    PersonAccessGrant.objects.bulk_create(grants, batch_size=2000)
    made.allocations = len(allocations)
    made.families_made = families
    return made


def _family(rng: random.Random, authority: Authority, district: District, kind: str, size: int, today: date,
            worker: User | None = None, team: Team | None = None) -> Family:  # fmt: skip
    surname = rng.choice(FAMILY)
    family = Family(district=district, worker=worker, team=team)
    ages: dict[str, tuple[int, int]] = {TeamKind.CARE_LEAVERS: (18, 24), TeamKind.EARLY_HELP: (0, 16)}
    low, high = ages.get(kind, (0, 17))
    for _ in range(size):
        family.children.append(_person(rng, authority, district, surname, today, low, high, PersonKind.CHILD))
    if kind != TeamKind.CARE_LEAVERS:
        oldest = max((today - c.date_of_birth).days // 365 for c in family.children if c.date_of_birth)
        mother = _person(
            rng, authority, district, surname, today, oldest + 17, oldest + 40, PersonKind.ADULT, Sex.FEMALE
        )
        family.adults.append(mother)
        if rng.random() < 0.55:
            partner_name = surname if rng.random() < 0.6 else rng.choice(FAMILY)
            family.adults.append(_person(rng, authority, district, partner_name, today, oldest + 18, oldest + 45,
                                         PersonKind.ADULT, Sex.MALE))  # fmt: skip
    return family


def _person(rng: random.Random, authority: Authority, district: District, surname: str, today: date, low: int,
            high: int, kind: str, sex: str | None = None) -> Person:  # fmt: skip
    sex = sex or (Sex.FEMALE if rng.random() < 0.48 else Sex.MALE)
    given = rng.choice(GIVEN_FEMALE if sex == Sex.FEMALE else GIVEN_MALE)
    born = today - timedelta(days=rng.randint(low * 365, high * 365 + 364))
    roll = rng.random()
    level = (
        AccessLevel.SEALED if roll < 0.003 else AccessLevel.RESTRICTED if roll < 0.013 else AccessLevel.OPEN
    )
    return Person(authority=authority, kind=kind, given_name=given, family_name=surname, date_of_birth=born, sex=sex,
                  district=district, access_level=level, ethnicity=_ethnicity(rng))  # fmt: skip


def _ethnicity(rng: random.Random) -> str:
    roll = rng.random()
    for code, share in (("WBRI", 0.80), ("WOTH", 0.04), ("MWBC", 0.03), ("APKN", 0.03), ("AIND", 0.02),
                        ("MOTH", 0.02), ("BAFR", 0.02), ("WROM", 0.01)):  # fmt: skip
        if roll < share:
            return code
        roll -= share
    return "NOBT"


def _households(rng: random.Random, authority: Authority, families: list[Family], today: date) -> None:
    district_numbers = {  # 1 to 8 in name order, for their postcodes (hearth.synth.details.postcode)
        d.pk: n for n, d in enumerate(District.objects.filter(authority=authority).order_by("name"), start=1)
    }
    households = []
    for family in families:
        street = details.street_address(rng)
        households.append(Household(authority=authority, district=family.district,
                                    name=f"{family.children[0].family_name} household, {street}"))  # fmt: skip
        family.street = street  # type: ignore[attr-defined]
    Household.objects.bulk_create(households, batch_size=2000)
    members: list[tuple[Any, ...]] = []
    relationships: list[tuple[Any, ...]] = []
    identifiers: list[tuple[Any, ...]] = []
    addresses: list[tuple[Any, ...]] = []
    keys: list[tuple[Any, ...]] = []
    a = authority.pk
    issued = details.Issued()
    for family, household in zip(families, households, strict=True):
        code = details.postcode(rng, district_numbers[family.district.pk])
        moved_in = today - timedelta(days=rng.randint(30, 3000))
        address_line: str = family.street  # type: ignore[attr-defined]
        for person in (*family.adults, *family.children):
            members.append((a, household.pk, person.pk, moved_in))
            addresses.append((a, person.pk, address_line, "", family.district.name, code, moved_in))
            ids = _identifiers(rng, person, today, issued)
            identifiers += [(a, person.pk, k, v) for k, v in ids.items()]
            probe = Probe(
                person.given_name, person.family_name, person.date_of_birth, person.sex, ids, (code,)
            )
            keys += [(a, k, person.pk) for k in index_keys(probe)]
        for adult in family.adults:
            for child in family.children:
                kind = (
                    RelationshipType.PARENT
                    if adult.family_name == child.family_name
                    else RelationshipType.STEP_PARENT
                )
                relationships.append((a, adult.pk, child.pk, kind, ""))
        if len(family.adults) == 2:
            relationships.append((a, family.adults[0].pk, family.adults[1].pk, RelationshipType.PARTNER, ""))
        for i, child in enumerate(family.children):
            for sibling in family.children[i + 1 :]:
                relationships.append((a, child.pk, sibling.pk, RelationshipType.SIBLING, ""))
    insert_rows(HouseholdMember, ["authority", "household", "person", "joined_on"], members)
    insert_rows(Relationship, ["authority", "person", "other", "type", "note"], relationships)
    insert_rows(Identifier, ["authority", "person", "kind", "value"], identifiers)
    insert_rows(
        Address, ["authority", "person", "line_1", "line_2", "town", "postcode", "started_on"], addresses
    )
    insert_rows(MatchKey, ["authority", "key", "person"], keys)


def _age(person: Person, today: date) -> int:
    return (today - person.date_of_birth).days // 365 if person.date_of_birth else 0


def _identifiers(rng: random.Random, person: Person, today: date, issued: details.Issued) -> dict[str, str]:
    ids: dict[str, str] = {}
    if person.kind == PersonKind.CHILD:
        ids["la_child_id"] = f"BRK{person.pk:07d}"
    if rng.random() < 0.93:
        ids["nhs"] = issued.nhs(rng)
    born = person.date_of_birth
    if (
        person.kind == PersonKind.CHILD
        and born
        and 5 <= (today - born).days // 365 <= 16
        and rng.random() < 0.9
    ):
        ids["upn"] = issued.upn(rng, born)
    return ids


def _allocation_role(worker: User, team: Team) -> str:
    if worker.practitioner_kind == PractitionerKind.EARLY_HELP_KEY_WORKER:
        return "Key worker"
    if team.kind == TeamKind.CARE_LEAVERS:
        return "Personal adviser"
    return (
        "Social worker"
        if worker.practitioner_kind == PractitionerKind.SOCIAL_WORKER
        else "Family support worker"
    )
