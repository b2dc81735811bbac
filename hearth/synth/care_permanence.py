"""Permanence for the demo county's children looked after: the plan for where each will grow up, the steps
to adoption (decision, placement order, match, placement, adoption order), and the households the regional
adoption agency is assessing, has approved, matched or seen adopt."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from hearth.care import codes
from hearth.care.codes import Category
from hearth.care.models import (
    ACHIEVED_BY,
    AdopterStage,
    AdoptionJourney,
    PermanenceKind,
    PermanencePlan,
    ProspectiveAdopter,
)
from hearth.synth.care_history import Story, years
from hearth.synth.care_write import CareRows
from hearth.synth.chance import weighted
from hearth.synth.names import FAMILY, GIVEN_FEMALE, GIVEN_MALE

AGENCY = "Brackenshire and partners regional adoption agency"
# AD1 codes: sex of the adopters, their legal status, how many; and how common each household is.
HOUSEHOLDS = ((("MF", "L11", 2), 55), (("MF", "L3", 2), 10), (("FF", "L12", 2), 8), (("MM", "L12", 2), 5),
              (("FF", "L2", 2), 3), (("F1", "L0", 1), 15), (("M1", "L0", 1), 4))  # fmt: skip
# Households at the earlier stages, at scale 1 (the placed, matched and adopted follow the children).
PIPELINE = ((AdopterStage.ENQUIRY, 4), (AdopterStage.STAGE_ONE, 4), (AdopterStage.STAGE_TWO, 5),
            (AdopterStage.APPROVED, 6), (AdopterStage.WITHDRAWN, 3))  # fmt: skip
STEPS = (AdopterStage.ENQUIRY, AdopterStage.STAGE_ONE, AdopterStage.STAGE_TWO, AdopterStage.APPROVED)
STEP_DAYS = ((14, 60), (50, 70), (100, 160), (20, 300))  # enquiry to stage one ... approval to a match
STOPPED = (("RD1", 30), ("RD2", 20), ("RD3", 30), ("RD4", 20))
FOR_REASON = {
    "E4A": PermanenceKind.RETURN_HOME, "E13": PermanenceKind.RETURN_HOME, "E41": PermanenceKind.CAO,
    **{code: PermanenceKind.SGO for code in codes.SPECIAL_GUARDIANSHIP},
    **{code: PermanenceKind.ADOPTION for code in codes.ADOPTED},
    "E5": PermanenceKind.INDEPENDENCE, "E6": PermanenceKind.INDEPENDENCE, "E17": PermanenceKind.INDEPENDENCE,
}  # fmt: skip
CHANGED = (
    "Changed at review: a return home is no longer safe for {first}.",
    "Changed at review: no family member could be approved to care for {first}.",
    "Changed at review: {first}’s wishes and the parenting assessment.",
)


@dataclass
class Journey:
    start: date  # the latest day care can have started
    should_be_placed_on: date
    placement_order_on: date | None = None
    matched_on: date | None = None
    placed_on: date | None = None
    adoption_order_on: date | None = None
    ceased_on: date | None = None
    ceased_reason: str = ""
    adopter: int | None = None
    adopter_name: str = ""
    adopter_district: int | None = None


def _fit(rng: random.Random, born: date, end: date, gaps: list[tuple[int, int]]) -> list[date]:
    """Dates counting back from `end` by each gap (days, chosen within each range), squeezed so the first is
    after the child's birth. An `end` too soon after the birth for a day per gap moves later, so no date
    comes before the birth or out of order (for a baby, "a decision 300 days ago" is made after birth)."""
    end = max(end, born + timedelta(days=len(gaps) + 2))
    days = [rng.randint(*gap) for gap in gaps]
    room = (end - born).days - 2
    if sum(days) > room:
        days = [max(1, d * room // sum(days)) for d in days]
    out = [end]
    for d in days:
        out.append(max(out[-1] - timedelta(days=d), born + timedelta(days=1)))
    return out


class Adoption:
    def __init__(self, rng: random.Random, rows: CareRows, district_ids: list[int], today: date) -> None:
        self.rng, self.rows, self.district_ids, self.today = rng, rows, district_ids, today
        self.households = 0

    def household(self, stage: str, reached: dict[Any, date]) -> tuple[int, str, int | None]:
        """A household at `stage`, with the date it reached each stage; earlier stages are dated back from
        the first one given."""
        rng = self.rng
        sex, legal, number = weighted(rng, HOUSEHOLDS)[0]
        first = min(reached.values())
        known = [s for s in STEPS if s in reached]
        back = list(STEPS[: STEPS.index(known[0])]) if known else list(STEPS)
        dates: dict[str, date] = {}
        day = first
        for step, gap in zip(reversed(back), reversed(STEP_DAYS[: len(back)]), strict=False):
            day -= timedelta(days=rng.randint(*gap))
            dates[step] = day
        dates = dict(sorted({**dates, **reached}.items(), key=lambda kv: kv[1]))
        district = rng.choice(self.district_ids) if rng.random() < 0.75 else None
        pk = self.rows.id(ProspectiveAdopter)
        name = _name(rng, sex)
        self.rows.add(ProspectiveAdopter, pk, name, AGENCY, stage, {str(k): v.isoformat() for k, v in dates.items()},
                      number, sex, legal, district)  # fmt: skip
        self.households += 1
        return pk, name, district

    def placed(self, born: date, adopted_on: date | None = None) -> Journey:
        """A child placed with adopters (or, with `adopted_on`, adopted that day)."""
        rng, today = self.rng, self.today
        end = adopted_on or today - timedelta(days=rng.randint(10, 330))  # placed on, if not adopted yet
        gaps = [(70, 400)] if adopted_on else []
        gaps += [(14, 60), (30, 200), (30, 120), (60, 300)]
        dates = _fit(rng, born, end, gaps)
        if adopted_on:
            dates = dates[1:]
        placed, matched, order, decision, start = dates
        journey = Journey(start, decision, order, matched, placed, adopted_on)
        stage = AdopterStage.ADOPTED if adopted_on else AdopterStage.PLACED
        reached = {AdopterStage.MATCHED: matched, AdopterStage.PLACED: placed}
        if adopted_on:
            reached[AdopterStage.ADOPTED] = adopted_on
        reached[AdopterStage.APPROVED] = matched - timedelta(days=rng.randint(*STEP_DAYS[3]))
        journey.adopter, journey.adopter_name, journey.adopter_district = self.household(stage, reached)
        return journey

    def waiting(self, born: date, matched: bool) -> Journey:
        """A decision that the child should be placed for adoption; no placement yet."""
        rng, today = self.rng, self.today
        decision = today - timedelta(days=rng.randint(20, 420))
        decision, start = _fit(rng, born, decision, [(60, 300)])
        journey = Journey(start, decision)
        order = decision + timedelta(days=rng.randint(30, 150))
        if rng.random() < 0.7 and order < today - timedelta(days=3):
            journey.placement_order_on = order
        if matched:
            after = journey.placement_order_on or decision
            journey.matched_on = min(after + timedelta(days=rng.randint(20, 120)), today - timedelta(days=1))
            reached = {AdopterStage.MATCHED: journey.matched_on,
                       AdopterStage.APPROVED: journey.matched_on - timedelta(days=rng.randint(*STEP_DAYS[3]))}  # fmt: skip
            journey.adopter, journey.adopter_name, _ = self.household(AdopterStage.MATCHED, reached)
        return journey

    def stopped(self, born: date) -> Journey:
        rng, today = self.rng, self.today
        decision = today - timedelta(days=rng.randint(200, 800))
        decision, start = _fit(rng, born, decision, [(60, 300)])
        journey = Journey(start, decision)
        journey.ceased_on = min(decision + timedelta(days=rng.randint(90, 400)), today - timedelta(days=5))
        journey.ceased_reason = weighted(rng, STOPPED)[0]
        return journey

    def pipeline(self, scale: float) -> None:
        """Households not matched yet: enquiries, assessments, approved and waiting, and a few withdrawn."""
        rng, today = self.rng, self.today
        for stage, count in PIPELINE:
            for _ in range(max(1, round(count * scale))):
                if stage == AdopterStage.WITHDRAWN:
                    reached_stage = rng.choice(STEPS[1:3])
                    on = today - timedelta(days=rng.randint(30, 300))
                    self.household(
                        stage, {reached_stage: on, "withdrawn": on + timedelta(days=rng.randint(10, 25))}
                    )
                else:
                    self.household(
                        stage,
                        {stage: today - timedelta(days=rng.randint(1, 120 if stage != "approved" else 300))},
                    )


def _name(rng: random.Random, sex: str) -> str:
    one, two = rng.choice(FAMILY), rng.choice(FAMILY)
    if sex == "MF":
        return (
            f"Mr and Mrs {one}"
            if rng.random() < 0.7
            else f"{rng.choice(GIVEN_MALE)} {one} and {rng.choice(GIVEN_FEMALE)} {two}"
        )
    if sex == "FF":
        return f"Ms {one} and Ms {two}"
    if sex == "MM":
        return f"Mr {one} and Mr {two}"
    return f"Ms {one}" if sex == "F1" else f"Mr {one}"


def permanence_rows(rng: random.Random, rows: CareRows, stories: list[Story], today: date) -> dict[str, int]:
    plans = journeys = 0
    for story in stories:
        child = story.child
        born = child.date_of_birth
        assert born is not None
        by = story.worker.pk if story.worker else None
        journey: Journey | None = story.extra.get("journey")
        if journey:
            journeys += 1
            rows.add(AdoptionJourney, child.pk, story.pk, journey.should_be_placed_on, journey.placement_order_on,
                     journey.matched_on, journey.adopter, journey.placed_on, journey.adoption_order_on,
                     journey.ceased_on, journey.ceased_reason)  # fmt: skip
        last_day = (story.end or today) - timedelta(days=1)
        agreed = story.start + timedelta(days=rng.randint(100, 150))
        if journey and not journey.ceased_on:
            agreed = journey.should_be_placed_on
        if agreed > last_day:
            continue  # too new for a permanence plan
        kind = FOR_REASON.get(story.reason) if story.end else _kind(rng, story, years(born, today))
        if journey and not journey.ceased_on:
            kind = PermanenceKind.ADOPTION
        kind = kind or PermanenceKind.LONG_TERM_FOSTERING
        changed_on: date | None = None
        if journey and journey.ceased_on:
            changed_on = journey.ceased_on
            reason = f"The plan for adoption stopped: {codes.label(codes.REASON_PLACED_CEASED, journey.ceased_reason)}"
            rows.add(PermanencePlan, child.pk, story.pk, PermanenceKind.ADOPTION, journey.should_be_placed_on,
                     changed_on, False, reason, by)  # fmt: skip
        elif agreed < last_day - timedelta(days=365) and rng.random() < 0.15:
            changed_on = agreed + timedelta(days=rng.randint(90, (last_day - agreed).days - 30))
            earlier = PermanenceKind.RETURN_HOME if kind != PermanenceKind.RETURN_HOME else PermanenceKind.SGO
            rows.add(PermanencePlan, child.pk, story.pk, earlier, agreed, changed_on, False,
                     rng.choice(CHANGED).format(first=child.given_name), by)  # fmt: skip
        if changed_on:
            plans += 1
            agreed = changed_on
        achieved = story.reason in ACHIEVED_BY.get(PermanenceKind(kind), set()) if story.end else None
        end_reason = "" if not story.end else ("Achieved" if achieved else "Care ended another way")
        rows.add(PermanencePlan, child.pk, story.pk, kind, agreed, story.end, achieved, end_reason, by)
        plans += 1
    return {"permanence_plans": plans, "adoption_journeys": journeys}


def _kind(rng: random.Random, story: Story, age: int) -> str:
    category = story.category
    if category == Category.ADOPTIVE:
        return PermanenceKind.ADOPTION
    if category == Category.PARENTS:
        return PermanenceKind.RETURN_HOME
    if category == Category.INDEPENDENT_LIVING or (age >= 16 and rng.random() < 0.6):
        return PermanenceKind.INDEPENDENCE
    options: tuple[tuple[str, int], ...] = {
        Category.RELATIVE_FRIEND: ((PermanenceKind.SGO, 45), (PermanenceKind.LONG_TERM_FOSTERING, 45),
                                   (PermanenceKind.CAO, 10)),
        Category.IN_HOUSE: ((PermanenceKind.LONG_TERM_FOSTERING, 70), (PermanenceKind.RETURN_HOME, 15),
                            (PermanenceKind.SGO, 15)),
        Category.INDEPENDENT_FOSTERING: ((PermanenceKind.LONG_TERM_FOSTERING, 70), (PermanenceKind.RETURN_HOME, 15),
                                         (PermanenceKind.SGO, 15)),
        Category.MOTHER_AND_BABY: ((PermanenceKind.INDEPENDENCE, 50), (PermanenceKind.RETURN_HOME, 50)),
    }.get(category, ((PermanenceKind.LONG_TERM_FOSTERING, 60), (PermanenceKind.RETURN_HOME, 40)))  # fmt: skip
    kind: str = weighted(rng, options)[0]
    return kind
