"""Reviews, visits, health checks and personal education plans of each child looked after now, on the
timescales of hearth.care.timescales: most in date, about one child in twenty with a review or a visit
overdue."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from hearth.accounts.models import User
from hearth.care.models import CareReview, CareVisit, EducationPlan, HealthCheck, HealthKind
from hearth.care.timescales import education_plan_due, health_due, review_due, visit_due
from hearth.casework.timescales import add_months
from hearth.core.dates import birthday
from hearth.synth.care_history import Story, years
from hearth.synth.care_write import CareRows
from hearth.synth.chance import weighted
from hearth.synth.meetings import working_day

OVERDUE = 0.05
PARTICIPATION = (("PN1", 40), ("PN2", 8), ("PN3", 14), ("PN4", 5), ("PN5", 14), ("PN6", 12), ("PN7", 7))
DECISIONS = (
    "The care plan continues. {first} is settled; contact with family stays as agreed.",
    "The care plan continues. The social worker to refer {first} for therapeutic support.",
    "Permanence plan confirmed. Life story work to start before the next review.",
    "Contact to be reviewed; {first} asked to see their brother more often.",
    "The care plan continues. The personal education plan to add support with reading.",
    "The placement meets {first}’s needs. Carers to be supported with training on trauma.",
)
SCHOOLS = {
    "primary": (
        "Primary School",
        "Church of England Primary School",
        "Community Primary School",
        "Infant School",
    ),
    "secondary": ("Academy", "High School", "College", "School"),
}
TARGETS = (
    "Improve attendance to above 95% this term.",
    "Reading: move up one book band with daily reading at home.",
    "Maths: catch-up sessions twice a week with a tutor funded by the pupil premium plus.",
    "Join an after-school club to build friendships.",
    "Careers interview and a college taster day before the end of term.",
    "Agree a plan with the SENCo for support in lessons.",
)
HISTORY = timedelta(days=3 * 365)  # how far back health checks and plans are written


def make_reviews(
    rng: random.Random, rows: CareRows, stories: list[Story], iros: list[User], today: date
) -> int:
    """Writes the rows and sets each story's next review and visit; returns the number of reviews held."""
    held_count = 0
    for n, story in enumerate(stories):
        chair = iros[n % len(iros)] if iros else None
        held_count += _reviews(rng, rows, story, chair, today)
        _visits(rng, rows, story, today)
        _health(rng, rows, story, today)
        _education(rng, rows, story, today)
    return held_count


def _late(rng: random.Random) -> bool:
    return rng.random() < OVERDUE


def _reviews(rng: random.Random, rows: CareRows, story: Story, chair: User | None, today: date) -> int:
    """Reviews held on their timescales, then the next one due; for a few children the last one due has not
    been held, so it is overdue."""
    child, born = story.child, story.child.date_of_birth
    assert born is not None
    held: list[tuple[int, date, date]] = []
    due = review_due(period_start=story.start, number=1)
    while due < today:
        on = min(due - timedelta(days=rng.choice((0, 0, 1, 2, 3, 5, 7))), today - timedelta(days=1))
        on = max(
            working_day(on), story.start + timedelta(days=1), held[-1][2] + timedelta(days=1) if held else on
        )
        held.append((len(held) + 1, due, on))
        due = review_due(period_start=story.start, number=len(held) + 1, previous_held_on=on)
    if held and _late(rng):
        due = held.pop()[1]
    by = chair.pk if chair else None
    for number, due_on, on in held:
        code = "PN0" if years(born, on) < 4 else weighted(rng, PARTICIPATION)[0]
        rows.add(CareReview, child.pk, story.pk, number, due_on, on, code, by,
                 rng.choice(DECISIONS).format(first=child.given_name))  # fmt: skip
    rows.add(CareReview, child.pk, story.pk, len(held) + 1, due, None, "", by, "")
    story.extra["next_review"] = due
    return len(held)


