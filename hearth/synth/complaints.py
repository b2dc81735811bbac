"""Complaints and compliments for the demo county: the last three financial years and the current one so far.

Volumes are seed 000's for 2018/19 (minute 16): 112 statutory complaints, 121 corporate complaints and 242
compliments a year, times `scale`, with about 61% of responses in time. The seed gives no split by stage,
outcome or Ombudsman decision; the shares below are assumptions, typical of English councils, and say so.
Statutory complaints are about real children of the county (one allocated to the team the complaint is about
on the day it was received); corporate complaints name no child. Corporate complaints about SEND grow each
year, as the seed's did (+96% in 2018/19).

A random stream of its own (ADR 12), so the rest of the county comes out the same. Reads the county and never
changes it; writes with plain inserts. Takes "now" from `start_of(today)`: nothing is dated today or later
except due dates. A few open complaints handled by the `complaints` persona are due this week.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from hearth.accounts.models import User
from hearth.accounts.roles import Role
from hearth.complaints import procedures
from hearth.complaints.models import (
    Complaint,
    ComplaintChild,
    ComplaintStage,
    Compliment,
    LearningAction,
    OmbudsmanReferral,
)
from hearth.core.calendar import add_working_days, is_working_day, working_days_between
from hearth.organisation.models import Authority, Team
from hearth.people.models import AccessLevel, Allocation, PersonKind
from hearth.synth.chance import LONDON, start_of, weighted
from hearth.synth.names import FAMILY, GIVEN_FEMALE, GIVEN_MALE
from hearth.synth.rows import insert_rows, next_ids, reset_sequences

YEARS_BACK = 3
PER_YEAR = {"statutory": 112, "corporate": 121, "compliments": 242}  # seed 000, minute 16 (2018/19)
IN_TIME = (
    0.61  # seed 000, minute 16: "61% of completed complaints had responded within the prescribed timescales"
)
# Assumptions (not in the seeds): who goes on to the next stage, extensions, outcomes, the Ombudsman.
ESCALATES = {("statutory", 2): 0.10, ("statutory", 3): 0.25, ("corporate", 2): 0.12}
EXTENDED = 0.18
OUTCOMES = {1: (("upheld", 20), ("partly_upheld", 27), ("not_upheld", 45), ("withdrawn", 8)),
            2: (("upheld", 22), ("partly_upheld", 35), ("not_upheld", 40), ("withdrawn", 3)),
            3: (("upheld", 15), ("partly_upheld", 30), ("not_upheld", 55))}  # fmt: skip
OMBUDSMAN = {1: 0.03, 2: 0.15, 3: 0.4}  # after the last stage the complainant reached
DECISIONS = (("upheld", 25), ("not_upheld", 20), ("closed", 40), ("premature", 15))
LEARNS = 0.55  # share of upheld or partly upheld responses that lead to learning actions
HOW = (("email", 35), ("online", 30), ("phone", 20), ("letter", 10), ("in_person", 5))
COMPLAINANT = (("parent", 70), ("child", 12), ("advocate", 10), ("other", 8))
SUBJECTS = (("communication", 30), ("delay", 15), ("decision", 18), ("quality", 14), ("staff", 9), ("records", 6),
            ("money", 5), ("policy", 3))  # fmt: skip
# The service a team's complaints are about.
TEAM_SERVICE = {"front_door": "front_door", "safeguarding": "safeguarding", "children_in_care": "children_in_care",
                "disabled_children": "children_in_care", "care_leavers": "care_leavers",
                "fostering_adoption": "fostering_adoption", "early_help": "early_help"}  # fmt: skip
CORPORATE_SERVICES = (("send", 25), ("safeguarding", 22), ("children_in_care", 15), ("early_help", 15),
                      ("front_door", 10), ("care_leavers", 7), ("fostering_adoption", 6))  # fmt: skip
SEND_GROWTH = 1.3  # SEND's weight grows by this each year
COMPLIMENT_SERVICES = (("safeguarding", 30), ("children_in_care", 22), ("early_help", 20), ("care_leavers", 10),
                       ("fostering_adoption", 8), ("front_door", 5), ("send", 5))  # fmt: skip
COMPLIMENT_FROM = (("parent", 50), ("child", 20), ("professional", 25), ("other", 5))
SUMMARIES = {
    "communication": ("Calls and emails to the social worker were not returned for weeks.",
                      "The family were not told that the social worker had changed.",
                      "Nobody explained what would happen at the meeting or why."),
    "delay": ("The assessment took far longer than the family were told it would.",
              "Support agreed at the review had still not started two months later."),
    "decision": ("The family disagree with the decision to close the case.",
                 "The young person disagrees with the plan for where they will live."),
    "quality": ("The plan does not reflect what the family said they need.",
                "Visits were cancelled at short notice several times."),
    "staff": ("The complainant felt the worker spoke to them rudely at a visit.",),
    "records": ("The assessment contains details the family say are wrong.",
                "Information was shared with a school without the family being told."),
    "money": ("The allowance agreed for the carer was paid late.", "Travel costs to contact were not refunded."),
    "policy": ("The complainant says the council did not follow its own procedure on contact.",),
}  # fmt: skip
LEARNING = {
    "communication": (("Families were not told when their worker changed",
                       "Send a letter naming the new worker within 5 working days of a change"),
                      ("Calls to the team were not returned", "Agree a 2 working day call-back standard in the team")),
    "delay": (("Assessments waited for a worker to be allocated", "Review allocation at the weekly team meeting"),),
    "decision": (("Reasons for decisions were not written down for the family", "Give the reasons in writing"),),
    "quality": (("Plans did not record the family’s own views", "Add the family’s views to the plan template"),),
    "staff": (("A worker needed support after a difficult visit", "Reflective supervision on the case"),),
    "records": (("An assessment held facts that were not checked", "Check facts with the family before sign-off"),),
    "money": (("Payments waited for a manager’s approval", "Let team managers approve payments up to £500"),),
    "policy": (("The contact procedure was not followed", "Briefing for the service on the contact procedure"),),
}  # fmt: skip
OWNERS = (
    "Team manager",
    "Service manager",
    "Head of service",
    "Principal social worker",
    "Complaints manager",
)
RESPONSES = {
    "upheld": ("We apologise: we got this wrong and have explained how we will put it right.",
               "An apology and a meeting with the team manager were offered."),
    "partly_upheld": ("We apologise for the delay, and have explained the decision and the reasons for it.",
                      "Part of the complaint is upheld: we apologise for the poor communication."),
    "not_upheld": ("We found no fault but have explained what happened.",
                   "We have explained the decision and the reasons for it."),
}  # fmt: skip
COMPLIMENTS = ("Thank you for listening and helping us as a family.", "The worker went above and beyond for us.",
               "The young person said their adviser always made time for them.",
               "The school thanked the team for joining up quickly.", "The foster carers praised the support they had.",
               "A parent said the family group conference changed things for them.")  # fmt: skip


@dataclass
class _Rows:
    complaints: list[tuple[Any, ...]] = field(default_factory=list)
    children: list[tuple[Any, ...]] = field(default_factory=list)
    stages: list[tuple[Any, ...]] = field(default_factory=list)
    actions: list[tuple[Any, ...]] = field(default_factory=list)
    referrals: list[tuple[Any, ...]] = field(default_factory=list)
    compliments: list[tuple[Any, ...]] = field(default_factory=list)
    open: int = 0


@dataclass(frozen=True)
class _Alloc:
    person_id: int
    team_id: int
    started_on: date
    ended_on: date | None
    name: str
    open_record: bool


def _after(day: date, n: int) -> date:
    due = add_working_days(day, n)
    assert isinstance(due, date)
    return due


def _before(day: date, n: int) -> date:
    """The working day `n` working days before `day`: `_after` of it gives `day` back."""
    while n > 0:
        day -= timedelta(days=1)
        n -= is_working_day(day)
    return day


class _County:
    """What the generator reads from the county once: teams, complaints officers, children's allocations."""

    def __init__(self, rng: random.Random, authority: Authority) -> None:
        self.rng = rng
        self.authority_id = authority.pk
        self.teams = list(Team.objects.filter(authority=authority).order_by("pk"))
        self.by_kind: dict[str, list[Team]] = defaultdict(list)
        for team in self.teams:
            self.by_kind[team.kind].append(team)
        self.team_kind = {t.pk: t.kind for t in self.teams}
        self.officers = list(User.objects.filter(authority=authority, role=Role.COMPLAINTS_OFFICER, is_active=True)
                             .order_by("pk"))  # fmt: skip
        if not self.officers:
            raise ValueError(
                "The county has no complaints officers: make the council's teams before complaints"
            )
        self.persona = next((u for u in self.officers if u.username == "complaints"), self.officers[0])
        rows = (Allocation.objects.filter(authority=authority, person__kind=PersonKind.CHILD)
                .exclude(person__access_level=AccessLevel.SEALED).exclude(team__kind="early_help")
                .order_by("pk").values_list("person_id", "team_id", "started_on", "ended_on", "person__given_name",
                                            "person__family_name", "person__access_level"))  # fmt: skip
        self.allocations = [
            _Alloc(p, t, s, e, f"{g} {f}", level == AccessLevel.OPEN) for p, t, s, e, g, f, level in rows
        ]

    def allocation_on(self, day: date) -> _Alloc | None:
        if not self.allocations:
            return None
        for _ in range(30):
            a = self.rng.choice(self.allocations)
            if a.started_on <= day and (a.ended_on is None or a.ended_on >= day):
                return a
        # Nobody found allocated that day: any of the first children allocated before it.
        earlier = [a for a in self.allocations[:500] if a.started_on <= day]
        return self.rng.choice(earlier) if earlier else None

    def team_for(self, service: str) -> Team | None:
        kinds = [k for k, s in TEAM_SERVICE.items() if s == service]
        teams = [t for k in kinds for t in self.by_kind.get(k, [])]
        return self.rng.choice(teams) if teams else None


