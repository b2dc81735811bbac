"""Plans and their meetings for the demo county: core groups for every child protection plan, child in need
plans with their reviews, early help assessments and family plans with team-around-the-family reviews; then
the tools and family group conferences (hearth.synth.panels). Called last by hearth.synth.county.

Rates: seed 000 (paragraph 4) counts 270 children in need per 10,000, 34 of them on a child protection plan.
Every child held by a safeguarding or disabled children's team who is not on a protection plan has a child
in need plan once their assessment is done (about 150 per 10,000: the rest of the 270 are looked after, on
protection plans or still being assessed). Every child open to early help has an early help assessment
and a family plan. Plans written in the last three weeks are drafts or with a manager. Meetings follow
hearth.casework.timescales: core groups every 6 weeks after the first (10 working days after the initial
conference), child in need reviews every 3 months, family plan reviews every 6 weeks; a few are overdue.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from hearth.accounts.models import User
from hearth.accounts.roles import Role
from hearth.casework.models import (
    Involvement,
    InvolvementKind,
    MeetingKind,
    PlanKind,
    PlanStatus,
    ProtectionPlan,
)
from hearth.casework.plans import REVIEW_KIND
from hearth.casework.timescales import add_months, next_core_group_due, plan_review_due
from hearth.chronology.models import EntryKind
from hearth.core.jinja import govuk_date
from hearth.organisation.models import Authority, Team, TeamKind
from hearth.people.models import Allocation, Person
from hearth.synth import wording
from hearth.synth.chance import start_of, weighted
from hearth.synth.families import Family
from hearth.synth.meetings import (
    SHOWCASE_TEAM,
    SHOWCASE_WORKER,
    Attendee,
    Casework,
    Known,
    Schedule,
    age,
    at,
    attendance,
    cast_of,
    professional,
    schedule,
)
from hearth.synth.panels import make_fgcs, make_tools
from hearth.synth.rows import insert_rows

ASSESSED_AFTER = (35, 63)  # days from the involvement starting to its plan starting (the 45 working days)
RECENT = 21  # days: plans younger than this are not agreed yet
NOT_AGREED = ((PlanStatus.SUBMITTED, 45), (PlanStatus.DRAFT, 40), (PlanStatus.RETURNED, 15))
LATE: dict[str, float] = {
    MeetingKind.CORE_GROUP: 0.12,
    MeetingKind.CIN_REVIEW: 0.25,
    MeetingKind.FAMILY_REVIEW: 0.15,
}
RETURNED_COMMENTS = (
    "Please make the outcomes measurable: how will we know attendance has improved?",
    "Add what the school will do, and by when.",
    "The plan needs {first}’s own words about what they want to change.",
)


@dataclass
class PlanSpec:
    child: Person
    family: Family
    involvement: int
    involvement_start: date
    start: date
    status: str
    kind: str
    showcase: bool = False  # the showcase worker's child whose review is due in a few days


def make_casework(rng: random.Random, authority: Authority, families: list[Family], members: list[tuple[User, Team]],
                  children: int, today: date) -> dict[str, int]:  # fmt: skip
    """Write it all; returns counts for the summary (plans by kind and status, meetings held by kind...)."""
    known = _known(authority, families, members)
    work = Casework(authority.pk, today, start_of(today))
    for plan in known.protection:
        _core_groups(rng, work, known, *plan)
    specs = _child_in_need_specs(rng, known, today)
    _showcase(rng, specs, today)
    specs += _early_help_specs(rng, work, known, today)
    schedules: dict[tuple[int, str, date], Schedule] = {}
    for spec in specs:
        _plan(rng, work, known, spec, schedules)
    key_workers = _key_workers(authority, known)
    tools = make_tools(rng, work, known)
    fgcs = make_fgcs(rng, work, known, children)
    work.write()
    statuses: dict[str, int] = defaultdict(int)
    for row in work.plans:  # PLAN_FIELDS: kind, status
        statuses[f"{row[4]}_{row[11]}"] += 1
    return {**statuses, **{f"held_{k}": v for k, v in work.held.items()}, **tools, **fgcs,
            "meetings": len(work.meetings), "actions": len(work.actions), "key_workers_added": key_workers}  # fmt: skip


def _known(authority: Authority, families: list[Family], members: list[tuple[User, Team]]) -> Known:
    people = {c.pk: c for f in families for c in f.children}
    key_workers: dict[int, list[User]] = defaultdict(list)
    for user, team in members:
        if user.role == Role.PRACTITIONER and team.kind == TeamKind.EARLY_HELP:
            key_workers[team.district_id].append(user)
    protection = [
        (pk, people[person], started, due, category)
        for pk, person, started, due, category in ProtectionPlan.objects.filter(
            authority=authority, ended_on__isnull=True
        )
        .order_by("pk")
        .values_list("pk", "person_id", "started_on", "core_group_due_on", "category")
    ]
    involvements: dict[tuple[int, str], tuple[int, date]] = {}
    for pk, person, kind, started in (
        Involvement.objects.filter(authority=authority, ended_on__isnull=True,
                                   kind__in=[InvolvementKind.SOCIAL_CARE, InvolvementKind.EARLY_HELP])
        .order_by("pk").values_list("pk", "person_id", "kind", "started_on")
    ):  # fmt: skip
        involvements.setdefault((person, kind), (pk, started))
    return Known(
        families=families, family_of={c.pk: f for f in families for c in f.children},
        managers={team.pk: user for user, team in members if user.role == Role.TEAM_MANAGER},
        key_workers=dict(key_workers), protection=protection, involvements=involvements,
        on_plan={child.pk for _, child, *_ in protection},
    )  # fmt: skip


def _places(family: Family) -> tuple[str, ...]:
    return ("Family home", "Family home", f"{family.district.name} family hub, meeting room 2",
            "Online (Microsoft Teams)", f"{family.district.name} children’s centre")  # fmt: skip


def _actions(rng: random.Random, work: Casework, *, child: Person, worker: User, cast: list[Attendee], since: date,
             count: int, done_share: float, meeting: int | None = None, plan: int | None = None) -> None:  # fmt: skip
    """Who will do what by when: the worker or someone at the meeting."""
    roles = {a.role for a in cast}
    options = [a for a in wording.ACTIONS if a[1] == wording.WORKER or a[1] in roles]
    for what, who in rng.sample(options, min(count, len(options))):
        due = since + timedelta(days=rng.randint(7, 42))
        work.action(person=child, description=wording.fill(what, child.given_name, rng), due_on=due, created_by=worker,
                    owner=worker if who == wording.WORKER else None, owner_name=who, meeting=meeting, plan=plan,
                    done_on=work.done_or_not(rng, due, done_share, since))  # fmt: skip


def _core_groups(rng: random.Random, work: Casework, known: Known, plan: int, child: Person, started: date,
                 first_due: date, category: str) -> None:  # fmt: skip
    """The core group meetings of one child protection plan: held every six weeks, the next one due."""
    family = known.family_of[child.pk]
    worker = family.worker
    assert worker is not None
    cast = cast_of(rng, family, child, worker, work.today)
    if rng.random() < 0.3:
        cast.append(Attendee(professional(rng, "PC"), "Police"))
    cycle = _schedule(rng, work, first_due, next_core_group_due, started, family, MeetingKind.CORE_GROUP)
    created = at(started, 15)
    for n, (due, on, starts, where) in enumerate(cycle.held):
        title = (f"Core group meeting held on {govuk_date(on)}; next core group due "
                 f"{govuk_date(next_core_group_due(on))}")  # fmt: skip
        meeting = work.held_meeting(rng, person=child, kind=MeetingKind.CORE_GROUP, due_on=due, held_on=on,
                                    starts_at=starts, by=worker, attendees=attendance(rng, cast), title=title, location=where,
                                    decisions=wording.fill(rng.choice(wording.CORE_GROUP_DECISIONS), child.given_name, rng),
                                    created_at=created, significant=False, protection_plan=plan)  # fmt: skip
        latest = n == len(cycle.held) - 1
        _actions(rng, work, child=child, worker=worker, cast=cast, since=on, meeting=meeting,
                 count=rng.randint(2, 4) if latest else rng.randint(0, 1), done_share=0.55 if latest else 0.95)  # fmt: skip
        created = at(on, 16)
    work.due_meeting(rng, person=child, kind=MeetingKind.CORE_GROUP, due_on=cycle.next_due, created_at=created,
                     starts_at=cycle.next_starts, attendees=cast, location=cycle.next_where, protection_plan=plan)  # fmt: skip


def _schedule(rng: random.Random, work: Casework, first_due: date, after: Any, earliest: date, family: Family,
              kind: str, exact: bool = False) -> Schedule:  # fmt: skip
    late = not exact and rng.random() < LATE[kind]
    return schedule(rng, work.today, first_due, after, earliest=earliest, places=_places(family), late=late,
                    exact=exact)  # fmt: skip


def _child_in_need_specs(rng: random.Random, known: Known, today: date) -> list[PlanSpec]:
    """A plan for each child a safeguarding or disabled children's team holds, not on a protection plan,
    once the assessment is done; siblings' plans start together."""
    specs = []
    for family in known.families:
        if family.team is None or family.team.kind not in (TeamKind.SAFEGUARDING, TeamKind.DISABLED_CHILDREN):
            continue
        start: date | None = None
        status: str = PlanStatus.AGREED
        for child in family.children:
            involvement = known.involvements.get((child.pk, InvolvementKind.SOCIAL_CARE))
            if child.pk in known.on_plan or involvement is None:
                continue
            if start is None:
                start = involvement[1] + timedelta(days=rng.randint(*ASSESSED_AFTER))
                if (today - start).days <= RECENT:
                    status = weighted(rng, NOT_AGREED)[0]
            # A baby born since the family's plan started joins it from their own episode (from birth).
            joins, joined = max(start, involvement[1]), status
            if joins > start and (today - joins).days <= RECENT and status == PlanStatus.AGREED:
                joined = weighted(rng, NOT_AGREED)[0]
            if joins <= today - timedelta(days=2):  # otherwise still being assessed
                specs.append(PlanSpec(child, family, *involvement, joins, joined, PlanKind.CHILD_IN_NEED))
    return specs


