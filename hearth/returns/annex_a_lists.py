"""The eleven lists of Ofsted's ILACS Annex A, one function each, built from Hearth's records.

Each function reads a handful of whole-council queries (rows as values, people and allocations read once,
related records by subquery, never a query per row) and returns rows keyed by the exact headings in
`COLUMNS`. What each list holds, its window, and which columns stay blank and why: `hearth.returns.annex_a`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from hearth.care.models import CareVisit, Episode, PeriodOfCare
from hearth.casework.models import (
    Assessment,
    AssessmentOutcome,
    Conference,
    ConferenceKind,
    Involvement,
    InvolvementKind,
    Plan,
    PlanKind,
    PlanStatus,
    ProtectionPlan,
    Referral,
    StatutoryVisit,
    StrategyDiscussion,
    ToolResponse,
)
from hearth.casework.timescales import add_months
from hearth.core.dates import age_on
from hearth.frontdoor.models import ContactStatus, ContactSubject, SubjectRole
from hearth.organisation.models import Authority
from hearth.people.models import Allocation, Person
from hearth.returns.ids import child_id, child_ids

Row = dict[str, object]

COMMON = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)"]
DISABILITY = "Does the Child have a Disability"
TEAM = ["Allocated Team", "Allocated Worker"]
MISSING = "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months"
ABSENT = "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months"
OFFERED = "Was the child offered a Return Interview after their last missing episode (Y/N)?"
ACCEPTED = "Did the child accept a Return Interview after their last missing episode (Y/N)?"

COLUMNS: dict[str, list[str]] = {
    "List 1": [*COMMON, "Date of Contact", "Contact Source"],
    "List 2": [*COMMON, "Assessment start date", "Assessment completion date", "Organisation completing assessment"],
    "List 3": [*COMMON, "Date of referral", "Referral Source", "Referral NFA?", "Number of Referrals in Last 12 Months",
               *TEAM],
    "List 4": [*COMMON, DISABILITY, "Continuous Assessment Start Date", "Child Seen During Continuous Assessment",
               "Continuous Assessment Date of Authorisation",
               "Was the child assessed as requiring LA children's social care support?", *TEAM],
    "List 5": [*COMMON, DISABILITY, "Strategy discussion initiating Section 47 Enquiry Start Date",
               "Was an Initial Child Protection Conference deemed unnecessary?",
               "Date of Initial Child Protection Conference",
               "Did the Initial Child Protection Conference Result in a Child Protection Plan",
               "Number of Section 47 Enquiries in the last 12 months", "Number of ICPCs in the last 12 months", *TEAM],
    "List 6": [*COMMON, DISABILITY, "CIN Start Date", "Primary Need Code", "Date Child Was Last Seen",
               "CIN Closure Date", "Reason for Closure", "Case Status", *TEAM],
    "List 7": [*COMMON, DISABILITY, "Child Protection Plan Start Date", "Initial Category of Abuse",
               "Latest Category of Abuse", "Date of the Last Statutory Visit", "Was the Child Seen Alone?",
               "Date of latest review conference", "Child Protection Plan End Date",
               "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",
               "Number of Previous Child Protection Plans", *TEAM],
    "List 8": [*COMMON, "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)", DISABILITY,
               "Date Started to be Looked After", "Child's Category of Need",
               "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)",
               "Start date of current legal status", "Child's Legal Status", "Date of Latest Statutory Review",
               "Date of Last Social Work Visit", "What is the permanence plan for this child?",
               "Date of Last IRO Visit / Contact to the Child", "Date of Last Health Assessment",
               "Date of Last Dental Check", "Number of Placements in the Last 12 months",
               "Date Ceased to be Looked After", "Reason Ceased to be Looked After",
               "Start Date of Most Recent Placement", "Placement Type", "Placement Provider", "Placement postcode",
               "URN of Placement", "Placement Location", "LA of Placement", MISSING, ABSENT, OFFERED, ACCEPTED, *TEAM],
    "List 9": [*COMMON, DISABILITY, *TEAM, "Eligibility Category", "LA in Touch", "Type of Accommodation",
               "Suitability of Accommodation", "Activity Status"],
    "List 10": [*COMMON, "Family identifier", DISABILITY, "Date the Child Entered Care",
                "Date of Decision that Child Should be Placed for Adoption", "Date of Placement Order",
                "Date of Matching Child and Prospective Adopters", "Date Placed for Adoption",
                "Date of Adoption Order", "Date of Decision that Child Should No Longer be Placed for Adoption",
                "Reason Why Child No Longer Placed for Adoption",
                "Date the child was placed for fostering in FFA or concurrent planning placement"],
    "List 11": ["Individual adopter identifier", "Family identifier", "Gender", "Ethnicity", "Disability",
                "Is the (prospective) adopter fostering for adoption?", "Date enquiry received",
                "Date Stage 1 started", "Date Stage 1 ended", "Date Stage 2 started", "Date Stage 2 ended",
                "Date application submitted", "Date application approved", "Date adopter matched with child(ren)",
                "Date child/children placed with adopter(s)", "No. of children placed", "Date of Adoption Order",
                "Date of leaving adoption process", "Reason for leaving adoption process"],
}  # fmt: skip

# The Annex A template's labels, for the columns it letters.
YES, NO, UNKNOWN = "a) Yes", "b) No", "c) Unknown"
GENDER = {"M": "a) Male", "F": "b) Female", "U": "c) Not stated/recorded"}
ETHNICITY = {code: f"{letter}) {code}" for letter, code in zip("abcdefghijklmnopqrst", (
    "WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN", "AOTH", "BCRB",
    "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT",
), strict=True)}  # the template's order, a) to t)  # fmt: skip
ABUSE = {"NEG": "a) Neglect", "PHY": "b) Physical abuse", "SAB": "c) Sexual abuse", "EMO": "d) Emotional abuse",
         "MUL": "e) Multiple/not recommended"}  # fmt: skip
PERMANENCE = {"return_home": "a) Return to family", "adoption": "b) Adoption", "sgo": "c) SGO/CAO",
              "cao": "c) SGO/CAO", "independence": "d) Supported living in the community",
              "long_term_fostering": "f) Long-term fostering"}  # fmt: skip
ELIGIBILITY = {"relevant": "a) Relevant child", "former_relevant": "b) Former relevant child",
               "qualifying": "c) Qualifying care leaver", "eligible": "d) Eligible child"}  # fmt: skip
IN_TOUCH = {"YES": "a) Yes", "NO": "b) No", "DIED": "c) Died", "REFU": "d) Refu", "NREQ": "e) NREQ",
            "RHOM": "f) Rhom"}  # fmt: skip
SUITABILITY = {"1": "a) Suitable", "2": "b) Unsuitable"}
SOCIAL_WORK_ROLES = ("Social worker", "Allocated worker")  # preferred over key workers and personal advisers
SUPPORT_NEEDED = {AssessmentOutcome.CHILD_IN_NEED, AssessmentOutcome.STRATEGY}
FOSTERING_FOR_ADOPTION = ("U2", "U5")
SEXES = {"M1": "M", "F1": "F", "MM": "MM", "FF": "FF", "MF": "MF"}  # AD1 SEX_ADOPTR: one letter per adopter


@dataclass
class Window:
    """The council, the inspection date and the two lookbacks, with what every list shares."""

    authority: Authority
    on: date

    @property
    def since(self) -> date:  # lists 1 to 8: the six months before the inspection
        return add_months(self.on, -6)

    @property
    def year_ago(self) -> date:  # lists 8, 10 and 11, and the "last 12 months" counts
        return add_months(self.on, -12)

    @cached_property
    def ids(self) -> dict[int, str]:
        return child_ids(authority_id=self.authority.pk)

    @cached_property
    def allocations(self) -> dict[int, list[tuple[Any, ...]]]:
        found: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
        for person_id, *rest in (
            Allocation.objects.filter(authority=self.authority, started_on__lte=self.on)
            .exclude(ended_on__lt=self.since)
            .values_list("person_id", "started_on", "ended_on", "role", "pk", "team__name", "worker__first_name",
                         "worker__last_name", "worker__username")
        ):  # fmt: skip
            found[person_id].append(tuple(rest))
        return found

    def allocated(self, person_id: int, day: date) -> tuple[str, str]:
        """The team and worker allocated on `day`: a social worker first, else the latest allocation."""
        open_then = [
            a for a in self.allocations.get(person_id, []) if a[0] <= day and (a[1] is None or a[1] >= day)
        ]
        if not open_then:
            return "", ""
        _, _, _, _, team, first, last, username = max(
            open_then, key=lambda a: (a[2] in SOCIAL_WORK_ROLES, a[0], a[3])
        )
        return team or "", _name(first, last, username)

    def start_of(self, day: date) -> datetime:
        """Midnight at the start of `day`, local time: the bound for records kept with a time."""
        return timezone.make_aware(datetime.combine(day, time.min))

    def end_of(self, day: date) -> datetime:
        return self.start_of(day + timedelta(days=1))

    def by(self, day: date | None) -> date | None:
        """A date as Hearth knew it on the inspection date: a later one has not happened yet."""
        return day if day is not None and day <= self.on else None

    def team(self, person_id: int, ended: date | None = None, worker: tuple[Any, ...] = ()) -> Row:
        """Allocated Team and Worker on the inspection date, or on the day the work ended before it; with no
        allocation open that day, `worker` (team, first name, last name, username) if the record names one."""
        team, name = self.allocated(person_id, min(ended or self.on, self.on))
        if not name and any(worker[1:]):
            team, name = worker[0] or "", _name(*worker[1:])
        return {"Allocated Team": team, "Allocated Worker": name}


def _name(first: str | None, last: str | None, username: str | None) -> str:
    return f"{first or ''} {last or ''}".strip() or (username or "")


def _worker_fields(worker: str) -> list[str]:
    """A worker's team and name fields, as `Window.team` takes them when no allocation is open."""
    return [f"{worker}__team__name", f"{worker}__first_name", f"{worker}__last_name", f"{worker}__username"]


