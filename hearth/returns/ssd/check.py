"""Checking an SSD extract before anything is written: every value, every code, every key between tables,
and each child's periods of care against the SSDA903 rules the care services use (`care.rules`).

The result holds the rows parsed into plain values, grouped by person, with each problem found and the people
it concerns, so that the import can refuse the whole extract or, if the user chooses, leave out exactly the
people with problems (and everything of theirs) and import the rest.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hearth.care.models import HealthKind
from hearth.care.rules import Row, check_period
from hearth.people import codes as people_codes
from hearth.returns.ssd.export_people import HOME_WHEN_CARE_BEGAN, UASC
from hearth.returns.ssd.read import Problem, Table

# The export's names for health checks (HealthKind's labels; SDQs have a table of their own), and one alias.
HEALTH_KINDS = {label: kind for kind, label in HealthKind.choices if kind != HealthKind.SDQ} | {
    "Health assessment": HealthKind.REVIEW.value
}
SEX = {"M": "M", "F": "F", "U": "U", "MALE": "M", "FEMALE": "F", "I": "U", "UNKNOWN": "U"}


@dataclass
class Checked:
    departments: dict[str, dict[str, Any]] = field(default_factory=dict)
    professionals: dict[str, dict[str, Any]] = field(default_factory=dict)
    people: dict[str, dict[str, Any]] = field(default_factory=dict)  # in the extract's order
    records: dict[str, dict[str, list[dict[str, Any]]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )  # person ID -> kind -> rows
    problems: list[Problem] = field(default_factory=list)
    bad_people: set[str] = field(default_factory=set)


class _Rows:
    """Parse one table's rows, noting the person of every row that has a problem."""

    def __init__(self, table: Table, checked: Checked, person_column: str = "") -> None:
        self.table, self.checked, self.person_column = table, checked, person_column
        self.ids: set[str] = set()  # the row IDs seen by `unique`

    def __iter__(self) -> Any:
        for n, row in self.table.numbered():
            before = len(self.checked.problems)
            pid = self.table.text(row, self.person_column) if self.person_column else ""
            if self.person_column:
                if not pid:
                    self.table.problem(n, self.person_column, "Enter the person’s ID")
                elif pid not in self.checked.people:
                    self.table.problem(
                        n, self.person_column, f"No person with ID “{pid}” is in ssd_person.csv"
                    )
            yield n, row, pid
            if len(self.checked.problems) > before and pid:
                self.checked.bad_people.add(pid)

    def unique(self, n: int, row: dict[str, str], column: str) -> str:
        """The row's own ID, which must be given and not used by an earlier row of the table."""
        key = self.table.required(n, row, column, "the row’s ID")
        if key in self.ids:
            self.table.problem(n, column, f"ID “{key}” is used twice")
        self.ids.add(key)
        return key

    def add(self, pid: str, kind: str, record: dict[str, Any]) -> None:
        if pid in self.checked.people:
            self.checked.records[pid][kind].append(record)


def check_extract(tables: dict[str, Table], problems: list[Problem]) -> Checked:
    checked = Checked(problems=problems)
    _organisation(tables, checked)
    _people(tables["ssd_person"], tables, checked)
    from hearth.returns.ssd.check_care import care_rows
    from hearth.returns.ssd.check_records import casework_records

    casework_records(tables, checked)
    care_rows(tables, checked)
    _periods(checked)
    return checked


def _organisation(tables: dict[str, Table], checked: Checked) -> None:
    t = tables["ssd_department"]
    rows = t.numbered()
    ids = {t.text(r, "dept_team_id") for _, r in rows}
    for n, row in rows:
        key = t.required(n, row, "dept_team_id", "the team’s ID")
        parent = t.text(row, "dept_team_parent_id")
        if key in checked.departments:
            t.problem(n, "dept_team_id", f"Team ID “{key}” is used twice")
        if parent and parent not in ids:
            t.problem(n, "dept_team_parent_id", f"No team with ID “{parent}” is in ssd_department.csv")
        checked.departments[key] = {"n": n, "name": t.required(n, row, "dept_team_name", "the team’s name"),
                                    "parent": parent}  # fmt: skip
    t = tables["ssd_professionals"]
    for n, row in t.numbered():
        key = t.required(n, row, "prof_professional_id", "the worker’s ID")
        team = t.text(row, "prof_professional_department")
        if team and team not in checked.departments:
            t.problem(n, "prof_professional_department", f"No team with ID “{team}” is in ssd_department.csv")
        if key in checked.professionals:
            t.problem(n, "prof_professional_id", f"Worker ID “{key}” is used twice")
        checked.professionals[key] = {
            "n": n, "name": t.required(n, row, "prof_professional_name", "the worker’s name"), "team": team,
            "staff_id": t.text(row, "prof_staff_id") or f"ssd-{key}",
            "registration": t.text(row, "prof_social_worker_registration_no"),
            "job_title": t.text(row, "prof_professional_job_title"),
        }  # fmt: skip