def _showcase(rng: random.Random, specs: list[PlanSpec], today: date) -> None:
    """What the demo's sign-ins must find: sw.aldermoor a child whose plan review is due in a few days, and
    their team manager three plans waiting for approval."""
    theirs = [s for s in specs if s.family.worker is not None and s.family.worker.username == SHOWCASE_WORKER]
    if theirs:
        spec = min(theirs, key=lambda s: (s.involvement_start, s.child.pk))
        target, held = today + timedelta(days=5), 1
        while held < 3 and add_months(target, -3 * (held + 1)) >= spec.involvement_start:
            held += 1
        spec.start = max(add_months(target, -3 * held), spec.involvement_start)
        spec.status, spec.showcase = PlanStatus.AGREED, True
    team = sorted((s for s in specs if s.family.team and s.family.team.name == SHOWCASE_TEAM and not s.showcase),
                  key=lambda s: (s.start, s.child.pk), reverse=True)  # fmt: skip
    # The newest plan of each of three workers (or the newest three, in a smaller team) waits for the manager.
    waiting: list[PlanSpec] = []
    for spec in team:
        if len(waiting) < 3 and all(spec.family.worker != w.family.worker for w in waiting):
            waiting.append(spec)
    waiting += [s for s in team if all(s is not w for w in waiting)][: 3 - len(waiting)]
    for spec in team:
        if any(spec is w for w in waiting):
            spec.status = PlanStatus.SUBMITTED
            if (today - spec.start).days > RECENT:  # a new plan after a re-assessment
                spec.start = max(spec.involvement_start, today - timedelta(days=rng.randint(4, 12)))
        elif spec.status == PlanStatus.SUBMITTED:
            spec.status = PlanStatus.DRAFT