def _financial_years(today: date) -> list[tuple[date, date]]:
    start = date(today.year if today.month >= 4 else today.year - 1, 4, 1)
    years = [(date(start.year - n, 4, 1), date(start.year - n + 1, 3, 31)) for n in range(YEARS_BACK, 0, -1)]
    return [*years, (start, today - timedelta(days=1))]


def _day_in(rng: random.Random, start: date, end: date) -> date:
    day = start + timedelta(days=rng.randrange((end - start).days + 1))
    while not is_working_day(day) and rng.random() < 0.8 and day + timedelta(days=1) <= end:
        day += timedelta(days=1)  # most complaints arrive on working days
    return day


def _name(rng: random.Random, family: str = "") -> str:
    given = rng.choice(GIVEN_FEMALE if rng.random() < 0.7 else GIVEN_MALE)
    return f"{given} {family or rng.choice(FAMILY)}"


def make_complaints(*, seed: int, authority: Authority, today: date, scale: float) -> dict[str, int]:
    """Complaints, their stages, learning and Ombudsman referrals, and compliments. Returns how many of each."""
    rng = random.Random(f"{seed}-complaints")
    today = start_of(today).date()
    county = _County(rng, authority)
    out = _Rows()
    ids = next_ids(Complaint)
    stage_ids, compliment_ids = next_ids(ComplaintStage), next_ids(Compliment)
    for index, (start, end) in enumerate(_financial_years(today)):
        share = ((end - start).days + 1) / 365
        for kind in ("statutory", "corporate"):
            for _ in range(round(PER_YEAR[kind] * scale * share * rng.uniform(0.92, 1.08))):
                _complaint(rng, county, out, ids, stage_ids, kind, _day_in(rng, start, end), today, index)
        for _ in range(round(PER_YEAR["compliments"] * scale * share * rng.uniform(0.92, 1.08))):
            _compliment(rng, county, out, next(compliment_ids), _day_in(rng, start, end), authority.pk)
    for kind, stage, due in _due_this_week(rng, today):
        received = _before(due, procedures.stage_rule(kind, 1).response.working_days)  # type: ignore[union-attr]
        if stage == 2:  # stage 1 answered in time, well before stage 2 was asked for
            second = procedures.stage_rule(kind, 2)
            assert second is not None
            received = _before(_before(due, second.response.working_days), 16)
        _complaint(
            rng, county, out, ids, stage_ids, kind, received, today, YEARS_BACK, persona_due=(stage, due)
        )
    _write(out, authority.pk)
    return {"complaints": len(out.complaints), "statutory": sum(r[2] == "statutory" for r in out.complaints),
            "stages": len(out.stages), "open": out.open, "learning_actions": len(out.actions),
            "ombudsman": len(out.referrals), "compliments": len(out.compliments)}  # fmt: skip