def _people(person_ids: QuerySet[Any]) -> dict[int, tuple[Any, ...]]:
    """Sex, ethnicity, date of birth and disabilities of the people a list is about, in one query."""
    return {
        pk: tuple(rest)
        for pk, *rest in Person.objects.filter(pk__in=person_ids).values_list(
            "pk", "sex", "ethnicity", "date_of_birth", "disabilities"
        )
    }


def _common(w: Window, person_id: int, person: tuple[Any, ...], *, disability: bool = True) -> Row:
    sex, ethnicity, born, disabilities = person
    row: Row = {
        "Child Unique ID": child_id(w.ids, person_id), "Gender": GENDER.get(sex, GENDER["U"]),
        "Ethnicity": ETHNICITY.get(ethnicity, ""), "Date of Birth": born,
        "Age of Child (Years)": age_on(born, w.on) if born and born <= w.on else None,
    }  # fmt: skip
    if disability:
        real = [code for code in disabilities or [] if code != "NONE"]
        row[DISABILITY] = YES if real else NO if disabilities else UNKNOWN
    return row


def _latest(rows: Iterable[tuple[Any, ...]]) -> dict[Any, tuple[Any, ...]]:
    """The last row for each first value, rows being in order."""
    return {row[0]: row for row in rows}


def _grouped(rows: Iterable[tuple[Any, ...]]) -> dict[Any, list[tuple[Any, ...]]]:
    found: dict[Any, list[tuple[Any, ...]]] = defaultdict(list)
    for key, *rest in rows:
        found[key].append(tuple(rest))
    return found