def _early_help_specs(rng: random.Random, work: Casework, known: Known, today: date) -> list[PlanSpec]:
    """Each child open to early help: the early help assessment with the family, then the family plan."""
    specs = []
    for family in known.families:
        if family.team is None or family.team.kind != TeamKind.EARLY_HELP or family.worker is None:
            continue
        assessed: date | None = None
        for child in family.children:
            involvement = known.involvements.get((child.pk, InvolvementKind.EARLY_HELP))
            if involvement is None:
                continue
            if assessed is None:
                assessed = min(involvement[1] + timedelta(days=rng.randint(5, 20)), today - timedelta(days=1))
                start = min(assessed + timedelta(days=rng.randint(0, 7)), today - timedelta(days=1))
                status = PlanStatus.AGREED if (today - start).days > 14 else weighted(rng, NOT_AGREED)[0]
            # A baby born since the family's assessment is assessed and joins the plan from their own episode.
            own_assessment, joins, joined = max(assessed, involvement[1]), max(start, involvement[1]), status
            if joins > start and (today - joins).days <= 14:
                joined = (
                    PlanStatus.DRAFT if joins >= today - timedelta(days=1) else weighted(rng, NOT_AGREED)[0]
                )
            work.tool(person=child, key="early_help", answers=_early_help_answers(rng, child, today),
                      by=family.worker, completed_at=min(at(own_assessment, 15), work.now))  # fmt: skip
            specs.append(PlanSpec(child, family, *involvement, joins, joined, PlanKind.FAMILY))
    return specs


