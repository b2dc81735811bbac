"""Children who left care, and care leavers, for the demo county.

About 300 children stopped being looked after in the last three years: back home, with special guardians
or a child arrangements order, adopted, or (at 16 or 17) living independently. The care leavers teams'
young people left care at 18; each has a pathway plan and what their personal adviser learned when they
last kept in touch (SSDA903 OC3 codes). Categories follow hearth.care.leavers.leaver_category: 16 and 17
year olds in care are eligible, those who have left are relevant, 18 to 24 year olds former relevant.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from hearth.accounts.models import User
from hearth.care.codes import Category, category_of
from hearth.care.leavers import leaver_category
from hearth.care.models import CareLeaver, LeaverCategory, LeaverContact
from hearth.care.models import ProviderKind as K
from hearth.care.timescales import pathway_review_due
from hearth.core.dates import birthday
from hearth.people.models import Person
from hearth.synth.care_history import PARENT_CARERS, Story, Want, build, with_worker, years
from hearth.synth.care_permanence import Adoption
from hearth.synth.care_providers import Book
from hearth.synth.care_write import CareRows
from hearth.synth.chance import weighted
from hearth.synth.families import Family

LEFT_IN_THREE_YEARS = 300  # children who stopped being looked after in the last three years, at scale 1
RELEVANT = 15  # ... of them 16 or 17 now and living independently (relevant care leavers)
# Why children left care in the last three years, by where they are now, and the placement they left.
LEFT = {
    "relevant": (("E5", 70), ("E6", 30)),
    "cic": (("E4A", 40), ("E13", 10), ("E41", 8), ("E45", 10), ("E46", 5), ("E47", 8), ("E48", 3), ("E5", 10), ("E6", 6)),
    "team": (("E4A", 60), ("E13", 20), ("E41", 10), ("E47", 10)),
    "none": (("E45", 20), ("E46", 10), ("E47", 15), ("E48", 5), ("E41", 15), ("E11", 8), ("E12", 5), ("E4A", 15)),
}  # fmt: skip
LAST_FOR = {
    "E4A": ((("P1", None), 40), (("U6", K.IN_HOUSE_FOSTER), 30), (("U6", K.IFA), 15), (("K2", K.CHILDRENS_HOME), 15)),
    "E13": ((("U6", K.IN_HOUSE_FOSTER), 40), (("K2", K.CHILDRENS_HOME), 30), (("U3", K.CONNECTED), 30)),
    "E41": ((("U3", K.CONNECTED), 60), (("U6", K.IN_HOUSE_FOSTER), 40)),
    "E45": ((("U1", K.CONNECTED), 60), (("U3", K.CONNECTED), 40)),
    "E46": ((("U4", K.IN_HOUSE_FOSTER), 60), (("U4", K.IFA), 40)),
    "E47": ((("U6", K.IN_HOUSE_FOSTER), 60), (("U6", K.IFA), 40)),
    "E48": ((("U6", K.IN_HOUSE_FOSTER), 50), (("U4", K.IFA), 50)),
    "E5": ((("K3", K.SUPPORTED), 60), (("K2", K.CHILDRENS_HOME), 40)),
    "E6": ((("K3", K.SUPPORTED), 70), (("K2", K.CHILDRENS_HOME), 30)),
}  # fmt: skip
Pool = list[tuple[Person, Family]]

# Why care ended at 18, and the placement they left.
AT_EIGHTEEN = (("E5", 60), ("E6", 15), ("E17", 10), ("E8", 8), ("E13", 7))
LAST_PLACEMENT = {
    "E5": ((("K3", K.SUPPORTED), 60), (("K2", K.CHILDRENS_HOME), 20), (("U4", K.IN_HOUSE_FOSTER), 20)),
    "E6": ((("K3", K.SUPPORTED), 70), (("K2", K.CHILDRENS_HOME), 30)),
    "E17": ((("U4", K.IN_HOUSE_FOSTER), 60), (("U4", K.IFA), 40)),
    "E8": ((("K2", K.CHILDRENS_HOME), 60), (("K3", K.SUPPORTED), 40)),
    "E13": ((("K2", K.CHILDRENS_HOME), 50), (("U6", K.IN_HOUSE_FOSTER), 50)),
}
IN_TOUCH = (("YES", 88), ("NO", 5), ("REFU", 3), ("NREQ", 2), ("RHOM", 2))
# For young people in touch ("YES") only: always an activity and accommodation, never 0 (903 rule 345); none
# for the rest, not even for one back home with their parents (RHOM, rule 344).
# About 60% in education, employment or training.
ACTIVITY = (("F1", 6), ("P1", 2), ("F2", 18), ("P2", 5), ("F4", 14), ("P4", 8), ("F5", 5), ("P5", 2),
            ("G4", 10), ("G5", 20), ("G6", 8))  # fmt: skip
ACCOMMODATION = (("U1", 30), ("D1", 15), ("E1", 10), ("B1", 10), ("K1", 6), ("T1", 5), ("C1", 2), ("Y1", 4),
                 ("U2", 4), ("S2", 2), ("V2", 2), ("W2", 1), ("B2", 2), ("X2", 1))  # fmt: skip
OVERDUE = 0.05


def care_leaver_want(rng: random.Random, child: Person, today: date) -> Want:
    """The care a young person now 18 to 24 left on their 18th birthday."""
    born = child.date_of_birth
    assert born is not None
    reason = weighted(rng, AT_EIGHTEEN)[0]
    (ptype, kind), _ = weighted(rng, LAST_PLACEMENT[reason])
    left = birthday(born, 18)
    start = None
    if rng.random() < 0.5:  # came into care as a teenager, at least 13 weeks before they were 18
        start = birthday(born, 14) + timedelta(days=rng.randint(0, 3 * 365 - 120))
    return Want(
        category=category_of(ptype, kind), ptype=ptype, kind=kind, ref=left, ended=True, reason=reason, start=start,
        last_from=birthday(born, 16) if ptype == "K3" else None, long=start is None,
        relation_of=f"{child.given_name} {child.family_name}", district_id=child.district_id,
    )  # fmt: skip


def left_care(rng: random.Random, leftover: Pool, team: Pool, families: list[Family], book: Book, adoption: Adoption,
              scale: float, today: date) -> list[Story]:  # fmt: skip
    """Children who stopped being looked after in the last three years: some still with the children in
    care team, some back home with a safeguarding team, some adopted or with special guardians."""
    wanted = round(LEFT_IN_THREE_YEARS * scale)
    quiet = [f for f in families if f.worker is None]
    none: Pool = [(f.children[0], f) for f in rng.sample(quiet, min(len(quiet), wanted))]
    older = [(c, f) for c, f in leftover + team if c.date_of_birth and years(c.date_of_birth, today) >= 16]
    relevant = rng.sample(older, min(len(older), round(RELEVANT * scale)))
    chosen = {c.pk for c, _ in relevant}
    leftover, team = (
        [p for p in leftover if p[0].pk not in chosen],
        [p for p in team if p[0].pk not in chosen],
    )
    sources = (("relevant", relevant), ("cic", rng.sample(leftover, min(len(leftover), round(wanted * 0.3)))),
               ("team", rng.sample(team, min(len(team), round(wanted * 0.3)))), ("none", none))  # fmt: skip
    stories: list[Story] = []
    for source, pool in sources:
        for child, family in pool:
            if len(stories) >= wanted:
                return stories
            if story := _left(rng, child, source, book, adoption, today):
                stories.append(with_worker(story, family))
    return stories


def _left(rng: random.Random, child: Person, source: str, book: Book, adoption: Adoption, today: date) -> Story | None:  # fmt: skip
    born = child.date_of_birth
    assert born is not None
    days = {"cic": 180, "relevant": 2 * 365}.get(source, 3 * 365)
    lo, hi = today - timedelta(days=days), today - timedelta(days=7)
    options: list[tuple[Any, ...]] = []
    for reason, weight in LEFT[source]:
        last = hi
        if reason in ("E5", "E6"):  # left at 16 or 17, in care at least 13 weeks since 14
            first = max(lo, birthday(born, 16) + timedelta(days=14))
        elif reason in ("E11", "E12"):
            first, last = max(lo, born + timedelta(days=500)), min(hi, birthday(born, 8))
        else:
            first = max(lo, born + timedelta(days=60))
        if first < last:
            options.append((reason, weight, first, last))
    if not options:
        return None
    reason, _, first, last = weighted(rng, tuple(options))
    end = first + timedelta(days=rng.randint(0, (last - first).days))
    journey = None
    if reason in ("E11", "E12"):
        journey = adoption.placed(born, adopted_on=end)
        prov = book.adopter(journey.adopter_name, journey.adopter_district, 1, False)
        want = Want(Category.ADOPTIVE, "A6", K.ADOPTER, end, ended=True, reason=reason, start=journey.start,
                    last_from=journey.placed_on, last_to=journey.placed_on, order_on=journey.placement_order_on,
                    provider=prov)  # fmt: skip
    else:
        (ptype, kind), _ = weighted(rng, LAST_FOR[reason])
        want = Want(category_of(ptype, kind or ""), ptype, kind, end, ended=True, reason=reason,
                    long=rng.random() < 0.3 and (end - born).days > 3 * 365,
                    last_from=birthday(born, 16) if ptype == "K3" else None,
                    carer=weighted(rng, PARENT_CARERS)[0] if ptype == "P1" else "",
                    relation_of=f"{child.given_name} {child.family_name}", district_id=child.district_id)  # fmt: skip
        if reason in ("E5", "E6"):
            want.start = max(born + timedelta(days=1), end - timedelta(days=rng.randint(120, 3 * 365)))
    story = build(rng, child, want, book)
    if journey:
        story.extra["journey"] = journey
    return story


def leaver_list(stories: list[Story], ended: list[Story], leavers: Pool, today: date) -> list[tuple[Person, str, User | None, bool]]:  # fmt: skip
    """(young person, category, adviser, staying put) of each care leaver, in the category
    hearth.care.leavers gives them: 16 and 17 year olds in care, those who have left, the care leavers
    teams' young people."""
    out: list[tuple[Person, str, User | None, bool]] = []
    for story in stories + ended:
        born = story.child.date_of_birth
        category = leaver_category(periods=[(story.start, story.end)], date_of_birth=born, on=today)
        if category in (LeaverCategory.ELIGIBLE, LeaverCategory.RELEVANT):
            out.append((story.child, category, story.worker, False))
    at_18 = {s.child.pk: s for s in ended}
    for child, family in leavers:
        born = child.date_of_birth
        assert born is not None
        story = at_18[child.pk]
        if (
            leaver_category(periods=[(story.start, story.end)], date_of_birth=born, on=today)
            == LeaverCategory.FORMER_RELEVANT
        ):
            staying_put = story.reason == "E17" and years(born, today) <= 20
            out.append((child, LeaverCategory.FORMER_RELEVANT, family.worker, staying_put))
    return out


