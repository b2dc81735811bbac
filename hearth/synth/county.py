"""The demo county: Brackenshire, an invented English shire county of about 190,000 children.

Deterministic: the same seed and scale give the same county, row for row. Sizes come from the seeds:
eight districts (seed 000's Staffordshire model of district hubs), caseloads of about 18 (seed 003), and
later issues add children and families at the rates per 10,000 the papers give.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction

from hearth.accounts.models import User
from hearth.accounts.roles import PractitionerKind, Role
from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record
from hearth.organisation.models import Authority, District, Team, TeamKind
from hearth.people.matching import Probe, index_keys
from hearth.people.models import (
    AccessLevel,
    Address,
    Allocation,
    Identifier,
    MatchKey,
    Person,
    PersonAccessGrant,
    Sex,
)
from hearth.synth import details
from hearth.synth.names import FAMILY, GIVEN_FEMALE, GIVEN_MALE

AUTHORITY_NAME = "Brackenshire County Council"
# Not a real authority's code. Statutory returns (issue 6) may need one the DfE validators accept.
AUTHORITY_CODE = "999"
DEMO_PASSWORD = "Hearth-demo-2026"  # noqa: S105  (printed by `hearth demo`; demo data only)

# (name, children aged 0-17). 190,000 children in all.
DISTRICTS = (
    ("Aldermoor", 28_400), ("Brackenford", 25_100), ("Corvel Chase", 21_900), ("Dunmere", 26_300),
    ("Eastwold", 19_800), ("Fernbridge", 24_700), ("Greystone Moorlands", 17_600), ("Hallow Heath", 26_200),
)  # fmt: skip
COUNTY_TOWN = "Fernbridge"

# Teams in every district: (kind, name, number of teams, practitioners per team, practitioner kind).
DISTRICT_TEAMS = (
    (TeamKind.EARLY_HELP, "Early help", 1, 10, PractitionerKind.EARLY_HELP_KEY_WORKER),
    (TeamKind.SAFEGUARDING, "Safeguarding", 2, 7, PractitionerKind.SOCIAL_WORKER),
    (TeamKind.CHILDREN_IN_CARE, "Children in care", 1, 7, PractitionerKind.SOCIAL_WORKER),
    (TeamKind.CARE_LEAVERS, "Care leavers", 1, 5, PractitionerKind.FAMILY_SUPPORT_WORKER),
    (TeamKind.BUSINESS_SUPPORT, "Business support", 1, 3, ""),
)
# County-wide teams, based in the county town: (kind, name, staff, role, practitioner kind).
COUNTY_TEAMS = (
    (TeamKind.FRONT_DOOR, "Front door (MASH)", 12, Role.FRONT_DOOR_OFFICER, ""),
    (TeamKind.DISABLED_CHILDREN, "Disabled children", 8, Role.PRACTITIONER, PractitionerKind.SOCIAL_WORKER),
    (
        TeamKind.FOSTERING_ADOPTION,
        "Fostering and adoption",
        8,
        Role.PRACTITIONER,
        PractitionerKind.SOCIAL_WORKER,
    ),
    (TeamKind.REVIEWING, "Independent reviewing service", 10, Role.IRO, ""),
    (TeamKind.PERFORMANCE, "Performance and intelligence", 4, Role.PERFORMANCE_ANALYST, ""),
    (TeamKind.SYSTEMS, "Systems administration", 2, Role.ADMINISTRATOR, ""),
)
CASELOAD_MEAN = 18  # seed 003: "caseloads down from 30 to 18"
CASEWORK_KINDS: set[str] = {TeamKind.EARLY_HELP, TeamKind.SAFEGUARDING, TeamKind.CHILDREN_IN_CARE,
                  TeamKind.CARE_LEAVERS, TeamKind.DISABLED_CHILDREN}  # fmt: skip

JOB_TITLES = {
    PractitionerKind.SOCIAL_WORKER: "Social worker",
    PractitionerKind.FAMILY_SUPPORT_WORKER: "Family support worker",
    PractitionerKind.EARLY_HELP_KEY_WORKER: "Early help key worker",
    Role.TEAM_MANAGER: "Team manager",
    Role.FRONT_DOOR_OFFICER: "Front door officer",
    Role.IRO: "Independent reviewing officer",
    Role.BUSINESS_SUPPORT: "Business support officer",
    Role.PERFORMANCE_ANALYST: "Performance analyst",
    Role.ADMINISTRATOR: "Systems administrator",
}


@dataclass(frozen=True)
class Persona:
    username: str
    first_name: str
    last_name: str
    role: str
    team: str  # team name
    kind: str = ""
    what: str = ""


# The named demo sign-ins. Tests use the same people (hearth/core/tests/personas.py).
PERSONAS = (
    Persona("sw.aldermoor", "Sam", "Okoro", Role.PRACTITIONER, "Aldermoor Safeguarding 1",
            PractitionerKind.SOCIAL_WORKER, "Social worker in Aldermoor, with a caseload"),
    Persona("tm.aldermoor", "Tessa", "Marsh", Role.TEAM_MANAGER, "Aldermoor Safeguarding 1", "",
            "Team manager of Aldermoor Safeguarding 1: sees the team's caseloads"),
    Persona("sw.eastwold", "Ellis", "Wray", Role.PRACTITIONER, "Eastwold Safeguarding 1",
            PractitionerKind.SOCIAL_WORKER, "Social worker in another district: refused Aldermoor's records"),
    Persona("fd.officer", "Farah", "Doyle", Role.FRONT_DOOR_OFFICER, "Front door (MASH)", "",
            "Front door officer: searches the whole county"),
    Persona("iro.reviews", "Ian", "Rook", Role.IRO, "Independent reviewing service", "",
            "Independent reviewing officer"),
    Persona("bs.aldermoor", "Bea", "Sutton", Role.BUSINESS_SUPPORT, "Aldermoor Business support", "",
            "Business support in Aldermoor: reads, cannot change"),
    Persona("analyst", "Ana", "Lyle", Role.PERFORMANCE_ANALYST, "Performance and intelligence", "",
            "Performance analyst: county figures"),
    Persona("admin", "Adi", "Mensah", Role.ADMINISTRATOR, "Systems administration", "",
            "Administrator: staff directory and audit log, no case records"),
)  # fmt: skip


@dataclass
class Summary:
    districts: int = 0
    teams: int = 0
    staff: int = 0
    people: int = 0
    allocations: int = 0
    restricted: int = 0
    personas: list[Persona] = field(default_factory=list)


class CountyExists(Exception):
    pass


def _scaled(n: int, scale: float) -> int:
    return max(1, round(n * scale))


@transaction.atomic
def synth_county(*, seed: int = 1, scale: float = 1.0, today: date | None = None) -> Summary:
    """Create the demo county's organisation, staff and the children allocated to them."""
    if scale <= 0 or scale > 10:
        raise ValueError("Scale must be more than 0 and no more than 10")
    if Authority.objects.filter(dfe_code=AUTHORITY_CODE).exists():
        raise CountyExists(f"{AUTHORITY_NAME} already exists in this database")
    rng = random.Random(seed)
    today = today or date.today()
    summary = Summary(personas=list(PERSONAS))
    authority = Authority.objects.create(
        name=AUTHORITY_NAME, short_name="Brackenshire", dfe_code=AUTHORITY_CODE
    )

    districts = {
        name: District(authority=authority, name=name, code=name.lower().replace(" ", "-"),
                       child_population=round(population * scale))
        for name, population in DISTRICTS
    }  # fmt: skip
    District.objects.bulk_create(districts.values())
    summary.districts = len(districts)

    team_specs: list[tuple[Team, int, str, str]] = []  # team, staff, role, practitioner kind
    for district in districts.values():
        for kind, label, count, staff, pkind in DISTRICT_TEAMS:
            for n in range(1, count + 1):
                name = f"{district.name} {label}" + (f" {n}" if count > 1 else "")
                role: str = Role.BUSINESS_SUPPORT if kind == TeamKind.BUSINESS_SUPPORT else Role.PRACTITIONER
                team = Team(authority=authority, name=name, kind=kind, district=district)
                team_specs.append((team, _scaled(staff, scale), role, pkind))
    for kind, label, staff, role, pkind in COUNTY_TEAMS:
        team = Team(
            authority=authority, name=label, kind=kind, district=districts[COUNTY_TOWN], county_wide=True
        )
        team_specs.append((team, _scaled(staff, scale), role, pkind))
    Team.objects.bulk_create([t for t, *_ in team_specs])
    teams = {t.name: t for t, *_ in team_specs}
    summary.teams = len(teams)

    # One hash for every demo account: Argon2 is slow by design, and these all share the demo password.
    password = make_password(DEMO_PASSWORD)
    users: list[User] = []
    members: list[tuple[User, Team]] = []  # the same users with their teams, typed for what follows
    used_usernames: set[str] = set()

    def add_user(first: str, last: str, role: str, team: Team, kind: str = "", username: str = "") -> User:
        if not username:
            base = f"{first}.{last}".lower().replace("'", "")
            username, n = base, 1
            while username in used_usernames:
                n += 1
                username = f"{base}{n}"
        used_usernames.add(username)
        title = JOB_TITLES.get(kind or role, "")  # type: ignore[call-overload]
        if role == Role.PRACTITIONER and team.kind == TeamKind.CARE_LEAVERS:
            title = "Personal adviser"
        user = User(
            authority=authority, team=team, role=role, practitioner_kind=kind, username=username,
            first_name=first, last_name=last, email=f"{username}@brackenshire.example", password=password,
            job_title=title, phone=f"01632 {rng.randint(100000, 999999)}",
        )  # fmt: skip
        users.append(user)
        members.append((user, team))
        return user

    for p in PERSONAS:
        add_user(p.first_name, p.last_name, p.role, teams[p.team], p.kind, username=p.username)
    personas_in = {p.team for p in PERSONAS if p.role == Role.TEAM_MANAGER}
    for team, staff, role, pkind in team_specs:
        existing = sum(1 for u, t in members if t is team and u.role == role)
        for _ in range(max(0, staff - existing)):
            add_user(*_staff_name(rng), role, team, pkind)
        if role == Role.PRACTITIONER and team.name not in personas_in:
            add_user(*_staff_name(rng), Role.TEAM_MANAGER, team)
    User.objects.bulk_create(users)
    summary.staff = len(users)

    _people_and_allocations(rng, authority, members, today, summary)
    audit_record(
        action=AuditAction.CREATE,
        summary=f"Created the demo county (seed {seed}, scale {scale})",
        authority_id=authority.pk,
        channel="cli",
        actor_label="hearth synth",
    )
    return summary


