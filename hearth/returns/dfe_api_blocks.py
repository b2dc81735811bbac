"""The rows behind the DfE children's social care API records, and the blocks built from them.

`hearth.returns.dfe_api` explains the payload and writes it; this module loads, in a fixed number of
queries whatever the number of children, every row the records need (`load`), and builds one child's record
from those rows (`child_record`). Field by field, the sources are listed in `dfe_api`'s docstring.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Q, QuerySet

from hearth.accounts.models import User
from hearth.care.models import (
    AdoptionJourney,
    CareLeaver,
    Episode,
    HealthCheck,
    HealthKind,
    LeaverContact,
    PeriodOfCare,
    Placement,
)
from hearth.casework.models import (
    Assessment,
    Conference,
    ConferenceKind,
    Involvement,
    InvolvementKind,
    Plan,
    PlanKind,
    PlanStatus,
    ProtectionPlan,
    StrategyDiscussion,
)
from hearth.casework.steps import KEY_WORKER
from hearth.core.dates import birthday
from hearth.people.models import Address, Allocation, Identifier, IdentifierKind, Person
from hearth.returns.ids import child_ids, worker_id
from hearth.returns.years import iso, upn_unknown

Row = dict[str, Any]

# The API's code lists for a care leaver (spec rows 51 and 52). Hearth also records "0" (not known) and the
# 903's W, X, Y and Z accommodation, which the API does not list: those are left out.
LEAVER_ACTIVITY = frozenset({"F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6"})
LEAVER_ACCOMMODATION = frozenset("BCDEGHKRSTUV")
DISABILITIES_MAX = 12
# adoption's fields and the adoption journey's dates they come from
ADOPTION_DATES = {"initial_decision_date": "should_be_placed_on", "matched_date": "matched_on",
                  "placed_date": "placed_on"}  # fmt: skip
CHUNK = 2000  # ids per IN list: well inside SQLite's limit on query parameters


@dataclass(frozen=True)
class Window:
    """The 12 months to `on`, both days included: 1 April 2025 to 31 March 2026 for 31 March 2026."""

    start: date
    on: date

    @classmethod
    def to(cls, on: date) -> Window:
        return cls(start=birthday(on, -1) + timedelta(days=1), on=on)

    def holds(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.on

    def overlaps(self, start: date, end: date | None) -> bool:
        return start <= self.on and (end is None or end >= self.start)

    def known(self, day: date | None) -> date | None:
        """A date as the records stood on `on`: an end after it had not happened yet."""
        return day if day is not None and day <= self.on else None

    def open_in(
        self, queryset: QuerySet[Any], start: str = "started_on", end: str = "ended_on"
    ) -> QuerySet[Any]:
        return queryset.filter(**{f"{start}__lte": self.on}).filter(
            Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": self.start})
        )


def _chunked(queryset: QuerySet[Any], ids: Iterable[int], *fields: str, key: str = "person_id") -> list[Row]:
    """`values(*fields)` of the rows whose `key` is one of `ids`, a few thousand ids per query."""
    ordered = sorted(ids)
    rows: list[Row] = []
    for n in range(0, len(ordered), CHUNK):
        rows.extend(queryset.filter(**{f"{key}__in": ordered[n : n + CHUNK]}).values(*fields))
    return rows


def _by_person(rows: Iterable[Row], *order: str) -> dict[int, list[Row]]:
    found: dict[int, list[Row]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: tuple((r[k] is not None, r[k]) for k in order)):
        found[row["person_id"]].append(row)
    return found


@dataclass
class Loaded:
    """Every row the records need, by child."""

    window: Window
    people: dict[int, Row] = field(default_factory=dict)
    child_ids: dict[int, str] = field(default_factory=dict)  # the returns' child ID (`hearth.returns.ids`)
    worker_ids: dict[int, str] = field(default_factory=dict)  # the 903's SW_ID, by user
    upns: dict[int, str] = field(default_factory=dict)
    postcodes: dict[int, str] = field(default_factory=dict)
    involvements: dict[int, list[Row]] = field(default_factory=dict)
    assessments: dict[int, list[Row]] = field(default_factory=dict)
    cin_plans: dict[int, list[Row]] = field(default_factory=dict)
    enquiries: dict[int, list[Row]] = field(default_factory=dict)
    protection_plans: dict[int, list[Row]] = field(default_factory=dict)
    periods: dict[int, list[Row]] = field(default_factory=dict)
    placements: dict[int, list[Row]] = field(default_factory=dict)
    adoptions: dict[int, list[Row]] = field(default_factory=dict)
    leavers: set[int] = field(default_factory=set)
    contacts: dict[int, Row] = field(default_factory=dict)  # the latest, by child
    sdqs: dict[int, list[Row]] = field(default_factory=dict)
    allocations: dict[int, list[Row]] = field(default_factory=dict)


def _rows(queryset: QuerySet[Any], *fields: str) -> list[Row]:
    return list(queryset.values(*fields))


def load(*, authority_id: int, window: Window) -> Loaded:
    """The children in scope and all their rows: a fixed number of queries, whatever the number of children."""
    w, mine, d = window, {"authority_id": authority_id}, Loaded(window=window)
    kinds = [InvolvementKind.SOCIAL_CARE, InvolvementKind.CHILD_PROTECTION]
    involvements = _rows(w.open_in(Involvement.objects.filter(**mine, kind__in=kinds)), "pk", "person_id", "kind",
                         "started_on", "ended_on", "closure_reason", "referral__referred_on", "referral__source")  # fmt: skip
    agreed = Plan.objects.filter(
        **mine, kind=PlanKind.CHILD_IN_NEED, status__in=[PlanStatus.AGREED, PlanStatus.ENDED]
    )
    cin_plans = _rows(w.open_in(agreed), "pk", "person_id", "involvement_id", "started_on", "ended_on")
    cpps = _rows(
        w.open_in(ProtectionPlan.objects.filter(**mine)), "pk", "person_id", "started_on", "ended_on"
    )
    in_care = w.open_in(PeriodOfCare.objects.filter(**mine)).values_list("person_id", flat=True)
    d.leavers = set(
        CareLeaver.objects.filter(**mine).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=w.start))
        .values_list("person_id", flat=True)
    )  # fmt: skip
    candidates = {r["person_id"] for r in [*involvements, *cin_plans, *cpps]} | set(in_care) | d.leavers
    people = Person.objects.filter(**mine, merged_into__isnull=True).exclude(date_of_birth__gt=w.on)
    d.people = {r["pk"]: r for r in _chunked(people, candidates, "pk", "given_name", "family_name", "date_of_birth",
                                             "expected_date_of_birth", "sex", "ethnicity", "disabilities", key="pk")}  # fmt: skip
    ids = set(d.people)
    d.child_ids = child_ids(authority_id=authority_id, person_ids=ids)
    d.leavers &= ids
    d.involvements = _by_person((r for r in involvements if r["person_id"] in ids), "started_on", "pk")
    d.cin_plans = _by_person((r for r in cin_plans if r["person_id"] in ids), "started_on", "pk")
    d.protection_plans = _by_person((r for r in cpps if r["person_id"] in ids), "started_on", "pk")
    _load_person_details(d, ids, mine)
    _load_casework(d, ids, mine)
    _load_care(d, ids, mine)
    return d


def _load_person_details(d: Loaded, ids: set[int], mine: dict[str, int]) -> None:
    w = d.window
    upns = Identifier.objects.filter(**mine, kind=IdentifierKind.UPN)
    d.upns = {r["person_id"]: r["value"] for r in _chunked(upns, ids, "person_id", "value")}
    addresses = Address.objects.filter(**mine).filter(Q(started_on__isnull=True) | Q(started_on__lte=w.on))
    for r in sorted(_chunked(addresses, ids, "pk", "person_id", "postcode", "started_on"),
                    key=lambda r: (r["started_on"] or date.min, r["pk"])):  # fmt: skip
        d.postcodes[r["person_id"]] = r["postcode"]  # the latest start wins
    sdqs = HealthCheck.objects.filter(**mine, kind=HealthKind.SDQ, sdq_score__isnull=False,
                                      done_on__range=(w.start, w.on))  # fmt: skip
    d.sdqs = _by_person(_chunked(sdqs, ids, "pk", "person_id", "done_on", "sdq_score"), "done_on", "pk")
    workers = w.open_in(Allocation.objects.filter(**mine, worker__isnull=False).exclude(role=KEY_WORKER))
    d.allocations = _by_person(_chunked(workers, ids, "pk", "person_id", "worker_id", "started_on", "ended_on"),
                               "started_on", "pk")  # fmt: skip
    staff = User.objects.only("pk", "registration_number")  # a partner council's worker, too
    allocated = {a["worker_id"] for rows in d.allocations.values() for a in rows}
    for n in range(0, len(allocated), CHUNK):
        for user in staff.filter(pk__in=sorted(allocated)[n : n + CHUNK]):
            d.worker_ids[user.pk] = worker_id(user)


def _load_casework(d: Loaded, ids: set[int], mine: dict[str, int]) -> None:
    w = d.window
    assessments = Assessment.objects.filter(**mine, started_on__lte=w.on).filter(
        Q(started_on__gte=w.start) | Q(completed_on__range=(w.start, w.on))
    )
    rows = _rows(assessments, "pk", "person_id", "started_on", "completed_on", "factors")
    d.assessments = _by_person((r for r in rows if r["person_id"] in ids), "started_on", "pk")
    initial = Conference.objects.filter(
        **mine, kind=ConferenceKind.INITIAL, strategy_discussion__isnull=False
    )
    conferences = {
        r["strategy_discussion_id"]: r for r in _rows(initial, "strategy_discussion_id", "held_on")
    }
    enquiries = []
    discussions = StrategyDiscussion.objects.filter(**mine, section_47=True, held_on__lte=w.on)
    for r in _rows(discussions, "pk", "person_id", "held_on"):
        conference = conferences.get(r["pk"])
        icpc = w.known(conference["held_on"]) if conference else None
        if r["person_id"] in ids and (w.holds(r["held_on"]) or w.holds(icpc)):
            enquiries.append({**r, "icpc_required": conference is not None, "icpc_on": icpc})
    d.enquiries = _by_person(enquiries, "held_on", "pk")


def _load_care(d: Loaded, ids: set[int], mine: dict[str, int]) -> None:
    w = d.window
    periods = PeriodOfCare.objects.filter(**mine, started_on__lte=w.on)
    d.periods = _by_person(_chunked(periods, ids, "pk", "person_id", "started_on", "ended_on", "unaccompanied"),
                           "started_on", "pk")  # fmt: skip
    placements = [r for r in _rows(w.open_in(Placement.objects.filter(**mine)), "pk", "person_id", "period_id",
                                   "started_on", "ended_on", "placement_type", "postcode", "change_reason")
                  if r["person_id"] in ids]  # fmt: skip
    episodes = _chunked(Episode.objects.filter(**mine), {r["pk"] for r in placements}, "placement_id", "started_on",
                        "ended_on", "reason_new", "reason_ceased", key="placement_id")  # fmt: skip
    by_placement: dict[int, list[Row]] = defaultdict(list)
    for r in sorted(episodes, key=lambda r: r["started_on"]):
        by_placement[r["placement_id"]].append(r)
    for r in placements:
        r["episodes"] = by_placement[r["pk"]]
    d.placements = _by_person(placements, "started_on", "pk")
    journeys = _rows(AdoptionJourney.objects.filter(**mine, should_be_placed_on__lte=w.on), "pk", "person_id",
                     "period_id", *ADOPTION_DATES.values())  # fmt: skip
    d.adoptions = _by_person((r for r in journeys if r["person_id"] in ids
                              and any(w.holds(r[k]) for k in ADOPTION_DATES.values())),
                             "should_be_placed_on", "pk")  # fmt: skip
    contacts = LeaverContact.objects.filter(**mine, contacted_on__lte=w.on)
    for r in sorted(_chunked(contacts, d.leavers, "pk", "person_id", "contacted_on", "activity", "accommodation"),
                    key=lambda r: (r["contacted_on"], r["pk"])):  # fmt: skip
        d.contacts[r["person_id"]] = r  # the latest wins


# Building one child's record


@dataclass
class _Episode:
    """A social care episode being filled: an involvement, or a period of care no involvement covers."""

    id: str
    start: date
    end: date | None  # as known on the day of the build
    head: Row
    blocks: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    adoption: Row | None = None
    care_leavers: Row | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def overlaps(self, start: date, end: date | None) -> bool:
        return start <= (self.end or date.max) and (end is None or end >= self.start)


def child_record(person_id: int, d: Loaded, la_code: int) -> Row:
    """One child's record, keys in the order of the specification."""
    person = d.people[person_id]
    record: Row = {"la_code": la_code, "la_child_id": d.child_ids[person_id], "mis_child_id": str(person_id),
                   "purge": False}  # fmt: skip
    record["child_details"] = _child_details(person, d.upns.get(person_id), d)
    sdqs = d.sdqs.get(person_id, [])
    if sdqs:  # spec row 45: the block is left out when there are none in the window
        record["health_and_wellbeing"] = {
            "sdq_assessments": [{"date": iso(r["done_on"]), "score": r["sdq_score"]} for r in sdqs],
            "purge": False,
        }
    episodes = _episodes(person_id, d)
    if episodes:
        record["social_care_episodes"] = [_episode_json(e, d) for e in episodes]
    return record