def _due_this_week(rng: random.Random, today: date) -> list[tuple[str, int, date]]:
    """Four open complaints for the complaints persona, due on working days from today to the end of the week."""
    monday = (
        today - timedelta(days=today.weekday()) + (timedelta(days=7) if today.weekday() >= 5 else timedelta())
    )
    days = [
        d for d in (monday + timedelta(days=n) for n in range(5)) if d >= today and is_working_day(d)
    ] or [today]
    chosen = sorted(rng.choice(days) for _ in range(4))
    return [
        ("statutory", 1, chosen[0]),
        ("corporate", 1, chosen[1]),
        ("statutory", 2, chosen[2]),
        ("statutory", 1, chosen[3]),
    ]


def _complaint(rng: random.Random, county: _County, out: _Rows, ids: Any, stage_ids: Any, kind: str, received: date,
               today: date, year_index: int, persona_due: tuple[int, date] | None = None) -> None:  # fmt: skip
    if received >= today:
        return
    pk = next(ids)
    child = county.allocation_on(received) if kind == "statutory" else None
    if child is not None:
        team_id: int | None = child.team_id
        service = TEAM_SERVICE.get(county.team_kind[child.team_id], "safeguarding")
    else:
        weights = tuple(
            (s, w * (SEND_GROWTH**year_index if s == "send" else 1)) for s, w in CORPORATE_SERVICES
        )
        service = weighted(rng, weights)[0]
        team = county.team_for(service)
        team_id = team.pk if team else None
    who = weighted(rng, COMPLAINANT)[0]
    if who == "child" and not (child and child.open_record):
        who = "advocate"  # a restricted child's own name is not put where it would show
    family = child.name.split()[-1] if child else ""
    name = child.name if who == "child" and child else _name(rng, family if who == "parent" else "")
    subject = weighted(rng, SUBJECTS)[0]
    handler = county.persona if persona_due or rng.random() < 0.4 else rng.choice(county.officers)
    stages = _stages(rng, kind, received, today, persona_due)
    last = stages[-1]
    open_now = last["responded_on"] is None
    out.open += open_now
    out.complaints.append((pk, county.authority_id, kind, received, weighted(rng, HOW)[0], name, who, service, team_id,
                           subject, rng.choice(SUMMARIES[subject]), handler.pk, handler.pk,
                           datetime.combine(received, time(rng.randint(8, 17), rng.randrange(60)), tzinfo=LONDON),
                           last["number"], last["due_on"] if open_now else None,
                           None if open_now else last["responded_on"]))  # fmt: skip
    if child is not None:
        out.children.append((county.authority_id, pk, child.person_id))
    for s in stages:
        out.stages.append((next(stage_ids), county.authority_id, pk, s["number"], s["started_on"], s["first_due_on"],
                           s["due_on"], s["extended_to"], s["extension_reason"], s["panel_on"], s["findings_on"],
                           s["responded_on"], s["outcome"], s["response_summary"], s["in_time"]))  # fmt: skip
        if s["outcome"] in ("upheld", "partly_upheld") and rng.random() < LEARNS:
            _learning(rng, out, county, pk, subject, s["responded_on"], today, handler.pk)
    if not open_now and last["outcome"] != "withdrawn" and rng.random() < OMBUDSMAN[last["number"]]:
        referred = _after(last["responded_on"], rng.randint(10, 60))
        if referred < today:
            decided = _after(referred, rng.randint(30, 120))
            decision = (("premature", 1),) if last["number"] == 1 and kind == "statutory" and rng.random() < 0.5 \
                else DECISIONS  # fmt: skip
            done = decided < today
            out.referrals.append((county.authority_id, pk, referred, weighted(rng, decision)[0] if done else "",
                                  decided if done else None, ""))  # fmt: skip