def _people(t: Table, tables: dict[str, Table], checked: Checked) -> None:
    numbers: dict[tuple[str, str], str] = {}
    for n, row in t.numbered():
        before = len(checked.problems)
        pid = t.required(n, row, "pers_person_id", "the person’s ID")
        if pid in checked.people:
            t.problem(n, "pers_person_id", f"Person ID “{pid}” is used twice")
            checked.bad_people.add(pid)
            continue
        sex = SEX.get(t.text(row, "pers_sex").upper() or t.text(row, "pers_gender").upper() or "U")
        if sex is None:
            t.problem(n, "pers_sex", f"“{t.text(row, 'pers_sex')}” is not a code for sex: use M, F or U")
        born = t.day(n, row, "pers_dob")
        expected = t.day(n, row, "pers_expected_dob")
        if born is None and expected is None and not t.text(row, "pers_dob"):
            t.problem(
                n, "pers_dob", "Enter the date of birth, or the expected date of birth in pers_expected_dob"
            )
        person = {
            "n": n, "given_name": t.required(n, row, "pers_forename", "the first name"),
            "family_name": t.required(n, row, "pers_surname", "the last name"), "sex": sex or "U",
            "date_of_birth": born, "expected_date_of_birth": expected,
            "date_of_death": t.day(n, row, "pers_death_date"),
            "ethnicity": t.code(n, row, "pers_ethnicity", people_codes.ETHNICITY, "ethnicity", required=False) or "NOBT",
            "upn": t.text(row, "pers_upn"), "nhs": t.text(row, "pers_single_unique_id"), "disabilities": [],
            "address": None, "home_postcodes": {}, "uasc": [],
        }  # fmt: skip
        for kind in ("upn", "nhs"):
            if person[kind]:
                column = "pers_upn" if kind == "upn" else "pers_single_unique_id"
                other = numbers.setdefault((kind, str(person[kind])), pid)
                if other != pid:
                    t.problem(n, column, f"Person “{other}” has the same number: the same child may be in the "
                                         "extract twice. Merge them in the old system or remove one")  # fmt: skip
                    checked.bad_people.update({pid, other})
        _validate(t, n, pid, person)
        checked.people[pid] = person
        if len(checked.problems) > before:
            checked.bad_people.add(pid)
    _person_details(tables, checked)


_PERSON_COLUMN = {"given_name": "pers_forename", "family_name": "pers_surname", "date_of_birth": "pers_dob",
                  "expected_date_of_birth": "pers_expected_dob", "date_of_death": "pers_death_date",
                  "upn": "pers_upn", "nhs": "pers_single_unique_id", "la_child_id": "pers_person_id"}  # fmt: skip


def _validate(t: Table, n: int, pid: str, person: dict[str, Any]) -> None:
    """The checks the person form makes, and the same numbers' formats (the UPN's check letter, the NHS
    number's check digit); the person's ID becomes their local authority child ID, so it must fit one."""
    from hearth.people.services import PersonInput, validate_person_input

    identifiers = {
        k: v for k, v in (("upn", person["upn"]), ("nhs", person["nhs"]), ("la_child_id", pid)) if v
    }
    data = PersonInput(given_name=person["given_name"] or "x", family_name=person["family_name"] or "x",
                       date_of_birth=person["date_of_birth"], expected_date_of_birth=person["expected_date_of_birth"],
                       date_of_death=person["date_of_death"], sex=person["sex"], ethnicity=person["ethnicity"],
                       identifiers=identifiers)  # fmt: skip
    for name, messages in validate_person_input(data).items():
        for message in messages:
            t.problem(n, _PERSON_COLUMN.get(name, name), message)