EARLY_HELP_ITEMS = ("education_1", "early_years_1", "health_1", "health_2", "substances_1", "relationships_1",
                    "safety_1", "crime_1", "domestic_abuse_1", "housing_1", "money_1")  # fmt: skip


def _early_help_answers(rng: random.Random, child: Person, today: date) -> dict[str, Any]:
    """Mostly going well, with one to three areas where the family wants help."""
    young = age(child, today) < 5
    answers: dict[str, Any] = {item: rng.choice((1, 1, 2)) for item in EARLY_HELP_ITEMS}
    answers["education_1" if young else "early_years_1"] = 1
    needs = [i for i in EARLY_HELP_ITEMS if i != ("education_1" if young else "early_years_1")]
    for item in rng.sample(needs, rng.randint(1, 3)):
        answers[item] = rng.choice((3, 3, 3, 4, 4))
    if rng.random() < 0.06:  # serious enough to think about social care
        answers[rng.choice(needs)] = 5
    return answers


def _texts(rng: random.Random, spec: PlanSpec) -> tuple[str, str]:
    """The plan's needs and outcomes, from the templates for its kind (and for disabled children)."""
    first = spec.child.given_name
    if spec.kind == PlanKind.FAMILY:
        return wording.some(rng, wording.FAMILY_NEEDS, first), wording.some(
            rng, wording.FAMILY_OUTCOMES, first
        )
    if spec.family.team is not None and spec.family.team.kind == TeamKind.DISABLED_CHILDREN:
        return wording.some(rng, wording.DISABLED_NEEDS, first), wording.some(
            rng, wording.DISABLED_OUTCOMES, first
        )
    return wording.some(rng, wording.CIN_NEEDS, first), wording.some(rng, wording.CIN_OUTCOMES, first)