def _stages(rng: random.Random, kind: str, received: date, today: date,
            persona_due: tuple[int, date] | None) -> list[dict[str, Any]]:  # fmt: skip
    """The stages a complaint went through up to today, the last possibly still open."""
    stages: list[dict[str, Any]] = []
    number, started = 1, received
    while True:
        rule = procedures.stage_rule(kind, number)
        assert rule is not None
        forced_open = persona_due is not None and persona_due[0] == number
        stage = _one_stage(rng, rule, started, today, forced_open, persona_due is not None)
        stages.append(stage)
        if stage["responded_on"] is None or stage["outcome"] == "withdrawn":
            return stages
        nxt = procedures.stage_rule(kind, number + 1)
        wants_more = persona_due is not None and persona_due[0] > number
        if nxt is None or not (wants_more or rng.random() < ESCALATES[(kind, number + 1)]):
            return stages
        if wants_more:  # asked for so that the next stage is due on the persona's day
            assert persona_due is not None
            started = _before(persona_due[1], nxt.response.working_days)
        else:
            started = _after(stage["responded_on"], rng.randint(3, 15))
        if started >= today:
            return stages
        number += 1


def _one_stage(rng: random.Random, rule: procedures.Stage, started: date, today: date, forced_open: bool,
               in_time_only: bool) -> dict[str, Any]:  # fmt: skip
    first_due = procedures.step_dues(rule, started, {})[procedures.RESPONSE]
    stage: dict[str, Any] = {"number": rule.number, "started_on": started, "first_due_on": first_due, "due_on": first_due,
                             "extended_to": None, "extension_reason": "", "panel_on": None, "findings_on": None,
                             "responded_on": None, "outcome": "", "response_summary": "", "in_time": None}  # fmt: skip
    latest = procedures.latest_extension(rule, started)
    if latest is not None and latest > first_due and not forced_open and rng.random() < EXTENDED:
        assert rule.response.extend_to is not None
        more = rng.randint(1, rule.response.extend_to - rule.response.working_days)
        stage["extended_to"] = stage["due_on"] = _after(first_due, more)
        stage["extension_reason"] = rng.choice(("Several staff to interview", "Waiting for records from a partner",
                                                "The complainant asked to meet first"))  # fmt: skip
    outcomes = OUTCOMES[rule.number]
    if in_time_only:  # the persona's complaints go on to the stage that is due this week
        outcomes = tuple(o for o in outcomes if o[0] != "withdrawn")
    outcome = weighted(rng, outcomes)[0]
    in_time = in_time_only or rng.random() < IN_TIME
    done: dict[str, date | None] = {}
    if outcome == "withdrawn":
        done[procedures.RESPONSE] = _after(started, rng.randint(1, 8))
    else:
        for step in rule.steps:
            base = started if step.counted_from == procedures.START else done[step.counted_from]
            assert base is not None
            allowed = step.working_days
            if step.key == procedures.RESPONSE and stage["extended_to"]:
                allowed = working_days_between(base, stage["extended_to"])
            days = rng.randint(max(1, allowed // 3), allowed) if in_time else allowed + rng.randint(1, 15)
            done[step.key] = _after(base, days)
    kept: dict[str, date | None] = {}
    for key in (s.key for s in rule.steps):  # only what had happened before today
        when = done.get(key)
        if forced_open or when is None or when >= today:
            break
        kept[key] = when
    stage["panel_on"], stage["findings_on"] = kept.get("panel"), kept.get("findings")
    if procedures.RESPONSE in kept:
        responded = kept[procedures.RESPONSE]
        stage["responded_on"], stage["outcome"] = responded, outcome
        stage["response_summary"] = rng.choice(RESPONSES[outcome]) if outcome != "withdrawn" else ""
        stage["in_time"] = None if outcome == "withdrawn" else procedures.answered_in_time(
            rule, started, kept, stage["extended_to"])  # fmt: skip
    elif len(rule.steps) > 1:
        stage["due_on"] = procedures.next_due(rule, started, kept)
    return stage


def _learning(rng: random.Random, out: _Rows, county: _County, complaint_id: int, subject: str, on: date, today: date,
              by: int) -> None:  # fmt: skip
    for _ in range(1 if rng.random() < 0.7 else 2):
        theme = subject if rng.random() < 0.7 else weighted(rng, SUBJECTS)[0]
        learning, action = rng.choice(LEARNING[theme])
        due = _after(on, rng.randint(10, 60))
        done = None
        if due < today and rng.random() < 0.8:
            done = _after(on, rng.randint(2, 75))
        elif rng.random() < 0.3:
            done = _after(on, rng.randint(2, 10))
        if done is not None and done >= today:
            done = None
        out.actions.append((county.authority_id, complaint_id, theme, learning, action, rng.choice(OWNERS), due, done,
                            on, by))  # fmt: skip


def _compliment(
    rng: random.Random, county: _County, out: _Rows, pk: int, received: date, authority_id: int
) -> None:
    service = weighted(rng, COMPLIMENT_SERVICES)[0]
    team = county.team_for(service)
    by = rng.choice(county.officers)
    out.compliments.append((pk, authority_id, received, service, team.pk if team else None,
                            weighted(rng, COMPLIMENT_FROM)[0], rng.choice(COMPLIMENTS), by.pk,
                            datetime.combine(received, time(rng.randint(8, 17)), tzinfo=LONDON)))  # fmt: skip


def _write(out: _Rows, authority_id: int) -> None:
    insert_rows(Complaint, ("id", "authority", "kind", "received_on", "how_received", "complainant_name",
                            "complainant_is", "service", "team", "subject", "summary", "handled_by", "recorded_by",
                            "recorded_at", "stage", "due_on", "closed_on"), out.complaints)  # fmt: skip
    insert_rows(ComplaintChild, ("authority", "complaint", "child"), out.children)
    insert_rows(ComplaintStage, ("id", "authority", "complaint", "number", "started_on", "first_due_on", "due_on",
                                 "extended_to", "extension_reason", "panel_on", "findings_on", "responded_on", "outcome",
                                 "response_summary", "in_time"), out.stages)  # fmt: skip
    insert_rows(LearningAction, ("authority", "complaint", "theme", "learning", "action", "owner", "due_on", "done_on",
                                 "recorded_on", "recorded_by"), out.actions)  # fmt: skip
    insert_rows(OmbudsmanReferral, ("authority", "complaint", "referred_on", "decision", "decided_on", "remedy"),
                out.referrals)  # fmt: skip
    insert_rows(Compliment, ("id", "authority", "received_on", "service", "team", "from_who", "summary", "recorded_by",
                             "recorded_at"), out.compliments)  # fmt: skip
    reset_sequences(Complaint, ComplaintChild, ComplaintStage, LearningAction, OmbudsmanReferral, Compliment)