def _child_details(person: Row, upn: str | None, d: Loaded) -> Row:
    w, pk = d.window, person["pk"]
    details: Row = {}
    if upn:
        details["unique_pupil_number"] = upn
    else:
        details["unique_pupil_number_unknown_reason"] = upn_unknown(person["date_of_birth"], w.on)
    details["first_name"] = person["given_name"]
    details["surname"] = person["family_name"]
    if person["date_of_birth"]:
        details["date_of_birth"] = iso(person["date_of_birth"])
    if person["expected_date_of_birth"]:
        details["expected_date_of_birth"] = iso(person["expected_date_of_birth"])
    details["sex"] = person["sex"] if person["sex"] in ("M", "F") else "U"
    details["ethnicity"] = person["ethnicity"]
    codes = sorted({str(c).strip().upper() for c in person["disabilities"] or []} - {"", "NONE"})
    details["disabilities"] = codes[:DISABILITIES_MAX] or ["NONE"]
    if d.postcodes.get(pk):
        details["postcode"] = d.postcodes[pk]
    unaccompanied = any(p["unaccompanied"] and w.overlaps(p["started_on"], p["ended_on"])
                        for p in d.periods.get(pk, []))  # fmt: skip
    details["uasc_flag"] = unaccompanied
    if unaccompanied and person["date_of_birth"]:
        # Unaccompanied asylum-seeking children stop being so at 18 (the SSDA903 return's DUC, too).
        ended = w.known(birthday(person["date_of_birth"], 18))
        if ended:
            details["uasc_end_date"] = iso(ended)
    details["purge"] = False
    return details