def _visits(rng: random.Random, rows: CareRows, story: Story, today: date) -> None:
    """Statutory visits in the current placement (the last two years of them); for a few children the last
    one due has not happened."""
    child, spell, worker = story.child, story.current, story.worker
    born = child.date_of_birth
    assert born is not None
    since = today - timedelta(days=2 * 365)
    last: date | None = since if spell.start < since else None
    visits: list[tuple[date, date]] = []  # (due, visited)
    while (due := visit_due(placement_start=spell.start, last_visit_on=last)) < today:
        on = max(
            spell.start, due - timedelta(days=rng.randint(0, 10)), (last or spell.start) + timedelta(days=1)
        )
        visits.append((due, min(on, today - timedelta(days=1))))
        last = visits[-1][1]
    if visits and _late(rng):
        due = visits.pop()[0]
    for _, on in visits:
        rows.add(CareVisit, child.pk, story.pk, spell.pk, on, years(born, on) >= 5 and rng.random() < 0.8,
                 worker.pk if worker else None)  # fmt: skip
    story.extra["next_visit"] = due


def _health(rng: random.Random, rows: CareRows, story: Story, today: date) -> None:
    child, worker = story.child, story.worker
    born = child.date_of_birth
    assert born is not None
    by = worker.pk if worker else None

    def check(kind: str, on: date, score: int | None = None, reason: str = "", notes: str = "") -> None:
        if on >= today - HISTORY:
            rows.add(HealthCheck, child.pk, story.pk, kind, on, score, reason, notes, by)

    initial_due = health_due(kind="initial", period_start=story.start, last_on=None, age=0)
    if initial_due is None or initial_due - timedelta(days=5) >= today:
        return
    initial = min(initial_due + timedelta(days=rng.randint(-8, 12)), today - timedelta(days=1))
    initial = max(initial, story.start + timedelta(days=1))
    check(
        HealthKind.INITIAL, initial, notes="Initial health assessment by the looked-after children’s nurse."
    )
    for kind in (HealthKind.REVIEW, HealthKind.DENTAL, HealthKind.SDQ):
        last: date | None = initial if kind == HealthKind.REVIEW else None
        late = rng.random() < 0.08
        while True:
            due: date | None = (
                add_months(last or story.start, 12)
                if kind == HealthKind.SDQ
                else health_due(
                    kind=kind, period_start=story.start, last_on=last, age=years(born, last or initial)
                )
            )
            if due is None or due >= today or (late and due >= today - timedelta(days=60)):
                break
            on = min(due - timedelta(days=rng.randint(0, 25)), today - timedelta(days=1))
            on = max(on, (last or story.start) + timedelta(days=1))
            if kind == HealthKind.SDQ:
                if 4 <= years(born, on) <= 16:
                    if rng.random() < 0.06:
                        check(kind, on, reason=rng.choice(("SDQ2", "SDQ4", "SDQ5")))
                    else:
                        check(kind, on, score=max(0, min(40, round(rng.gauss(14, 7)))))
            else:
                check(kind, on)
            last = on
    if rng.random() < 0.88:
        check(HealthKind.IMMUNISATIONS, max(initial, today - timedelta(days=rng.randint(20, 300))),
              notes="Immunisations up to date (GP record checked).")  # fmt: skip


def _education(rng: random.Random, rows: CareRows, story: Story, today: date) -> None:
    child, worker = story.child, story.worker
    born = child.date_of_birth
    assert born is not None
    if not 3 <= years(born, today) <= 17:
        return
    district = child.district.name if child.district else "Brackenshire"
    phase = "primary" if years(born, today) < 11 else "secondary"
    school = f"{district} {rng.choice(SCHOOLS[phase])}"
    late = rng.random() < 0.08
    start = max(story.start, birthday(born, 3))
    last: date | None = None
    plans: list[tuple[Any, ...]] = []
    while True:
        due = education_plan_due(period_start=start, last_on=last, age=years(born, last or start))
        if due is None or due >= today or (late and due >= today - timedelta(days=45)):
            break
        on = max(
            (last or start) + timedelta(days=1),
            min(due - timedelta(days=rng.randint(0, 14)), today - timedelta(days=1)),
        )
        plans.append(
            (child.pk, story.pk, on, school, " ".join(rng.sample(TARGETS, 2)), worker.pk if worker else None)
        )
        last = on
    for plan in plans[-6:]:  # the last two school years
        rows.add(EducationPlan, *plan)