def _plan(rng: random.Random, work: Casework, known: Known, spec: PlanSpec,
          schedules: dict[tuple[int, str, date], Schedule]) -> None:  # fmt: skip
    """One plan as the services leave it: written, submitted, agreed by the manager and reviewed. Brothers'
    and sisters' plans that start together are reviewed together (`schedules`)."""
    child, family, kind, start = spec.child, spec.family, spec.kind, spec.start
    worker = family.worker
    assert worker is not None and family.team is not None
    manager = known.managers.get(family.team.pk, worker)
    first, label = child.given_name, PlanKind(kind).label
    needs, outcomes = _texts(rng, spec)
    fields: dict[str, Any] = {"person": child, "involvement": spec.involvement, "kind": kind, "started_on": start,
                              "needs": needs, "outcomes": outcomes, "created_by": worker}  # fmt: skip
    submitted = at(min(start + timedelta(days=rng.randint(0, 3)), work.today - timedelta(days=1)), 16)
    cast = cast_of(rng, family, child, worker, work.today)
    if spec.status != PlanStatus.AGREED:
        returned = spec.status == PlanStatus.RETURNED
        decided = min(submitted + timedelta(hours=20), work.now) if returned else None
        if spec.status == PlanStatus.DRAFT:
            plan = work.plan(**fields, status=PlanStatus.DRAFT)
            title, when, by = f"{label} started (draft)", at(start, 12), worker
        else:
            comment = wording.fill(rng.choice(RETURNED_COMMENTS), first, rng) if returned else ""
            plan = work.plan(**fields, status=spec.status, submitted_at=submitted, version=3 if returned else 2,
                             decided_by=manager if returned else None, decided_at=decided, manager_comment=comment)  # fmt: skip
            title = (
                f"{label} returned by the manager with comments"
                if returned
                else f"{label} submitted to a manager"
            )
            when, by = decided or submitted, manager if returned else worker
        work.chronicle(child, when, EntryKind.PLAN, title, "casework.plan", plan, by)
        count = rng.randint(0, 2) if spec.status == PlanStatus.DRAFT else rng.randint(2, 3)
        _actions(
            rng,
            work,
            child=child,
            worker=worker,
            cast=cast,
            since=start,
            count=count,
            done_share=0,
            plan=plan,
        )
        return
    review = REVIEW_KIND[PlanKind(kind)]
    key = (id(family), kind, start)
    if key not in schedules:
        schedules[key] = _schedule(rng, work, plan_review_due(kind, start), lambda d: plan_review_due(kind, d), start,
                                   family, review, exact=spec.showcase)  # fmt: skip
    cycle = schedules[key]
    decided_at = min(at(submitted.date() + timedelta(days=rng.randint(1, 6)), 11), work.now)
    plan = work.plan(**fields, status=PlanStatus.AGREED, next_review_due_on=cycle.next_due, submitted_at=submitted,
                     decided_by=manager, decided_at=decided_at, version=3)  # fmt: skip
    work.chronicle(child, decided_at, EntryKind.PLAN, f"{label} agreed by the manager; review due "
                   f"{govuk_date(plan_review_due(kind, start))}", "casework.plan", plan, manager, True)  # fmt: skip
    _actions(rng, work, child=child, worker=worker, cast=cast, since=start, count=rng.randint(2, 3), done_share=0.8,
             plan=plan)  # fmt: skip
    if spec.showcase:  # open actions for the showcase worker, one of them overdue
        for what, days in (("Chase the school nurse referral", -6),
                           ("Ask the school for an attendance report before the review", 9)):  # fmt: skip
            work.action(person=child, description=what, due_on=work.today + timedelta(days=days), created_by=worker,
                        owner=worker, plan=plan)  # fmt: skip
    decisions = (
        wording.CIN_REVIEW_DECISIONS if kind == PlanKind.CHILD_IN_NEED else wording.FAMILY_REVIEW_DECISIONS
    )
    created = decided_at
    for n, (due, on, starts, where) in enumerate(cycle.held):
        title = (f"{review.label} held on {govuk_date(on)}. Review: the plan continues; next review due "
                 f"{govuk_date(plan_review_due(kind, on))}")  # fmt: skip
        meeting = work.held_meeting(rng, person=child, kind=review, due_on=due, held_on=on, starts_at=starts, by=worker,
                                    attendees=attendance(rng, cast), title=title, location=where, created_at=created,
                                    decisions=wording.fill(rng.choice(decisions), first, rng), plan=plan)  # fmt: skip
        latest = n == len(cycle.held) - 1
        _actions(rng, work, child=child, worker=worker, cast=cast, since=on, meeting=meeting,
                 count=rng.randint(1, 3) if latest else rng.randint(0, 1), done_share=0.5 if latest else 0.95)  # fmt: skip
        created = at(on, 16)
    work.due_meeting(rng, person=child, kind=review, due_on=cycle.next_due, created_at=created,
                     starts_at=cycle.next_starts, attendees=cast, location=cycle.next_where, plan=plan)  # fmt: skip


def _key_workers(authority: Authority, known: Known) -> int:
    """Every child open to early help has a key worker: allocate one in the child's district to any who
    has not (the families made by hearth.synth.families all have one; this keeps that true)."""
    open_early_help = dict(
        Involvement.objects.filter(authority=authority, kind=InvolvementKind.EARLY_HELP, ended_on__isnull=True)
        .order_by("pk").values_list("person_id", "started_on")
    )  # fmt: skip
    keyed = set(
        Allocation.objects.filter(authority=authority, role="Key worker", ended_on__isnull=True).values_list(
            "person_id", flat=True
        )
    )
    missing = sorted(set(open_early_help) - keyed)
    districts = dict(Person.objects.filter(pk__in=missing).values_list("pk", "district_id"))
    rows = []
    for n, person in enumerate(missing):
        pool = known.key_workers.get(districts.get(person) or 0) or [
            u for us in known.key_workers.values() for u in us
        ]
        if pool:
            worker = pool[n % len(pool)]
            rows.append(
                (authority.pk, person, worker.pk, worker.team_id, "Key worker", open_early_help[person])
            )
    return insert_rows(Allocation, ["authority", "person", "worker", "team", "role", "started_on"], rows)