def _staff_name(rng: random.Random) -> tuple[str, str]:
    given = rng.choice(GIVEN_FEMALE if rng.random() < 0.8 else GIVEN_MALE)  # the workforce is mostly women
    return given, rng.choice(FAMILY)


def _people_and_allocations(
    rng: random.Random, authority: Authority, members: list[tuple[User, Team]], today: date, summary: Summary
) -> None:
    """Children on each practitioner's caseload, plus some known to Hearth with nobody allocated."""
    workers = [(u, t) for u, t in members if u.role == Role.PRACTITIONER and t.kind in CASEWORK_KINDS]
    people: list[Person] = []
    planned: list[tuple[Person, User, Team]] = []
    for worker, team in workers:
        for _ in range(max(1, round(rng.gauss(CASELOAD_MEAN, 4)))):
            person = _child(rng, authority, team.district, team.kind, today)
            people.append(person)
            planned.append((person, worker, team))
    for district in District.objects.filter(authority=authority):
        for _ in range(len(people) // 40):
            people.append(_child(rng, authority, district, TeamKind.SAFEGUARDING, today))
    Person.objects.bulk_create(people, batch_size=2000)

    allocations = [
        Allocation(
            authority=authority,
            person=person,
            worker=worker,
            team=team,
            role=_allocation_role(worker, team),
            started_on=today - timedelta(days=rng.randint(7, 700)),
        )
        for person, worker, team in planned
    ]
    Allocation.objects.bulk_create(allocations, batch_size=2000)
    grants = [
        PersonAccessGrant(authority=authority, person=person, user=worker, reason="Allocated worker")
        for person, worker, _ in planned
        if person.access_level != AccessLevel.OPEN
    ]
    PersonAccessGrant.objects.bulk_create(grants)
    _identifiers_addresses_and_index(rng, authority, people, today)
    summary.people = len(people)
    summary.allocations = len(allocations)
    summary.restricted = sum(1 for p in people if p.access_level != AccessLevel.OPEN)


def _identifiers_addresses_and_index(
    rng: random.Random, authority: Authority, people: list[Person], today: date
) -> None:
    """NHS numbers, LA child IDs, UPNs for school-age children, a current address, and the match index."""
    district_numbers = {
        d.pk: n for n, d in enumerate(District.objects.filter(authority=authority).order_by("name"))
    }
    identifiers, addresses, keys = [], [], []
    for person in people:
        ids = {"la_child_id": f"BRK{person.pk:07d}"}
        if rng.random() < 0.93:
            ids["nhs"] = details.nhs_number(rng)
        born = person.date_of_birth
        if born and 5 <= (today - born).days // 365 <= 16 and rng.random() < 0.9:
            ids["upn"] = details.unique_pupil_number(rng, born)
        identifiers += [
            Identifier(authority=authority, person=person, kind=k, value=v) for k, v in ids.items()
        ]
        code = details.postcode(rng, district_numbers.get(person.district_id, 0))
        addresses.append(
            Address(authority=authority, person=person, line_1=details.street_address(rng),
                    town=person.district.name if person.district else "Fernbridge", postcode=code,
                    started_on=today - timedelta(days=rng.randint(30, 3000)))
        )  # fmt: skip
        probe = Probe(person.given_name, person.family_name, born, person.sex, ids, (code,))
        keys += [MatchKey(authority=authority, person=person, key=k) for k in index_keys(probe)]
    Identifier.objects.bulk_create(identifiers, batch_size=2000)
    Address.objects.bulk_create(addresses, batch_size=2000)
    MatchKey.objects.bulk_create(keys, batch_size=5000)


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


def _child(rng: random.Random, authority: Authority, district: District, kind: str, today: date) -> Person:
    ages: dict[str, tuple[int, int]] = {TeamKind.CARE_LEAVERS: (18, 24), TeamKind.EARLY_HELP: (0, 16)}
    low, high = ages.get(kind, (0, 17))
    sex = Sex.FEMALE if rng.random() < 0.48 else Sex.MALE
    given = rng.choice(GIVEN_FEMALE if sex == Sex.FEMALE else GIVEN_MALE)
    born = today - timedelta(days=rng.randint(low * 365, high * 365 + 364))
    roll = rng.random()
    level = (
        AccessLevel.SEALED if roll < 0.003 else AccessLevel.RESTRICTED if roll < 0.013 else AccessLevel.OPEN
    )
    return Person(
        authority=authority,
        given_name=given,
        family_name=rng.choice(FAMILY),
        date_of_birth=born,
        sex=sex,
        district=district,
        access_level=level,
    )
