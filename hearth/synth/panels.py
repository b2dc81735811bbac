"""Completed tools and the panels they refer to, and family group conferences, for the demo county.

- Neglect (in the style of the Graded Care Profile, seed 003): every child on a protection plan under
  neglect, scored during the enquiry and again about three months into the plan.
- DASH: with the mother in about 60% of the families social workers and key workers hold where domestic
  abuse is a factor (a domestic violence factor at assessment, or about one family in five); about 15%
  reach the MARAC threshold. Each high one is referred to MARAC, as tool_complete does: referrals from the
  last five weeks wait for the next MARAC; older ones were heard with the partner agencies and set actions.
- Exploitation risk factor matrix (seed 001): about one teenager in six of those held, and most of those
  with a going missing or exploitation factor; the high ones go to the exploitation panel the same way.
- Family group conferences at every level of need (seed 003): about 20 a year per 10,000 children, which is
  what seed 000's £510,000 a year for family group conferencing buys at about £1,300 each. Requested in the
  last year: some waiting for a coordinator or for the conference, some held with the family's plan and its
  review due, most closed with the outcome (usually an agreed plan; about one family in eight declines).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from hearth.accounts.models import User
from hearth.casework.models import AbuseCategory, Assessment, FgcOutcome, MeetingKind
from hearth.casework.timescales import fgc_review_due
from hearth.casework.tools.engine import definition
from hearth.chronology.models import EntryKind
from hearth.core.jinja import govuk_date
from hearth.organisation.models import TeamKind
from hearth.people.models import Person
from hearth.synth import wording
from hearth.synth.families import Family
from hearth.synth.meetings import (
    SHOWCASE_WORKER,
    Attendee,
    Casework,
    Known,
    age,
    arranged,
    at,
    attendance,
    cast_of,
    name_of,
    professional,
    staff_name,
    worker_role,
    working_day,
)
from hearth.synth.names import GIVEN_FEMALE

FGC_PER_10000 = 20  # a year
FGC_LEVELS = (("Early help", 0.4), ("Child in need", 0.4), ("Child protection", 0.2))
DOMESTIC_ABUSE = {"3A", "3B", "3C"}
EXPLOITATION = {"10A", "11A", "12A", "13A", "24A"}
MARAC_PARTNERS = (("Police", "DS"), ("IDVA", ""), ("Health", ""), ("Education", ""), ("Housing", ""))
EXPLOITATION_PARTNERS = (("Police", "PC"), ("Youth justice", ""), ("Education", ""), ("Health", ""))
PARENTS = {"Mother", "Father", "Mother’s partner"}
WAITING_DAYS = 35  # a panel hears a referral within about five weeks
HELD_TEAMS = {
    TeamKind.SAFEGUARDING,
    TeamKind.EARLY_HELP,
    TeamKind.DISABLED_CHILDREN,
    TeamKind.CHILDREN_IN_CARE,
}


def make_tools(rng: random.Random, work: Casework, known: Known) -> dict[str, int]:
    factors: dict[int, set[str]] = {}
    for person, codes in Assessment.objects.filter(authority_id=work.authority_id).values_list(
        "person_id", "factors"
    ):
        factors.setdefault(person, set()).update(codes or [])
    counts = {"neglect": _neglect(rng, work, known)}
    counts["dash"], counts["dash_high"] = _dash(rng, work, known, factors)
    counts["exploitation"], counts["exploitation_high"] = _exploitation(rng, work, known, factors)
    return counts


def _neglect(rng: random.Random, work: Casework, known: Known) -> int:
    items = [
        (area["title"], item["id"]) for area in definition("neglect").spec["areas"] for item in area["items"]
    ]
    made = 0
    for _, child, started, _, category in known.protection:
        worker = known.family_of[child.pk].worker
        if category != AbuseCategory.NEGLECT or worker is None:
            continue
        scored = [(started - timedelta(days=rng.randint(3, 12)), rng.choice((3, 4, 4)))]
        if (work.today - started).days > 110:
            scored.append((started + timedelta(days=rng.randint(85, 105)), rng.choice((2, 3, 3, 4))))
        for on, severity in scored:
            answers = {}
            for area, item in items:  # physical care and safety are where neglect shows first
                lift = 1 if area in ("Physical care", "Safety") else 0
                answers[item] = max(1, min(5, severity + lift + rng.choice((-2, -1, -1, 0, 0, 1))))
            work.tool(person=child, key="neglect", answers=answers, by=worker, completed_at=at(on, 14))
            made += 1
    return made


def _dash(rng: random.Random, work: Casework, known: Known, factors: dict[int, set[str]]) -> tuple[int, int]:
    questions = [q["id"] for q in definition("dash").spec["questions"]]
    made = high = 0
    for family in known.families:
        worker = family.worker
        if worker is None or family.team is None or family.team.kind not in HELD_TEAMS or not family.adults:
            continue
        flagged = any(factors.get(c.pk, set()) & DOMESTIC_ABUSE for c in family.children)
        if not (flagged or rng.random() < 0.2) or rng.random() > 0.6:
            continue
        yes = rng.randint(14, 20) if rng.random() < 0.15 else rng.randint(2, 12)
        answers = {q: "no" if rng.random() < 0.85 else "not_known" for q in questions}
        answers.update(dict.fromkeys(rng.sample(questions, yes), "yes"))
        mother = family.adults[0]
        on = work.today - timedelta(days=rng.randint(1, 180))
        _, result = work.tool(person=mother, key="dash", answers=answers, by=worker, completed_at=at(on, 11))
        made += 1
        if result.level == "high":
            high += 1
            reason = f"{definition('dash').title}: {result.summary}"
            _panel(rng, work, family, mother, worker, MeetingKind.MARAC, reason, on, MARAC_PARTNERS,
                   wording.MARAC_DECISIONS, wording.MARAC_ACTIONS)  # fmt: skip
    return made, high


def _exploitation(
    rng: random.Random, work: Casework, known: Known, factors: dict[int, set[str]]
) -> tuple[int, int]:
    indicators = definition("exploitation").spec["indicators"]
    by_level = {
        level: [i["id"] for i in indicators if i["level"] == level] for level in ("low", "medium", "high")
    }
    made = high = 0
    for family in known.families:
        worker = family.worker
        if worker is None or family.team is None or family.team.kind not in HELD_TEAMS:
            continue
        for child in family.children:
            if not 12 <= age(child, work.today) <= 17:
                continue
            flagged = bool(factors.get(child.pk, set()) & EXPLOITATION)
            if rng.random() > (0.7 if flagged else 0.16):
                continue
            roll = rng.random() - (0.1 if flagged else 0)
            present = rng.sample(by_level["low"], rng.randint(0, 2))
            if roll < 0.05:  # high: one high indicator, or three medium ones
                present += (
                    rng.sample(by_level["high"], 1)
                    if rng.random() < 0.5
                    else rng.sample(by_level["medium"], 3)
                )
            elif roll < 0.45:
                present += rng.sample(by_level["medium"], rng.randint(1, 2))
            answers = {i["id"]: "yes" if i["id"] in present else rng.choice(("no", "no", "no", "not_known"))
                       for i in indicators}  # fmt: skip
            on = work.today - timedelta(days=rng.randint(1, 240))
            _, result = work.tool(person=child, key="exploitation", answers=answers, by=worker,
                                  completed_at=at(on, 15))  # fmt: skip
            made += 1
            if result.level == "high":
                high += 1
                reason = f"{definition('exploitation').title}: {result.summary}"
                _panel(rng, work, family, child, worker, MeetingKind.EXPLOITATION, reason, on,
                       EXPLOITATION_PARTNERS, wording.EXPLOITATION_DECISIONS, wording.EXPLOITATION_ACTIONS)  # fmt: skip
    return made, high


def _panel(rng: random.Random, work: Casework, family: Family, person: Person, worker: User, kind: MeetingKind,
           reason: str, referred: date, partners: tuple[tuple[str, str], ...], decisions: tuple[str, ...],
           actions: tuple[tuple[str, str], ...]) -> None:  # fmt: skip
    """The panel meeting a high score refers to: waiting, or heard with the partner agencies."""
    created = at(referred, 12)
    service = "Early help" if worker_role(worker) == "Key worker" else "Children’s social care"
    cast = [Attendee(staff_name(worker), service, worker)]
    cast += [Attendee(professional(rng, title), role) for role, title in partners]
    where = (
        "Brackenshire MARAC, Fernbridge police station (or online)"
        if kind == MeetingKind.MARAC
        else f"{family.district.name} exploitation panel, council offices"
    )
    held_on = working_day(referred + timedelta(days=rng.randint(10, 30)))
    if (work.today - referred).days <= WAITING_DAYS or held_on >= work.today:
        work.due_meeting(rng, person=person, kind=kind, due_on=None, created_at=created, attendees=cast,
                         starts_at=arranged(rng, work.today, None), location=where, reason=reason)  # fmt: skip
        work.chronicle(person, created, EntryKind.MEETING, f"{kind.label} needed: {reason}", "casework.meeting",
                       work.meetings[-1][0], worker)  # fmt: skip
        return
    first = person.given_name
    starts = at(held_on, 9, 30) if kind == MeetingKind.MARAC else at(held_on, 14)
    meeting = work.held_meeting(rng, person=person, kind=kind, due_on=None, held_on=held_on, starts_at=starts, by=worker,
                                attendees=attendance(rng, cast), title=f"{kind.label} held on {govuk_date(held_on)}",
                                decisions=wording.fill(rng.choice(decisions), first, rng, name_of(person)),
                                location=where, created_at=created, reason=reason)  # fmt: skip
    for what, who in rng.sample(actions, rng.randint(2, 3)):
        due = held_on + timedelta(days=rng.randint(7, 28))
        work.action(person=person, description=wording.fill(what, first, rng, name_of(person)), due_on=due,
                    created_by=worker, owner_name=who, meeting=meeting, done_on=work.done_or_not(rng, due, 0.8, held_on))  # fmt: skip
    due = held_on + timedelta(days=rng.randint(5, 20))
    work.action(person=person, description="Share the panel’s plan with the family and the school", due_on=due,
                created_by=worker, owner=worker, meeting=meeting, done_on=work.done_or_not(rng, due, 0.75, held_on))  # fmt: skip


def make_fgcs(rng: random.Random, work: Casework, known: Known, children: int) -> dict[str, int]:
    pools: dict[str, list[tuple[Family, Person]]] = {level: [] for level, _ in FGC_LEVELS}
    for family in known.families:
        team = family.team
        if family.worker is None or team is None or not family.adults:
            continue
        on_plan = [c for c in family.children if c.pk in known.on_plan]
        if on_plan:
            pools["Child protection"].append((family, on_plan[0]))
        elif team.kind == TeamKind.EARLY_HELP:
            pools["Early help"].append((family, family.children[0]))
        elif team.kind in (TeamKind.SAFEGUARDING, TeamKind.DISABLED_CHILDREN):
            pools["Child in need"].append((family, family.children[0]))
    wanted = max(1, round(children * FGC_PER_10000 / 10_000))
    counts: dict[str, int] = {"fgc": 0, "fgc_open": 0}
    showcase = next(((level, f, c) for level in ("Child in need", "Child protection") for f, c in pools[level]
                     if f.worker is not None and f.worker.username == SHOWCASE_WORKER), None)  # fmt: skip
    if showcase:  # sw.aldermoor's conference in progress: coordinator found, the meeting next week
        level, family, child = showcase
        pools[level].remove((family, child))
        today = work.today
        _fgc(rng, work, known, family, child, level, today - timedelta(days=20), counts,
             conference_on=working_day(today + timedelta(days=6), later=True), declined=False)  # fmt: skip
    for level, share in FGC_LEVELS:
        pool = pools[level]
        for family, child in rng.sample(pool, min(len(pool), round(wanted * share))):
            requested = work.today - timedelta(days=rng.randint(1, 365))
            _fgc(rng, work, known, family, child, level, requested, counts)
    return counts


def _fgc(rng: random.Random, work: Casework, known: Known, family: Family, child: Person, level: str, requested: date,
         counts: dict[str, int], conference_on: date | None = None, declined: bool | None = None) -> None:  # fmt: skip
    """One family group conference, as far as it has got: requested, coordinator allocated, conference
    arranged and held with the family's plan, the plan reviewed and the request closed."""
    today, worker = work.today, family.worker
    assert worker is not None
    first = child.given_name
    pool = [u for u in known.key_workers.get(family.district.pk, [])[:3] if u != worker][:2]
    allocated = requested + timedelta(days=rng.randint(2, 8))
    coordinator = rng.choice(pool) if pool and allocated < today else None
    conference_on = conference_on or requested + timedelta(days=rng.randint(28, 56))
    declined = rng.random() < 0.12 if declined is None else declined
    closed = requested + timedelta(days=rng.randint(10, 25))
    reason = wording.fill(rng.choice(wording.FGC_REASONS), first, rng)
    counts["fgc"] += 1
    # The family's own meeting: the worker and the parents, no school or health.
    cast = [a for a in cast_of(rng, family, child, worker, today) if a.user or a.role in PARENTS]
    mother = family.adults[0]
    cast += [Attendee(f"{rng.choice(GIVEN_FEMALE)} {mother.family_name}", "Maternal grandmother"),
             Attendee(f"{rng.choice(GIVEN_FEMALE)} {mother.family_name}", "Aunt")]  # fmt: skip
    if coordinator:
        cast.insert(0, Attendee(staff_name(coordinator), "Coordinator", coordinator))
    if declined and closed < today:
        pk = work.fgc(person=child, requested_on=requested, requested_by=worker, level=level, reason=reason,
                      coordinator=coordinator, outcome=FgcOutcome.DECLINED, closed_on=closed)  # fmt: skip
        _fgc_chronology(work, child, pk, worker, coordinator, level, requested, allocated)
        work.chronicle(child, at(closed, 15), EntryKind.MEETING, f"Family group conference closed: "
                       f"{FgcOutcome.DECLINED.label}", "casework.familygroupconference", pk, coordinator or worker, True)  # fmt: skip
        return
    if conference_on >= today:
        counts["fgc_open"] += 1
        pk = work.fgc(person=child, requested_on=requested, requested_by=worker, level=level, reason=reason,
                      coordinator=coordinator)  # fmt: skip
        _fgc_chronology(work, child, pk, worker, coordinator, level, requested, allocated)
        links: dict[str, Any] = {"person": child, "kind": MeetingKind.FGC, "reason": f"Requested at {level.lower()}",
                                 "created_at": at(requested, 14), "fgc": pk}  # fmt: skip
        if coordinator and (conference_on - today).days <= 21:
            work.meeting(**links, starts_at=at(conference_on, 18), minutes=150, location="Family home",
                         invitations_sent_at=max(at(allocated, 16), work.now - timedelta(days=rng.randint(2, 9))),
                         attendees=cast)  # fmt: skip
        else:
            work.meeting(**links)
        return
    review_due = fgc_review_due(conference_on)
    review_on = min(review_due + timedelta(days=rng.randint(-7, 7)), today - timedelta(days=1))
    reviewed = review_due + timedelta(days=rng.randint(0, 10)) < today
    outcome = rng.choices(
        [FgcOutcome.PLAN_AGREED, FgcOutcome.PLAN_NOT_AGREED, FgcOutcome.NO_PLAN], (85, 8, 7)
    )[0]
    plan_text = (
        wording.fill(rng.choice(wording.FAMILY_PLANS), first, rng) if outcome != FgcOutcome.NO_PLAN else ""
    )
    counts["fgc_open"] += not reviewed
    pk = work.fgc(person=child, requested_on=requested, requested_by=worker, level=level, reason=reason,
                  coordinator=coordinator, family_plan=plan_text, outcome=outcome if reviewed else "",
                  closed_on=review_on if reviewed else None)  # fmt: skip
    _fgc_chronology(work, child, pk, worker, coordinator, level, requested, allocated)
    by = coordinator or worker
    meeting = work.held_meeting(rng, person=child, kind=MeetingKind.FGC, due_on=None, held_on=conference_on,
                                starts_at=at(conference_on, 18), minutes=150, by=by,
                                attendees=attendance(rng, cast), reason=f"Requested at {level.lower()}",
                                decisions=f"The family met in private time and made their plan.\n\n{plan_text}".strip(),
                                title=f"Family group conference held on {govuk_date(conference_on)}; the family’s "
                                      f"plan is reviewed by {govuk_date(review_due)}",
                                location="Family home", created_at=at(requested, 14), fgc=pk)  # fmt: skip
    for what, who in rng.sample(wording.FGC_ACTIONS, rng.randint(1, 3)):
        due = conference_on + timedelta(days=rng.randint(7, 42))
        work.action(person=child, description=wording.fill(what, first, rng), due_on=due, created_by=by,
                    owner=worker if who == wording.WORKER else None, owner_name=who, meeting=meeting,
                    done_on=work.done_or_not(rng, due, 0.8, conference_on))  # fmt: skip
    if not reviewed:
        work.due_meeting(rng, person=child, kind=MeetingKind.FGC_REVIEW, due_on=review_due, created_at=at(conference_on, 21),
                         starts_at=arranged(rng, today, review_due), attendees=cast, location="Family home", fgc=pk)  # fmt: skip
        return
    work.held_meeting(rng, person=child, kind=MeetingKind.FGC_REVIEW, due_on=review_due, held_on=review_on,
                      starts_at=at(review_on, 16), by=by,
                      attendees=attendance(rng, cast), title=f"Family group conference review held on "
                      f"{govuk_date(review_on)}", decisions="The family went through their plan and what has changed.",
                      location="Family home", created_at=at(conference_on, 21), fgc=pk)  # fmt: skip
    work.chronicle(child, at(review_on, 17), EntryKind.MEETING, f"Family group conference closed: {outcome.label}",
                   "casework.familygroupconference", pk, by, True)  # fmt: skip


def _fgc_chronology(work: Casework, child: Person, pk: int, worker: User, coordinator: User | None, level: str,
                    requested: date, allocated: date) -> None:  # fmt: skip
    work.chronicle(child, at(requested, 14), EntryKind.MEETING, f"Family group conference requested ({level.lower()})",
                   "casework.familygroupconference", pk, worker)  # fmt: skip
    if coordinator:
        work.chronicle(child, at(allocated, 16), EntryKind.MEETING, f"Family group conference coordinator: "
                       f"{staff_name(coordinator)}", "casework.familygroupconference", pk, worker)  # fmt: skip
