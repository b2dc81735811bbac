"""Child protection plans for the demo county, at about 34 per 10,000 children (seed 000, paragraph 4).

Children are chosen from those allocated to safeguarding teams; each has the strategy discussion and
initial conference that started the plan, the plan with its core group and review dates, the next review
conference due (a few overdue), an open child protection involvement, and the chronology entries.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from hearth.casework.models import (
    AbuseCategory,
    Conference,
    ConferenceKind,
    Involvement,
    InvolvementKind,
    ProtectionPlan,
    StrategyDiscussion,
)
from hearth.casework.timescales import add_months, core_group_due, cp_visit_due, initial_conference_due
from hearth.chronology.models import ChronologyEntry, EntryKind
from hearth.organisation.models import Authority, TeamKind
from hearth.people.models import Person
from hearth.synth.chance import LONDON, start_of, weighted
from hearth.synth.families import Family
from hearth.synth.meetings import SHOWCASE_WORKER, working_day
from hearth.synth.rows import insert_rows

CP_PER_10000 = 34
CATEGORIES = ((AbuseCategory.NEGLECT, 48), (AbuseCategory.EMOTIONAL, 36), (AbuseCategory.PHYSICAL, 8),
              (AbuseCategory.SEXUAL, 4), (AbuseCategory.MULTIPLE, 4))  # fmt: skip


def make_protection_plans(rng: random.Random, authority: Authority, families: list[Family], children: int,
                          today: date) -> int:  # fmt: skip
    # Children born at least six weeks ago: a plan starts a month or more after birth (no pre-birth plans).
    candidates = [(c, f.worker) for f in families if f.team is not None and f.team.kind == TeamKind.SAFEGUARDING
                  for c in f.children if f.worker is not None and _born(c) <= today - timedelta(days=42)]  # fmt: skip
    wanted = min(len(candidates), round(children * CP_PER_10000 / 10_000))
    chosen = rng.sample(candidates, wanted)
    if chosen and not any(w.username == SHOWCASE_WORKER for _, w in chosen):  # the demo's worker has one
        chosen[-1] = next((cw for cw in candidates if cw[1].username == SHOWCASE_WORKER), chosen[-1])
    discussions, plans, starts = [], [], []
    for child, worker in chosen:
        # The plan starts at the initial conference, held on a working day; a few so recent their first core
        # group is due. The strategy discussion that started the section 47 enquiry was two or three weeks before.
        start = working_day(today - timedelta(days=rng.randint(3, 540)))
        if start < _born(child) + timedelta(days=30):
            start = working_day(_born(child) + timedelta(days=30), later=True)
        strategy_on = working_day(start - timedelta(days=rng.randint(14, 21)))
        discussions.append(StrategyDiscussion(authority=authority, person=child, held_on=strategy_on, section_47=True,
                                              attendees="Police, health, children's social care", recorded_by=worker))  # fmt: skip
        review = add_months(start, 3)
        while review < today - timedelta(
            days=rng.choice((3, 30, 30, 30))
        ):  # most reviews held; a few overdue
            review = add_months(review, 6)
        category = weighted(rng, CATEGORIES)[0]
        last_visit = max(start, today - timedelta(days=rng.randint(0, 16)))  # a few overdue
        plans.append(ProtectionPlan(authority=authority, person=child, category=category, started_on=start,
                                    core_group_due_on=core_group_due(start), next_review_due_on=review,
                                    next_visit_due_on=cp_visit_due(last_visit)))  # fmt: skip
        starts.append((child, worker, start, strategy_on))
    StrategyDiscussion.objects.bulk_create(discussions, batch_size=2000)
    ProtectionPlan.objects.bulk_create(plans, batch_size=2000)
    conferences = []
    for discussion, plan in zip(discussions, plans, strict=True):
        conferences.append(Conference(authority=authority, person=plan.person, kind=ConferenceKind.INITIAL,
                                      strategy_discussion=discussion, due_on=initial_conference_due(discussion.held_on),
                                      held_on=plan.started_on, plan_needed=True))  # fmt: skip
        conferences.append(Conference(authority=authority, person=plan.person, kind=ConferenceKind.REVIEW, plan=plan,
                                      due_on=plan.next_review_due_on))  # fmt: skip
    Conference.objects.bulk_create(conferences, batch_size=2000)
    _open_episode_by(rng, authority, starts)
    a, now = authority.pk, start_of(today)
    insert_rows(Involvement, ["authority", "person", "kind", "started_on", "closure_reason"],
                [(a, plan.person.pk, InvolvementKind.CHILD_PROTECTION, plan.started_on, "") for plan in plans])  # fmt: skip
    chronology: list[tuple[Any, ...]] = []
    for (child, worker, start, strategy_on), plan in zip(starts, plans, strict=True):
        for day, title in ((strategy_on, "Strategy discussion: section 47 enquiry started"),
                           (start, f"Child protection plan started ({plan.get_category_display()})")):  # fmt: skip
            chronology.append((a, child.pk, datetime.combine(day, time(11), tzinfo=LONDON), EntryKind.REFERRAL, title,
                               "", "casework.protectionplan", str(plan.pk), True, False, worker.pk, now))  # fmt: skip
    insert_rows(ChronologyEntry, ["authority", "person", "occurred_at", "kind", "title", "detail", "source_type",
                                  "source_id", "significant", "hidden", "recorded_by", "recorded_at"], chronology)  # fmt: skip
    return len(plans)


def _born(child: Person) -> date:
    return child.date_of_birth or date.min


def _open_episode_by(
    rng: random.Random, authority: Authority, starts: list[tuple[Person, Any, date, date]]
) -> None:
    """The child's episode of need (their open social care involvement, from hearth.synth.families) was open
    by the strategy discussion: the enquiry, conference and plan all belong to it (CIN census 2885, 2883)."""
    by = {child.pk: strategy_on for child, _, _, strategy_on in starts}
    born = {child.pk: _born(child) for child, *_ in starts}
    moved = []
    for involvement in Involvement.objects.filter(
        authority=authority, kind=InvolvementKind.SOCIAL_CARE, ended_on__isnull=True, person_id__in=list(by)
    ).order_by("pk"):
        strategy_on = by[involvement.person_id]
        if involvement.started_on > strategy_on:
            involvement.started_on = max(
                strategy_on - timedelta(days=rng.randint(0, 14)), born[involvement.person_id]
            )
            moved.append(involvement)
    Involvement.objects.bulk_update(moved, ["started_on"], batch_size=500)
