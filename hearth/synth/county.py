"""The demo county: Brackenshire, an invented English shire county of about 190,000 children.

Deterministic: the same seed and scale give the same county, row for row. Sizes come from the seeds:
eight districts (seed 000's Staffordshire model of district hubs), caseloads of about 18 (seed 003), and
later issues add children and families at the rates per 10,000 the papers give.

Brackenshire sits on Staffordshire's postcode geography (upper-tier council E10000028): its districts, in
name order, take the real postcodes of Cannock Chase, East Staffordshire, Lichfield, Newcastle-under-Lyme,
South Staffordshire, Stafford, Staffordshire Moorlands and Tamworth (hearth.synth.details), so the DfE
validators place every address and placement in a real council and measure real distances. The people,
streets and names are invented; only the postcodes are real.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.hashers import make_password
from django.db import transaction

from hearth.accounts.models import User
from hearth.accounts.roles import PractitionerKind, Role
from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record
from hearth.organisation.models import Authority, District, Team, TeamKind
from hearth.synth.care import make_care
from hearth.synth.complaints import make_complaints
from hearth.synth.contacts import make_contacts
from hearth.synth.disabilities import make_disabilities
from hearth.synth.families import make_families
from hearth.synth.names import FAMILY, GIVEN_FEMALE, GIVEN_MALE
from hearth.synth.notes import make_case_notes
from hearth.synth.plans import make_casework
from hearth.synth.protection import make_protection_plans
from hearth.synth.scrutiny import make_scrutiny
from hearth.synth.supporting import make_supporting_families

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
    (TeamKind.SAFEGUARDING, "Safeguarding", 0, 7, PractitionerKind.SOCIAL_WORKER),  # 0: by population, below
    (TeamKind.CHILDREN_IN_CARE, "Children in care", 1, 9, PractitionerKind.SOCIAL_WORKER),
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
    Role.HEAD_OF_SERVICE: "Head of service",
    Role.COMPLAINTS_OFFICER: "Complaints officer",
    Role.SCRUTINY_OFFICER: "Scrutiny officer",
}
# Council teams outside children's services, made after everything else from a random stream of their own
# (ADR 12), so that adding them changed nothing already in the county: (kind, name, staff, role).
COUNCIL_TEAMS = (
    (TeamKind.CUSTOMER_RELATIONS, "Customer relations", 3, Role.COMPLAINTS_OFFICER),
    (TeamKind.DEMOCRATIC_SERVICES, "Democratic services", 2, Role.SCRUTINY_OFFICER),
)


@dataclass(frozen=True)
class Persona:
    username: str
    first_name: str
    last_name: str
    role: str
    team: str  # team name
    kind: str = ""
    what: str = ""


# The named demo sign-ins. Tests use people in the same roles (the `county` fixture in conftest.py).
PERSONAS = (
    Persona("sw.aldermoor", "Sam", "Okoro", Role.PRACTITIONER, "Aldermoor Safeguarding 1",
            PractitionerKind.SOCIAL_WORKER, "Social worker in Aldermoor, with a caseload"),
    Persona("cic.aldermoor", "Cara", "Lowe", Role.PRACTITIONER, "Aldermoor Children in care",
            PractitionerKind.SOCIAL_WORKER, "Social worker for children in care in Aldermoor"),
    Persona("tm.aldermoor", "Tessa", "Marsh", Role.TEAM_MANAGER, "Aldermoor Safeguarding 1", "",
            "Team manager of Aldermoor Safeguarding 1: sees the team's caseloads"),
    Persona("sw.eastwold", "Ellis", "Wray", Role.PRACTITIONER, "Eastwold Safeguarding 1",
            PractitionerKind.SOCIAL_WORKER, "Social worker in another district: refused Aldermoor's records"),
    Persona("fd.officer", "Farah", "Doyle", Role.FRONT_DOOR_OFFICER, "Front door (MASH)", "",
            "Front door officer: records and decides contacts, searches the whole county"),
    Persona("tm.frontdoor", "Frankie", "Dale", Role.TEAM_MANAGER, "Front door (MASH)", "",
            "Front door team manager: signs off front door decisions"),
    Persona("iro.reviews", "Ian", "Rook", Role.IRO, "Independent reviewing service", "",
            "Independent reviewing officer"),
    Persona("bs.aldermoor", "Bea", "Sutton", Role.BUSINESS_SUPPORT, "Aldermoor Business support", "",
            "Business support in Aldermoor: reads, cannot change"),
    Persona("analyst", "Ana", "Lyle", Role.PERFORMANCE_ANALYST, "Performance and intelligence", "",
            "Performance analyst: county figures and the statutory returns"),
    Persona("hos", "Hana", "Shah", Role.HEAD_OF_SERVICE, "Performance and intelligence", "",
            "Head of service: every district's figures and records, read only"),
    Persona("admin", "Adi", "Mensah", Role.ADMINISTRATOR, "Systems administration", "",
            "Administrator: staff directory and audit log, no case records"),
)  # fmt: skip
COUNCIL_PERSONAS = (
    Persona("complaints", "Cleo", "Park", Role.COMPLAINTS_OFFICER, "Customer relations", "",
            "Complaints officer: records and answers complaints and compliments"),
    Persona("scrutiny", "Sol", "Reid", Role.SCRUTINY_OFFICER, "Democratic services", "",
            "Scrutiny officer: committees, the work programme and agenda packs; no case records"),
)  # fmt: skip
ALL_PERSONAS = PERSONAS + COUNCIL_PERSONAS


@dataclass
class Summary:
    districts: int = 0
    teams: int = 0
    staff: int = 0
    people: int = 0
    families: int = 0
    allocations: int = 0
    contacts: int = 0
    referrals: int = 0
    protection_plans: int = 0
    restricted: int = 0
    casework: dict[str, int] = field(default_factory=dict)  # plans, meetings, tools, conferences
    care: dict[str, int] = field(default_factory=dict)  # children looked after, missing, care leavers
    supporting: dict[str, int] = field(default_factory=dict)
    complaints: dict[str, int] = field(default_factory=dict)
    scrutiny: dict[str, int] = field(default_factory=dict)
    personas: list[Persona] = field(default_factory=list)

    @property
    def casework_line(self) -> str:
        c = self.casework
        plans = sum(n for key, n in c.items() if key.startswith(("cin_", "family_")))
        return (f"{self.protection_plans:,} child protection plans, {plans:,} child in need and family plans, "
                f"{c.get('meetings', 0):,} meetings, {c.get('actions', 0):,} actions, "
                f"{c.get('fgc', 0):,} family group conferences")  # fmt: skip

    @property
    def care_line(self) -> str:
        c = self.care
        return (f"{c.get('looked_after', 0):,} children looked after (£{c.get('yearly_cost', 0) / 1e6:.1f}m a year), "
                f"{c.get('missing', 0):,} missing episodes, {c.get('care_leavers', 0):,} care leavers, "
                f"{c.get('hosted', 0):,} children hosted for other councils")  # fmt: skip

    @property
    def council_line(self) -> str:
        f, c, s = self.supporting, self.complaints, self.scrutiny
        return (f"{f.get('families', 0):,} Supporting Families families ({f.get('successful', 0):,} successful), "
                f"{c.get('complaints', 0):,} complaints and {c.get('compliments', 0):,} compliments, "
                f"{s.get('committees', 0)} committees with {s.get('meetings', 0)} meetings")  # fmt: skip


class CountyExists(Exception):
    pass


def safeguarding_teams(children: float) -> int:
    """One safeguarding team of 7 per 7,000 children, at least 3. With caseloads of 18 this gives about
    270 children in need per 10,000 (seed 000, paragraph 4), the rate the demo county is calibrated to."""
    return max(3, round(children / 7000))


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
    summary = Summary(personas=list(ALL_PERSONAS))
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
        for kind, label, fixed, staff, pkind in DISTRICT_TEAMS:
            count = fixed or safeguarding_teams(district.child_population / scale)
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
        if kind == TeamKind.FRONT_DOOR:  # the front door's manager signs off its decisions
            team_specs.append((team, 0, Role.TEAM_MANAGER, ""))
    Team.objects.bulk_create(list({id(t): t for t, *_ in team_specs}.values()))  # a team may appear twice
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

    made = make_families(rng, authority, members, today)
    summary.people, summary.families = made.people, made.families
    summary.allocations, summary.restricted = made.allocations, made.restricted
    children = sum(d.child_population for d in districts.values())
    year = make_contacts(rng, authority, made.families_made, users, children, today)
    summary.contacts, summary.referrals = year["contacts"], year["referrals"]
    make_case_notes(rng, authority, made.families_made, today)
    summary.protection_plans = make_protection_plans(rng, authority, made.families_made, children, today)
    summary.casework = make_casework(rng, authority, made.families_made, members, children, today)
    summary.care = make_care(rng, authority, made.families_made, members, today)
    make_disabilities(seed, authority)
    summary.staff += _council_staff(seed, authority, districts[COUNTY_TOWN], password)
    summary.complaints = make_complaints(seed=seed, authority=authority, today=today, scale=scale)
    summary.supporting = make_supporting_families(seed=seed, authority=authority, today=today, scale=scale)
    summary.scrutiny = make_scrutiny(seed=seed, authority=authority, today=today, scale=scale)
    audit_record(
        action=AuditAction.CREATE,
        summary=f"Created the demo county (seed {seed}, scale {scale})",
        authority_id=authority.pk,
        channel="cli",
        actor_label="hearth synth",
    )
    return summary


def _council_staff(seed: int, authority: Authority, town: District, password: str) -> int:
    """The council's customer relations and democratic services teams, with their sign-ins."""
    rng = random.Random(f"{seed}-council")
    taken = set(User.objects.values_list("username", flat=True))
    users: list[User] = []
    for kind, name, staff, role in COUNCIL_TEAMS:
        team = Team.objects.create(authority=authority, name=name, kind=kind, district=town, county_wide=True)
        people = [(p.first_name, p.last_name, p.username) for p in COUNCIL_PERSONAS if p.team == name]
        people += [(*_staff_name(rng), "") for _ in range(staff - len(people))]
        for first, last, username in people:
            base = username or f"{first}.{last}".lower().replace("'", "")
            username, n = base, 1
            while username in taken:
                n += 1
                username = f"{base}{n}"
            taken.add(username)
            users.append(User(authority=authority, team=team, role=role, username=username, first_name=first,
                              last_name=last, email=f"{username}@brackenshire.example", password=password,
                              job_title=JOB_TITLES[role], phone=f"01632 {rng.randint(100000, 999999)}"))  # fmt: skip
    User.objects.bulk_create(users)
    return len(users)


def _staff_name(rng: random.Random) -> tuple[str, str]:
    given = rng.choice(GIVEN_FEMALE if rng.random() < 0.8 else GIVEN_MALE)  # the workforce is mostly women
    return given, rng.choice(FAMILY)