def leaver_rows(rng: random.Random, rows: CareRows, leavers: list[tuple[Person, str, User | None, bool]],
                today: date) -> dict[str, int]:  # fmt: skip
    """A CareLeaver row for each (young person, category, adviser, staying put) and, for those who have left
    care, one to three keeping-in-touch contacts."""
    counts = {"care_leavers": 0, "eligible": 0, "leaver_contacts": 0}
    for person, category, adviser, staying_put in leavers:
        born = person.date_of_birth
        assert born is not None
        plan_on: date | None = today - timedelta(
            days=rng.randint(190, 260) if rng.random() < OVERDUE else rng.randint(1, 175)
        )
        if category == LeaverCategory.ELIGIBLE:
            assert plan_on is not None
            plan_on = max(plan_on, birthday(born, 16) + timedelta(days=rng.randint(20, 60)))
            if plan_on >= today:
                plan_on = None  # the first pathway plan is not written yet
            counts["eligible"] += 1
        else:
            counts["care_leavers"] += 1
        due = pathway_review_due(plan_on) if plan_on else None
        rows.add(
            CareLeaver, person.pk, category, adviser.pk if adviser else None, plan_on, due, staying_put, None
        )
        if category == LeaverCategory.ELIGIBLE:
            continue
        contacted: list[date] = []
        for n in range(rng.randint(1, 3)):
            on = today - timedelta(days=rng.randint(n * 120 + 1, n * 120 + 110))
            _contact(rows, rng, person, on, staying_put, adviser)
            contacted.append(on)
            counts["leaver_contacts"] += 1
        # Personal advisers also get in touch around each birthday from the 17th, as the SSDA903 asks (OC3).
        # A stream of the young person's own, so the rest of the county comes out the same.
        spare = random.Random(person.pk)
        for age in range(17, 22):
            day = birthday(born, age)
            if today - timedelta(days=730) <= day <= today and all(
                abs((day - c).days) > 45 for c in contacted
            ):
                on = min(today, day + timedelta(days=spare.randint(-30, 30)))
                _contact(rows, spare, person, on, staying_put, adviser)
                counts["leaver_contacts"] += 1
    return counts


def _contact(rows: CareRows, rng: random.Random, person: Person, on: date, staying_put: bool,
             adviser: User | None) -> None:  # fmt: skip
    born = person.date_of_birth
    assert born is not None
    in_touch = weighted(rng, IN_TOUCH)[0]
    activity = accommodation = ""
    if in_touch == "YES":
        activity = weighted(rng, ACTIVITY)[0]
        accommodation = "Z1" if staying_put else weighted(rng, ACCOMMODATION)[0]
        if years(born, on) < 18 and accommodation == "Z1":
            accommodation = "U1"
    rows.add(LeaverContact, person.pk, on, in_touch, activity, accommodation, adviser.pk if adviser else None)