def _episodes(pk: int, d: Loaded) -> list[_Episode]:
    """The child's episodes with everything attached to them, in order of start."""
    w = d.window
    involvements = d.involvements.get(pk, [])
    social_care = [r for r in involvements if r["kind"] == InvolvementKind.SOCIAL_CARE]
    # A child protection involvement runs beside a social care one: it is an episode only for a child with
    # no social care involvement in the window.
    episodes = [
        _Episode(id=f"INV-{r['pk']}", start=r["started_on"], end=w.known(r["ended_on"]), head=_head(r, w))
        for r in (social_care or involvements)
    ]
    periods = {p["pk"]: p for p in d.periods.get(pk, [])}
    cared: dict[int, _Episode] = {}

    def of_period(period_id: int) -> _Episode:
        """Care that no involvement covers is an episode of its own: the period of care."""
        if period_id not in cared:
            period = periods[period_id]
            cared[period_id] = _Episode(id=f"POC-{period_id}", start=period["started_on"],
                                        end=w.known(period["ended_on"]), head={})  # fmt: skip
        return cared[period_id]

    if episodes:
        for r in d.assessments.get(pk, []):
            _home(episodes, r["started_on"]).blocks["assessments"].append(r)
        by_id = {e.id: e for e in episodes}
        for r in d.cin_plans.get(pk, []):
            own = by_id.get(f"INV-{r['involvement_id']}") or _home(episodes, r["started_on"])
            own.blocks["cin_plans"].append(r)
        for r in d.enquiries.get(pk, []):
            _home(episodes, r["held_on"]).blocks["enquiries"].append(r)
        for r in d.protection_plans.get(pk, []):
            _home(episodes, r["started_on"]).blocks["protection_plans"].append(r)
    for r in d.placements.get(pk, []):
        over = [e for e in episodes if e.overlaps(r["started_on"], w.known(r["ended_on"]) or w.on)]
        (over[-1] if over else of_period(r["period_id"])).blocks["placements"].append(r)
    for r in d.adoptions.get(pk, []):  # in order of decision: the latest journey wins
        day = max(w.known(r[k]) or date.min for k in ADOPTION_DATES.values())
        covering = [e for e in episodes if e.covers(day)]
        (covering[-1] if covering else of_period(r["period_id"])).adoption = r
    contact = d.contacts.get(pk)
    if contact is not None:
        every = _ordered(episodes, cared)
        if not every and periods:
            every = [of_period(d.periods[pk][-1]["pk"])]  # a care leaver's episode: their last period of care
        if every:
            every[-1].care_leavers = contact
    every = _ordered(episodes, cared)
    for e in every:
        e.blocks["workers"] = [
            a for a in d.allocations.get(pk, []) if e.overlaps(a["started_on"], a["ended_on"])
        ]
    return every