def _yes_no(value: bool | None) -> str:
    return "" if value is None else YES if value else NO


def list_1(w: Window) -> list[Row]:
    """Contacts: one row for each child a contact received in the six months is about."""
    subjects = ContactSubject.objects.filter(
        authority=w.authority, role=SubjectRole.CHILD, contact__received_at__gte=w.start_of(w.since),
        contact__received_at__lt=w.end_of(w.on),
    ).exclude(contact__status=ContactStatus.DRAFT)  # fmt: skip
    people = _people(subjects.values("person_id"))
    return [
        {**_common(w, person_id, people[person_id], disability=False),
         "Date of Contact": timezone.localdate(received_at), "Contact Source": source}
        for person_id, received_at, source in subjects.order_by("contact__received_at", "contact_id", "person_id")
        .values_list("person_id", "contact__received_at", "contact__source")
    ]  # fmt: skip


def list_2(w: Window) -> list[Row]:
    """Early help: each early help involvement open in the six months, with its early help assessment."""
    involvements = Involvement.objects.filter(
        authority=w.authority, kind=InvolvementKind.EARLY_HELP, started_on__lte=w.on
    ).exclude(ended_on__lt=w.since)
    people = _people(involvements.values("person_id"))
    assessed = _grouped(
        ToolResponse.objects.filter(authority=w.authority, key="early_help", completed_at__lt=w.end_of(w.on),
                                    person_id__in=involvements.values("person_id"))
        .order_by("completed_at").values_list("person_id", "completed_at", "completed_by__authority__name")
    )  # fmt: skip
    rows = []
    for person_id, started, ended in involvements.order_by("started_on", "pk").values_list(
        "person_id", "started_on", "ended_on"
    ):
        last = w.by(ended) or w.on
        done = ((timezone.localdate(at), org) for at, org in assessed.get(person_id, []))
        day, org = next(((day, org) for day, org in done if started <= day <= last), (None, ""))
        rows.append({**_common(w, person_id, people[person_id], disability=False), "Assessment start date": started,
                     "Assessment completion date": day, "Organisation completing assessment": org})  # fmt: skip
    return rows


