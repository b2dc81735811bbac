"""`hearth ssd import DIR`: a council's SSD extract loaded into Hearth (ADR 18).

The extract is read and checked whole first (`check.py`); if anything is wrong nothing is written and every
problem is reported by file, row and column. With `valid_only`, the people with problems are left out, with
everything of theirs, and the rest is imported complete. Then, in one transaction:

- teams and districts (`ssd_department`) and workers (`ssd_professionals`) are matched by name or staff ID,
  or added (workers as accounts that cannot sign in until an administrator sets them up);
- each person goes through `person_match_or_create`, the same checks and duplicate detection as the form,
  the partner API and the people import: a clear match links to the person already on Hearth; the person's
  old ID becomes their local authority child ID, which the returns use;
- their history is written as it happened, by the history loaders in `load_records.py`, which apply the same
  code lists and SSDA903 episode rules as the live services (checked already) without starting today's
  workflow (no reviews or visits falling due, no tasks).

Every row imported is remembered (`SsdKey`), so running the same import again adds nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from hearth.accounts.models import User
from hearth.accounts.roles import PractitionerKind, Role
from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record, audit_record_each
from hearth.organisation.models import District, Team, TeamKind
from hearth.people.models import IdentifierKind, Person
from hearth.people.services import (
    AddressInput,
    PersonInput,
    Placed,
    person_create,
    person_match_or_create,
    validate_person_input,
)
from hearth.returns.models import SsdKey
from hearth.returns.ssd.check import Checked, check_extract
from hearth.returns.ssd.read import Problem, read_extract


class SsdImportRefused(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


@dataclass
class SsdImportResult:
    people_added: int = 0
    people_linked: int = 0
    people_already_imported: int = 0
    people_left_out: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    records: Counter[str] = field(default_factory=Counter)
    possible_duplicates: list[tuple[str, list[int]]] = field(default_factory=list)


class Keys:
    """The SSD rows already imported for this council, and the ones this import adds."""

    def __init__(self, authority_id: int) -> None:
        self.authority_id = authority_id
        self.held: dict[tuple[str, str], int] = {
            (t, s): o for t, s, o in SsdKey.objects.filter(authority_id=authority_id).values_list(
                "table", "source_id", "object_id")
        }  # fmt: skip
        self.new: list[SsdKey] = []

    def get(self, table: str, source_id: str) -> int | None:
        return self.held.get((table, source_id))

    def add(self, table: str, source_id: str, object_id: int) -> None:
        self.held[(table, source_id)] = object_id
        self.new.append(
            SsdKey(authority_id=self.authority_id, table=table, source_id=source_id, object_id=object_id)
        )

    def save(self) -> None:
        SsdKey.objects.bulk_create(self.new, batch_size=2000)
        self.new = []


def ssd_import(*, by: Any, folder: Path, valid_only: bool = False) -> SsdImportResult:
    tables, problems = read_extract(folder)
    checked = check_extract(tables, problems)
    result = SsdImportResult(problems=sorted(set(checked.problems)))
    if result.problems and not valid_only:
        raise SsdImportRefused(result.problems)
    organisation_problems = [
        p for p in result.problems if p.file in {"ssd_department.csv", "ssd_professionals.csv"}
    ]
    if organisation_problems:  # the teams and workers everyone else refers to must be whole
        raise SsdImportRefused(organisation_problems)
    left_out = _leave_out(checked) if valid_only else set()
    result.people_left_out = sorted(left_out)
    with transaction.atomic():
        keys = Keys(by.authority_id)
        teams, workers = _organisation(by, checked, keys)
        people = _people(by, checked, keys, left_out, teams, result)
        from hearth.returns.ssd.load_records import load_records

        load_records(by=by, checked=checked, people=people, keys=keys, teams=teams, workers=workers,
                     counts=result.records)  # fmt: skip
        keys.save()
        loaded = [people[pid] for pid in people if pid not in left_out]
        audit_record_each(people=loaded, action=AuditAction.CREATE, actor=by,
                          summary="Records loaded from a Standard Safeguarding Dataset extract",
                          changes={"folder": folder.name})  # fmt: skip
        audit_record(action=AuditAction.CREATE, actor=by, summary=f"Imported an SSD extract from {folder.name}",
                     changes={"people": len(loaded), "records": dict(result.records),
                              "left_out": len(left_out)})  # fmt: skip
    return result


def importer_for(council: Any, username: str = "") -> User:
    """Who an import from the console is recorded as: the named user, or the council's import account (which
    cannot sign in)."""
    if username:
        try:
            return User.objects.get(username=username, authority=council)
        except User.DoesNotExist as error:
            raise SsdImportRefused(
                [Problem("", 0, "", f"No user {username} works for {council.name}")]
            ) from error
    user, _ = User.objects.get_or_create(
        username=f"ssd-import-{council.dfe_code}",
        defaults={"authority": council, "first_name": "SSD", "last_name": "import", "is_active": False,
                  "role": Role.ADMINISTRATOR, "password": make_password(None)},
    )  # fmt: skip
    return user


def _leave_out(checked: Checked) -> set[str]:
    """The people with problems, and anyone tied to them as mother and child, so what is imported is whole."""
    out = set(checked.bad_people)
    for pid, kinds in checked.records.items():
        for link in kinds.get("mother_of", []):
            if pid in out or link["child"] in out:
                out.update({pid, link["child"]})
    return out


def _team_kind(name: str) -> str:
    lowered = name.lower()
    for words, kind in ((("front door", "mash"), TeamKind.FRONT_DOOR), (("early help",), TeamKind.EARLY_HELP),
                        (("leaving care", "care leaver"), TeamKind.CARE_LEAVERS),
                        (("children in care", "looked after"), TeamKind.CHILDREN_IN_CARE),
                        (("disab",), TeamKind.DISABLED_CHILDREN), (("fostering", "adoption"), TeamKind.FOSTERING_ADOPTION),
                        (("reviewing", "iro"), TeamKind.REVIEWING), (("performance",), TeamKind.PERFORMANCE),
                        (("business support",), TeamKind.BUSINESS_SUPPORT), (("systems",), TeamKind.SYSTEMS)):  # fmt: skip
        if any(w in lowered for w in words):
            return kind
    return TeamKind.SAFEGUARDING


def _organisation(by: Any, checked: Checked, keys: Keys) -> tuple[dict[str, Team], dict[str, User]]:
    authority_id = by.authority_id
    districts: dict[str, District] = {}
    held_districts = {d.name: d for d in District.objects.filter(authority_id=authority_id)}
    for key, dept in checked.departments.items():
        if dept["parent"]:
            continue
        district = held_districts.get(dept["name"])
        if district is None:
            district = District.objects.create(authority_id=authority_id, name=dept["name"],
                                               code=slugify(dept["name"])[:40] or f"district-{key}")  # fmt: skip
            held_districts[district.name] = district
        districts[key] = district
    teams: dict[str, Team] = {}
    held_teams = {(t.district_id, t.name): t for t in Team.objects.filter(authority_id=authority_id)}
    for key, dept in checked.departments.items():
        if not dept["parent"]:
            continue
        parent = districts.get(dept["parent"])
        if parent is None:  # a team under a team: it sits in the top team's district
            parent = districts[checked.departments[dept["parent"]]["parent"]]
        team = held_teams.get((parent.pk, dept["name"]))
        if team is None:
            team = Team.objects.create(authority_id=authority_id, name=dept["name"], kind=_team_kind(dept["name"]),
                                       district=parent)  # fmt: skip
            held_teams[(parent.pk, team.name)] = team
        teams[key] = team
    workers: dict[str, User] = {}
    held_users = {u.username: u for u in User.objects.filter(authority_id=authority_id)}
    for key, prof in checked.professionals.items():
        # Usernames are unique across Hearth: one another council uses gets this council's code in front.
        names = [prof["staff_id"], f"{by.authority.dfe_code}-{prof['staff_id']}"]
        user = next((held_users[name] for name in names if name in held_users), None)
        if user is None:
            taken = set(User.objects.filter(username__in=names).values_list("username", flat=True))
            username = next((name for name in names if name not in taken), None)
            if username is None:
                raise SsdImportRefused([Problem("ssd_professionals.csv", prof["n"], "prof_staff_id",
                                                f"The username {names[0]} is already taken")])  # fmt: skip
            given, _, family = prof["name"].rpartition(" ")
            user = User.objects.create(
                username=username, authority_id=authority_id, team=teams.get(prof["team"]),
                first_name=given or family, last_name=family if given else "", is_active=False,
                password=make_password(None), role=Role.PRACTITIONER, job_title=prof["job_title"][:120],
                practitioner_kind=PractitionerKind.SOCIAL_WORKER if prof["registration"] else "",
                registration_number=prof["registration"][:20],
            )  # fmt: skip
            held_users[user.username] = user
        workers[key] = user
    return teams, workers


def _people(by: Any, checked: Checked, keys: Keys, left_out: set[str], teams: dict[str, Team],
            result: SsdImportResult) -> dict[str, Person]:  # fmt: skip
    people: dict[str, Person] = {}
    added: set[int] = set()
    imported = Person.objects.filter(authority_id=by.authority_id).in_bulk(
        [object_id for (table, _), object_id in keys.held.items() if table == "ssd_person"]
    )  # fmt: skip
    for pid, p in checked.people.items():
        if pid in left_out:
            continue
        held = imported.get(keys.get("ssd_person", pid) or 0)
        if held is not None:
            people[pid] = held
            result.people_already_imported += 1
            continue
        allocations = sorted(
            checked.records.get(pid, {}).get("allocations", []), key=lambda a: a["started_on"]
        )
        district = teams[allocations[-1]["team"]].district_id if allocations else None
        address = p["address"]
        data = PersonInput(
            given_name=p["given_name"], family_name=p["family_name"], date_of_birth=p["date_of_birth"],
            expected_date_of_birth=p["expected_date_of_birth"], date_of_death=p["date_of_death"], sex=p["sex"],
            ethnicity=p["ethnicity"], disabilities=p["disabilities"], district_id=district,
            identifiers={k: v for k, v in (("upn", p["upn"]), ("nhs", p["nhs"]), ("la_child_id", pid)) if v},
            address=AddressInput(line_1=address["line_1"], line_2=address["line_2"],
                                 town=address["town"], postcode=address["postcode"],
                                 started_on=address["started_on"]) if address else None,
        )  # fmt: skip
        try:
            errors = validate_person_input(data)  # normalises the numbers, as person_match_or_create expects
            if errors:
                raise ValidationError(errors)
            placed = person_match_or_create(by=by, data=data)
            if not placed.created and placed.person.pk in added:
                # The extract holds them as two people (twins, often): both are added, and the pair is
                # offered for review on the duplicates page, rather than one taking the other's records.
                twin = placed.person.pk
                placed = Placed(
                    person_create(by=by, data=data, candidates_seen=[twin]), created=True, possible=[twin]
                )
        except ValidationError as error:
            raise SsdImportRefused(
                [Problem("ssd_person.csv", p["n"], "", f"Person “{pid}”: {m}") for m in error.messages]
            ) from error
        people[pid] = placed.person
        if placed.created:
            added.add(placed.person.pk)
            result.people_added += 1
        else:
            result.people_linked += 1
            _keep_child_id(by, placed.person, pid)
        if placed.possible:
            result.possible_duplicates.append((pid, placed.possible))
        keys.add("ssd_person", pid, placed.person.pk)
    return people


def _keep_child_id(by: Any, person: Person, pid: str) -> None:
    """A linked person keeps their own child ID if they have one; otherwise they take the old system's."""
    from hearth.people.models import Identifier

    if not Identifier.objects.filter(person=person, kind=IdentifierKind.LA_CHILD_ID).exists():
        Identifier.objects.create(
            authority_id=by.authority_id, person=person, kind=IdentifierKind.LA_CHILD_ID, value=pid
        )