def _ordered(episodes: list[_Episode], cared: dict[int, _Episode]) -> list[_Episode]:
    return sorted([*episodes, *cared.values()], key=lambda e: (e.start, e.id))


def _head(r: Row, w: Window) -> Row:
    """An involvement's referral and closure, as the CIN census gives them (`hearth.returns.cin`)."""
    head: Row = {
        "referral_date": iso(r["referral__referred_on"] or r["started_on"]),
        "referral_source": r["referral__source"] or "10",  # 10: unknown
    }
    closed = w.known(r["ended_on"])
    if closed:
        head["closure_date"] = iso(closed)
        if r["closure_reason"]:
            head["closure_reason"] = r["closure_reason"]
    # Every referral in Hearth goes on to an assessment (`referral_open` starts one).
    head["referral_no_further_action_flag"] = False
    return head


def _home(episodes: list[_Episode], day: date) -> _Episode:
    """The episode open on `day`; failing that the latest begun before it; failing that the first."""
    covering = [e for e in episodes if e.covers(day)]
    if covering:
        return covering[-1]
    before = [e for e in episodes if e.start <= day]
    return before[-1] if before else episodes[0]


def _dated(key: str, day: date | None, w: Window) -> Row:
    """`{key: "YYYY-MM-DD"}` for a date that had happened by the build's day, else nothing."""
    known = w.known(day)
    return {key: known.isoformat()} if known else {}