def _earlier(history: list[tuple[Any, ...]], day: date, pk: int) -> int:
    """How many of these (day, pk) came in the 12 months before this one."""
    since = add_months(day, -12)
    return sum(1 for other_day, other in history if since <= other_day and (other_day, other) < (day, pk))


def list_3(w: Window) -> list[Row]:
    """Referrals received in the six months."""
    referrals = Referral.objects.filter(authority=w.authority, referred_on__range=(w.since, w.on))
    people = _people(referrals.values("person_id"))
    history = _grouped(
        Referral.objects.filter(person_id__in=referrals.values("person_id"), referred_on__lte=w.on)
        .values_list("person_id", "referred_on", "pk")
    )  # fmt: skip
    rows = []
    for pk, person_id, referred, source, ended, *worker in referrals.order_by(
        "referred_on", "pk"
    ).values_list(
        "pk",
        "person_id",
        "referred_on",
        "source",
        "involvement__ended_on",
        *_worker_fields("assessment__worker"),
    ):
        rows.append({**_common(w, person_id, people[person_id], disability=False), "Date of referral": referred,
                     "Referral Source": source, "Referral NFA?": NO,
                     "Number of Referrals in Last 12 Months": _earlier(history[person_id], referred, pk),
                     **w.team(person_id, w.by(ended), tuple(worker))})  # fmt: skip
    return rows


def list_4(w: Window) -> list[Row]:
    """Assessments open at any time in the six months."""
    assessments = Assessment.objects.filter(authority=w.authority, started_on__lte=w.on).exclude(
        completed_on__lt=w.since
    )
    people = _people(assessments.values("person_id"))
    rows = []
    for person_id, started, seen, completed, outcome, *worker in assessments.order_by(
        "started_on", "pk"
    ).values_list(
        "person_id", "started_on", "child_seen_on", "completed_on", "outcome", *_worker_fields("worker")
    ):
        done = w.by(completed)
        support = (outcome in SUPPORT_NEEDED) if done and outcome else None
        rows.append({**_common(w, person_id, people[person_id]), "Continuous Assessment Start Date": started,
                     "Child Seen During Continuous Assessment": YES if w.by(seen) else NO,
                     "Continuous Assessment Date of Authorisation": done,
                     "Was the child assessed as requiring LA children's social care support?": _yes_no(support),
                     **w.team(person_id, done, tuple(worker))})  # fmt: skip
    return rows


