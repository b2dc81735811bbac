"""Hearth's own check of the children in need census before it is sent.

Most checks read the census XML the return produces (`cin.cin_census`), as the DfE's validator would. Where
the return fills a gap on its own (no disability recorded becomes NONE, no primary need N1, no reason for
closure RC7), the check reads the records behind it, so that the gap is put right instead of sent.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta

from django.db.models import Q

from hearth.casework.models import Assessment, Involvement, InvolvementKind
from hearth.casework.timescales import ASSESSMENT_WORKING_DAYS
from hearth.core.calendar import is_working_day
from hearth.core.jinja import govuk_date
from hearth.people import codes
from hearth.people.models import Person
from hearth.returns.problems import CIN, Problem, Rule, person_id_of
from hearth.returns.years import CollectionYear

NO_BIRTH_DATE = Rule("8525Q", CIN, "No date of birth and no expected date of birth", "Date of birth")
ETHNICITY = Rule("4220", CIN, "No valid ethnicity", "Ethnicity")
ETHNICITY_NOT_OBTAINED = Rule("H-NOBT", CIN, "Ethnicity not yet obtained for a child in need", "Ethnicity")
DISABILITY = Rule("8540", CIN, "Disability not recorded", "Disability")
REFERRAL_SOURCE = Rule("8866", CIN, "Referral has no source", "Referral source")
PRIMARY_NEED = Rule("8610", CIN, "Assessment completed with no primary need", "Primary need")
CLOSURE_REASON = Rule("8640", CIN, "Episode closed with no reason for closure", "Reason for closing")
ASSESSMENT_LATE = Rule("8670Q", CIN, "Assessment started more than 45 working days ago and not authorised",
                       "Assessment")  # fmt: skip
ASSESSMENTS_OVERLAP = Rule("8863Q", CIN, "Assessment starts while another is still open", "Assessment")
CHILD_NOT_SEEN = Rule(
    "H-SEEN", CIN, "Assessment completed without the child being seen", "Date the child was seen"
)
NO_CATEGORY = Rule("8905", CIN, "Child protection plan has no category of abuse", "Category of abuse")
SECTION_47_OPEN = Rule("H-S47", CIN, "Section 47 enquiry has no outcome: the initial conference is not recorded",
                       "Initial child protection conference")  # fmt: skip

RULES: tuple[Rule, ...] = (
    NO_BIRTH_DATE, ETHNICITY, ETHNICITY_NOT_OBTAINED, DISABILITY, REFERRAL_SOURCE, PRIMARY_NEED, CLOSURE_REASON,
    ASSESSMENT_LATE, ASSESSMENTS_OVERLAP, CHILD_NOT_SEEN, NO_CATEGORY, SECTION_47_OPEN,
)  # fmt: skip
ETHNIC_CODES = set(dict(codes.ETHNICITY))


def working_days_back(end: date, days: int) -> date:
    """The earliest day from which no more than `days` working days have passed by `end`."""
    day, counted = end, 0
    while True:
        if is_working_day(day):
            if counted == days:
                return day
            counted += 1
        day -= timedelta(days=1)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def cin_problems(
    *, authority_id: int, year: CollectionYear, message: ET.Element, ids: dict[str, int], census_day: date
) -> list[Problem]:
    """`message`: the census for `year`; `ids`: Hearth IDs by child ID; `census_day`: 31 March, or today
    while the year is still running (for what is late)."""
    children: dict[int, ET.Element] = {}
    for child in message.iterfind("Children/Child"):
        person_id = person_id_of(ids, child.findtext("ChildIdentifiers/LAchildID"))
        if person_id is not None:
            children[person_id] = child
    records = _records(authority_id, year)
    late_from = working_days_back(census_day, ASSESSMENT_WORKING_DAYS)
    problems = []
    for person_id, child in children.items():
        problems += _child(person_id, child, records, late_from, census_day)
    problems += [
        CLOSURE_REASON.problem(person_id, f"Closed on {govuk_date(ended)}")
        for person_id, ended in records.closed_without_reason if person_id in children
    ]  # fmt: skip
    problems += [
        DISABILITY.problem(person_id) for person_id in records.no_disability if person_id in children
    ]
    return problems


class _Records:
    """What the census XML cannot show, read from the records in a fixed number of queries."""

    def __init__(self) -> None:
        self.assessments: dict[tuple[int, date], tuple[str, date | None]] = {}  # primary need, child seen
        self.closed_without_reason: list[tuple[int, date | None]] = []
        self.no_disability: set[int] = set()


def _records(authority_id: int, year: CollectionYear) -> _Records:
    found = _Records()
    episodes = Involvement.objects.filter(
        authority_id=authority_id, kind=InvolvementKind.SOCIAL_CARE, started_on__lte=year.end
    ).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=year.start))
    for person_id, started, need, seen in (
        Assessment.objects.filter(authority_id=authority_id, started_on__lte=year.end)
        .filter(Q(completed_on__isnull=True) | Q(completed_on__gte=year.start))
        .values_list("person_id", "started_on", "primary_need", "child_seen_on")
    ):
        found.assessments[(person_id, started)] = (need, seen)
    found.closed_without_reason = list(
        episodes.filter(ended_on__lte=year.end, closure_reason="").values_list("person_id", "ended_on")
    )
    for person_id, disabilities in Person.objects.filter(pk__in=episodes.values("person_id")).values_list(
        "pk", "disabilities"
    ):
        if not disabilities:
            found.no_disability.add(person_id)
    return found


def _child(
    person_id: int, child: ET.Element, records: _Records, late_from: date, census_day: date
) -> list[Problem]:
    problems = []
    if not child.findtext("ChildIdentifiers/PersonBirthDate") and not child.findtext(
        "ChildIdentifiers/ExpectedPersonBirthDate"
    ):
        problems.append(NO_BIRTH_DATE.problem(person_id))
    ethnicity = child.findtext("ChildCharacteristics/Ethnicity") or ""
    if ethnicity == "NOBT":
        problems.append(ETHNICITY_NOT_OBTAINED.problem(person_id))
    elif ethnicity not in ETHNIC_CODES:
        problems.append(ETHNICITY.problem(person_id))
    for episode in child.iterfind("CINdetails"):
        referred = govuk_date(_day(episode.findtext("CINreferralDate")))
        if not episode.findtext("ReferralSource"):
            problems.append(REFERRAL_SOURCE.problem(person_id, f"Referral on {referred}"))
        problems += _assessments(person_id, episode, records, late_from, referred)
        for enquiry in episode.iterfind("Section47"):
            target = _day(enquiry.findtext("InitialCPCtarget"))
            if not enquiry.findtext("DateOfInitialCPC") and target is not None and target < census_day:
                started = govuk_date(_day(enquiry.findtext("S47ActualStartDate")))
                problems.append(SECTION_47_OPEN.problem(person_id, f"Enquiry started on {started}; the conference was "
                                                                   f"due by {govuk_date(target)}"))  # fmt: skip
        for plan in episode.iterfind("ChildProtectionPlans"):
            if not plan.findtext("InitialCategoryOfAbuse"):
                started = govuk_date(_day(plan.findtext("CPPstartDate")))
                problems.append(NO_CATEGORY.problem(person_id, f"Plan started on {started}"))
    return problems


def _assessments(person_id: int, episode: ET.Element, records: _Records, late_from: date,
                 referred: str) -> list[Problem]:  # fmt: skip
    problems = []
    dates = sorted(
        ((_day(a.findtext("AssessmentActualStartDate")), _day(a.findtext("AssessmentAuthorisationDate")))
         for a in episode.iterfind("Assessments")), key=lambda d: (d[0] or date.min, d[1] or date.max),
    )  # fmt: skip
    needs = []
    previous_end: date | None = None
    for n, (started, authorised) in enumerate(dates):
        if started is None:
            continue
        need, seen = records.assessments.get((person_id, started), ("", None))
        what = f"Assessment started on {govuk_date(started)}"
        if authorised is None and started < late_from:
            problems.append(ASSESSMENT_LATE.problem(person_id, what))
        if n and (previous_end is None or previous_end > started):
            problems.append(ASSESSMENTS_OVERLAP.problem(person_id, what))
        if authorised is not None:
            needs.append(need)
            if seen is None and (person_id, started) in records.assessments:
                problems.append(CHILD_NOT_SEEN.problem(person_id, what))
        previous_end = authorised
    if needs and not any(needs):
        problems.append(PRIMARY_NEED.problem(person_id, f"Referral on {referred}"))
    return problems