def _episode_json(e: _Episode, d: Loaded) -> Row:
    w = d.window
    out: Row = {"social_care_episode_id": e.id, **e.head}
    blocks: dict[str, list[Row]] = {
        "care_worker_details": [
            {"worker_id": d.worker_ids[a["worker_id"]], "start_date": iso(a["started_on"]),
             **_dated("end_date", a["ended_on"], w)} for a in e.blocks["workers"]
        ],
        "child_and_family_assessments": [
            {"child_and_family_assessment_id": str(a["pk"]), "start_date": iso(a["started_on"]),
             **_dated("authorisation_date", a["completed_on"], w), "factors": list(a["factors"] or [])}
            for a in e.blocks["assessments"]
        ],
        "child_in_need_plans": [
            {"child_in_need_plan_id": str(p["pk"]), "start_date": iso(p["started_on"]),
             **_dated("end_date", p["ended_on"], w), "purge": False} for p in e.blocks["cin_plans"]
        ],
        "section_47_assessments": [
            {"section_47_assessment_id": str(s["pk"]), "start_date": iso(s["held_on"]),
             "icpc_required_flag": s["icpc_required"], **_dated("icpc_date", s["icpc_on"], w)}
            for s in e.blocks["enquiries"]
        ],
        "child_protection_plans": [
            {"child_protection_plan_id": str(p["pk"]), "start_date": iso(p["started_on"]),
             **_dated("end_date", p["ended_on"], w), "purge": False} for p in e.blocks["protection_plans"]
        ],
        "child_looked_after_placements": [_placement(p, w) for p in e.blocks["placements"]],
    }  # fmt: skip
    out.update({key: rows for key, rows in blocks.items() if rows})  # an empty block is left out
    if e.adoption:
        out["adoption"] = {key: iso(w.known(e.adoption[src])) for key, src in ADOPTION_DATES.items()
                           if w.known(e.adoption[src])}  # fmt: skip
    if e.care_leavers:
        c = e.care_leavers
        leaver: Row = {"contact_date": iso(c["contacted_on"])}
        if c["activity"] in LEAVER_ACTIVITY:
            leaver["activity"] = c["activity"]
        if c["accommodation"][:1] in LEAVER_ACCOMMODATION:
            leaver["accommodation"] = c["accommodation"][:1]
        out["care_leavers"] = {**leaver, "purge": False}
    out["purge"] = False
    return out


def _placement(p: Row, w: Window) -> Row:
    """A placement, with the 903 reason its first episode began and, once it has ended, why its last one
    ceased and why the placement changed."""
    out: Row = {"child_looked_after_placement_id": str(p["pk"]), "start_date": iso(p["started_on"])}
    episodes = p["episodes"]
    if episodes:
        out["start_reason"] = episodes[0]["reason_new"]
    if p["postcode"]:
        out["postcode"] = p["postcode"]
    out["placement_type"] = p["placement_type"]
    ended = w.known(p["ended_on"])
    if ended and ended >= p["started_on"]:
        out["end_date"] = iso(ended)
        last = [r for r in episodes if r["ended_on"] == ended and r["reason_ceased"]]
        if last:
            out["end_reason"] = last[-1]["reason_ceased"].strip()
        if p["change_reason"]:
            out["change_reason"] = p["change_reason"]
    return out