def list_5(w: Window) -> list[Row]:
    """Section 47 enquiries open at any time in the six months: each runs from the strategy discussion that
    began it to its initial child protection conference."""
    enquiries = StrategyDiscussion.objects.filter(authority=w.authority, section_47=True, held_on__lte=w.on)
    ids = enquiries.values("person_id")
    conferences = list(
        Conference.objects.filter(authority=w.authority, kind=ConferenceKind.INITIAL, person_id__in=ids,
                                  held_on__lte=w.on)
        .values_list("person_id", "strategy_discussion_id", "held_on", "plan_needed")
    )  # fmt: skip
    icpc = {discussion: (held, needed) for _, discussion, held, needed in conferences}
    icpcs = _grouped((person_id, held) for person_id, _, held, _ in conferences)
    found = list(enquiries.order_by("held_on", "pk").values_list("pk", "person_id", "held_on"))
    history = _grouped((person_id, started, pk) for pk, person_id, started in found)
    people = _people(ids)
    rows = []
    for pk, person_id, started in found:
        held, needed = icpc.get(pk, (None, None))
        if held is not None and held < w.since:
            continue  # the enquiry ended before the six months
        before = sum(1 for (day,) in icpcs.get(person_id, []) if add_months(started, -12) <= day < started)
        rows.append({**_common(w, person_id, people[person_id]),
                     "Strategy discussion initiating Section 47 Enquiry Start Date": started,
                     "Was an Initial Child Protection Conference deemed unnecessary?": NO if held else "",
                     "Date of Initial Child Protection Conference": held,
                     "Did the Initial Child Protection Conference Result in a Child Protection Plan":
                         _yes_no(needed) if held else "",
                     "Number of Section 47 Enquiries in the last 12 months": _earlier(history[person_id], started, pk),
                     "Number of ICPCs in the last 12 months": before, **w.team(person_id, held)})  # fmt: skip
    return rows


def _open_on(records: QuerySet[Any], on: date, end: str = "ended_on") -> set[int]:
    """The people with one of these records open at the end of `on`."""
    return set(
        records.filter(started_on__lte=on).exclude(**{f"{end}__lte": on}).values_list("person_id", flat=True)
    )