def _person_details(tables: dict[str, Table], checked: Checked) -> None:
    t = tables["ssd_disability"]
    rows = _Rows(t, checked, "disa_person_id")
    for n, row, pid in rows:
        code = t.code(n, row, "disa_disability_code", people_codes.DISABILITY, "disability")
        if code and pid in checked.people:
            held = checked.people[pid]["disabilities"]
            if held and "NONE" in {code, *held}:
                t.problem(
                    n,
                    "disa_disability_code",
                    "A child with NONE (no disability) cannot have other disability codes",
                )
            held.append(code)
    t = tables["ssd_address"]
    for n, row, pid in _Rows(t, checked, "addr_person_id"):
        start = t.day(n, row, "addr_address_start_date")
        end = t.day(n, row, "addr_address_end_date")
        postcode = t.text(row, "addr_address_postcode")
        if pid not in checked.people:
            continue
        if t.text(row, "addr_address_type") == HOME_WHEN_CARE_BEGAN:
            checked.people[pid]["home_postcodes"][start] = postcode
            continue
        parts = t.json(n, row, "addr_address_json")
        if end is None and postcode:
            checked.people[pid]["address"] = {"line_1": str(parts.get("line_1", "")), "line_2": str(parts.get("line_2", "")),
                                             "town": str(parts.get("town", "")), "postcode": postcode, "started_on": start}  # fmt: skip
    t = tables["ssd_immigration_status"]
    for n, row, pid in _Rows(t, checked, "immi_person_id"):
        start = t.day(n, row, "immi_immigration_status_start_date", required="the date the status began")
        status = t.text(row, "immi_immigration_status").upper()
        if status in {UASC, "UNACCOMPANIED ASYLUM SEEKING CHILD", "U"} and pid in checked.people and start:
            checked.people[pid]["uasc"].append(start)
    t = tables["ssd_mother"]
    for n, row, pid in _Rows(t, checked, "moth_person_id"):
        child = t.required(n, row, "moth_childs_person_id", "the child’s ID")
        if child and child not in checked.people:
            t.problem(n, "moth_childs_person_id", f"No person with ID “{child}” is in ssd_person.csv")
        elif child:
            checked.records[pid]["mother_of"].append({"n": n, "child": child})


def _periods(checked: Checked) -> None:
    """Each child's periods of care, checked against the SSDA903 rules the care services apply; and their
    reviews, health checks and adoption plans, which belong to a period of care begun by then."""
    for pid, kinds in checked.records.items():
        person = checked.people.get(pid)
        if person is None:
            continue
        began = min((e["started_on"] for e in kinds.get("episodes", []) if e["started_on"]), default=None)
        for kind, file, column, day_field in _IN_CARE:
            for row in kinds.get(kind, []):
                day = row.get(day_field) or row.get("due_on")
                if day and (began is None or day < began):
                    checked.problems.append(Problem(file, row["n"], column, "This child was not looked after by "
                                                    "then: no period of care in ssd_cla_episodes.csv began on or before this date"))  # fmt: skip
                    checked.bad_people.add(pid)
        by_period: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for episode in kinds.get("episodes", []):
            by_period[episode["period"]].append(episode)
        for period, episodes in by_period.items():
            episodes.sort(key=lambda e: e["started_on"] or date.min)
            if any(e["started_on"] is None or not e["placement"] for e in episodes):
                continue  # already reported
            rows, carer = [], 0
            for e in episodes:
                # The SSD does not name a placement's carer: the reason for each new episode says whether
                # the carer changed (S, P and B: a new one), and the rules check everything else against it.
                carer += e["reason_new"] in {"S", "P", "B"}
                placement = e["placement"]
                rows.append(Row(started_on=e["started_on"], ended_on=e["ended_on"], reason_new=e["reason_new"],
                                legal_status=e["legal_status"], placement_type=placement["placement_type"],
                                carer=f"carer {carer}", reason_ceased=e["reason_ceased"],
                                change_reason=placement["change_reason"] if placement["ended_on"] == e["ended_on"] else ""))  # fmt: skip
            for column, message in check_period(rows, person["date_of_birth"]):
                first = episodes[0]
                checked.problems.append(Problem("ssd_cla_episodes.csv", first["n"], _COLUMN.get(column, column),
                                                f"Period of care {period}: {message}"))  # fmt: skip
                checked.bad_people.add(pid)


_IN_CARE = (
    ("care_reviews", "ssd_cla_reviews.csv", "clar_cla_review_date", "held_on"),
    ("health", "ssd_cla_health.csv", "clah_health_check_date", "done_on"),
    ("adoptions", "ssd_permanence.csv", "perm_adm_decision_date", "should_be_placed_on"),
)
_COLUMN = {"started_on": "clae_cla_episode_start_date", "ended_on": "clae_cla_episode_ceased_date",
           "reason_new": "clae_cla_episode_start_reason", "legal_status": "lega_legal_status",
           "placement_type": "clap_cla_placement_type", "reason_ceased": "clae_cla_episode_ceased_reason",
           "change_reason": "clap_cla_placement_change_reason", "on": "clae_cla_episode_start_date",
           "reason": "clae_cla_episode_ceased_reason"}  # fmt: skip