def list_6(w: Window) -> list[Row]:
    """Children in need: each child's latest children's social care involvement open in the six months."""
    episodes = Involvement.objects.filter(
        authority=w.authority, kind=InvolvementKind.SOCIAL_CARE, started_on__lte=w.on
    ).exclude(ended_on__lt=w.since)
    ids = episodes.values("person_id")
    people = _people(ids)
    latest = _latest(
        episodes.order_by("person_id", "started_on", "pk").values_list(
            "person_id", "started_on", "ended_on", "closure_reason", "referral__referred_on"
        )
    )
    assessments = _grouped(
        Assessment.objects.filter(person_id__in=ids, started_on__lte=w.on).order_by("started_on", "pk")
        .values_list("person_id", "started_on", "completed_on", "child_seen_on", "primary_need")
    )  # fmt: skip
    seen = _grouped(
        [*StatutoryVisit.objects.filter(person_id__in=ids, child_seen=True, visited_on__lte=w.on)
         .values_list("person_id", "visited_on"),
         *CareVisit.objects.filter(person_id__in=ids, visited_on__lte=w.on).values_list("person_id", "visited_on")]
    )  # fmt: skip
    looked_after = _open_on(PeriodOfCare.objects.filter(person_id__in=ids), w.on)
    on_cpp = _open_on(ProtectionPlan.objects.filter(person_id__in=ids), w.on)
    on_cin = _open_on(
        Plan.objects.filter(person_id__in=ids, kind=PlanKind.CHILD_IN_NEED,
                            status__in=[PlanStatus.AGREED, PlanStatus.ENDED]), w.on
    )  # fmt: skip
    assessing = _open_on(Assessment.objects.filter(person_id__in=ids), w.on, end="completed_on")
    rows = []
    for person_id, (_, started, ended, reason, referred) in sorted(
        latest.items(), key=lambda i: (i[1][1], i[0])
    ):
        closed = w.by(ended)
        last = closed or w.on
        mine = [a for a in assessments.get(person_id, []) if started <= a[0] <= last]
        need = next((a[3] for a in reversed(mine) if a[3] and w.by(a[1])), "")
        days = [a[2] for a in mine if w.by(a[2])] + [
            d for (d,) in seen.get(person_id, []) if started <= d <= last
        ]
        status = ("e) Closed episode" if closed else "a) Looked after child" if person_id in looked_after
                  else "b) Child Protection plan" if person_id in on_cpp
                  else "c) Child in need plan" if person_id in on_cin
                  else "d) Open assessment" if person_id in assessing else "")  # fmt: skip
        rows.append({**_common(w, person_id, people[person_id]), "CIN Start Date": referred or started,
                     "Primary Need Code": need, "Date Child Was Last Seen": max(days, default=None),
                     "CIN Closure Date": closed, "Reason for Closure": reason if closed else "", "Case Status": status,
                     **w.team(person_id, closed)})  # fmt: skip
    return rows


def list_7(w: Window) -> list[Row]:
    """Child protection: each child's latest child protection plan open in the six months."""
    plans = ProtectionPlan.objects.filter(authority=w.authority, started_on__lte=w.on).exclude(
        ended_on__lt=w.since
    )
    ids, plan_ids = plans.values("person_id"), plans.values("pk")
    people = _people(ids)
    latest = _latest(
        plans.order_by("person_id", "started_on", "pk")
        .values_list("person_id", "pk", "category", "started_on", "ended_on")
    )  # fmt: skip
    starts = _grouped(
        ProtectionPlan.objects.filter(person_id__in=ids, started_on__lte=w.on).values_list(
            "person_id", "started_on"
        )
    )
    visits = _latest(
        StatutoryVisit.objects.filter(plan_id__in=plan_ids, visited_on__lte=w.on)
        .order_by("plan_id", "visited_on", "pk").values_list("plan_id", "visited_on", "seen_alone")
    )  # fmt: skip
    reviews = _latest(
        Conference.objects.filter(plan_id__in=plan_ids, kind=ConferenceKind.REVIEW, held_on__lte=w.on)
        .order_by("plan_id", "held_on").values_list("plan_id", "held_on")
    )  # fmt: skip
    protected = set(  # police protection (L1) or an emergency protection order (L2), while accommodated
        Episode.objects.filter(person_id__in=ids, legal_status__in=["L1", "L2"], started_on__lte=w.on)
        .exclude(ended_on__lt=w.since).values_list("person_id", flat=True)
    )  # fmt: skip
    rows = []
    for person_id, (_, pk, category, started, ended) in sorted(latest.items(), key=lambda i: (i[1][3], i[0])):
        visit, review = visits.get(pk), reviews.get(pk)
        rows.append({**_common(w, person_id, people[person_id]), "Child Protection Plan Start Date": started,
                     "Initial Category of Abuse": ABUSE.get(category, ""),
                     "Latest Category of Abuse": ABUSE.get(category, ""),
                     "Date of the Last Statutory Visit": visit[1] if visit else None,
                     "Was the Child Seen Alone?": _yes_no(visit[2]) if visit else "",
                     "Date of latest review conference": review[1] if review else None,
                     "Child Protection Plan End Date": w.by(ended),
                     "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)":
                         YES if person_id in protected else "",
                     "Number of Previous Child Protection Plans": sum(1 for (s,) in starts[person_id] if s < started),
                     **w.team(person_id, w.by(ended))})  # fmt: skip
    return rows
