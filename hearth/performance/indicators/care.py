"""Children looked after, care leavers and placement stability. The stability measures are the DfE's, from
hearth.care.stability; care leaver categories are the law's, from hearth.care.leavers."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, QuerySet

from hearth.care.leavers import leaver_category
from hearth.care.models import CareLeaver, Episode, LeaverCategory, PeriodOfCare, Placement
from hearth.care.stability import Spell, long_term_stable, placements_in_year
from hearth.casework.timescales import add_months
from hearth.insight.histories import SHORT_BREAKS
from hearth.performance.figures import Counter, Figures, Selection, on_day
from hearth.performance.indicators.base import Indicator, open_on_each, shared

GROUP = "Children looked after and care leavers"
LEFT_CARE = {LeaverCategory.RELEVANT, LeaverCategory.FORMER_RELEVANT, LeaverCategory.QUALIFYING}


def _looked_after(selection: Selection) -> QuerySet[Episode]:
    return Episode.objects.filter(authority_id=selection.authority_id).exclude(legal_status__in=SHORT_BREAKS)


def looked_after(selection: Selection) -> Figures:
    counter = Counter(selection)
    rows = open_on_each(_looked_after(selection), selection.period_ends(), ("person__district_id",))
    for (district,), counts in rows:
        for n, count in enumerate(counts):
            counter.stock(district, n, count)
    return counter.figures()


@dataclass
class Children:
    """The children looked after in the range, with what the stability measures need about each."""

    episodes: list[tuple[int, int | None, date, date | None]] = field(default_factory=list)
    born: dict[int, date | None] = field(default_factory=dict)
    periods: dict[int, list[tuple[date, date | None]]] = field(default_factory=lambda: defaultdict(list))
    spells: dict[int, list[Spell]] = field(default_factory=lambda: defaultdict(list))

    def on(self, day: date) -> dict[int, int | None]:
        """Child -> district, for the children looked after at the end of `day`."""
        return {person: district for person, district, start, end in self.episodes if on_day(start, end, day)}

    def period_start(self, person: int, day: date) -> date | None:
        return next((start for start, end in self.periods[person] if on_day(start, end, day)), None)


@shared
def _children(selection: Selection) -> Children:
    episodes = (
        _looked_after(selection)
        .filter(started_on__lte=selection.end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=selection.start))
    )
    found = Children()
    for person, district, born, start, end in episodes.order_by().values_list(
        "person_id", "person__district_id", "person__date_of_birth", "started_on", "ended_on"
    ):
        found.episodes.append((person, district, start, end))
        found.born[person] = born
    people = episodes.values("person_id")
    for person, start, end in PeriodOfCare.objects.filter(person_id__in=people).values_list(
        "person_id", "started_on", "ended_on"
    ):
        found.periods[person].append((start, end))
    placements = Placement.objects.filter(person_id__in=people, started_on__lte=selection.end).order_by()
    for person, start, end, kind, provider, carer in placements.values_list(
        "person_id", "started_on", "ended_on", "placement_type", "provider_id", "carer"
    ):
        found.spells[person].append(Spell(start, end, kind, str(provider or carer)))
    return found


def three_or_more_placements(selection: Selection) -> Figures:
    children, counter = _children(selection), Counter(selection)
    for n, day in enumerate(selection.period_ends()):
        for person, district in children.on(day).items():
            counter.stock(district, n, int(placements_in_year(children.spells[person], day) >= 3), 1)
    return counter.figures()


def long_term_stability(selection: Selection) -> Figures:
    children, counter = _children(selection), Counter(selection)
    for n, day in enumerate(selection.period_ends()):
        for person, district in children.on(day).items():
            period_start = children.period_start(person, day)
            if period_start is None:
                continue
            stable = long_term_stable(period_start=period_start, spells=children.spells[person],
                                      date_of_birth=children.born[person], on=day)  # fmt: skip
            if stable is not None:
                counter.stock(district, n, int(stable), 1)
    return counter.figures()


def care_leavers(selection: Selection) -> Figures:
    """Young people who are care leavers in law on each day, from their periods of care."""
    rows = PeriodOfCare.objects.filter(
        authority_id=selection.authority_id,
        person__date_of_birth__lte=add_months(selection.end, -16 * 12),
        person__date_of_birth__gt=add_months(selection.start, -25 * 12),
    ).values_list("person_id", "person__district_id", "person__date_of_birth", "person__date_of_death",
                  "started_on", "ended_on")  # fmt: skip
    people: dict[int, tuple[int | None, date | None, date | None]] = {}
    periods: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
    for child, district_id, born_on, died_on, start, end in rows.order_by():
        people[child] = (district_id, born_on, died_on)
        periods[child].append((start, end))
    support_ended = dict(
        CareLeaver.objects.filter(person_id__in=list(people), ended_on__isnull=False).values_list(
            "person_id", "ended_on"
        )
    )
    counter = Counter(selection)
    for n, day in enumerate(selection.period_ends()):
        for person, (district, born, died) in people.items():
            ended = support_ended.get(person)
            if born is None or (died and died <= day) or (ended and ended <= day):
                continue
            so_far = [(start, end) for start, end in periods[person] if start <= day]
            if so_far and leaver_category(periods=so_far, date_of_birth=born, on=day) in LEFT_CARE:
                counter.stock(district, n)
    return counter.figures()


INDICATORS = (
    Indicator(
        "looked-after", "Children looked after", GROUP,
        "Children looked after at the end of the last day of the period. Children on a series of short "
        "breaks (legal status V3 or V4) are not counted, as in the DfE’s figures.",
        "count", looked_after, stock=True, counted="Children looked after",
    ),
    Indicator(
        "care-leavers", "Care leavers", GROUP,
        "Young people aged 16 to 24 who had left care on the last day of the period and are care leavers "
        "in law (relevant, former relevant or qualifying), worked out from their periods of care. Young "
        "people still looked after at 16 or 17 (eligible) are counted as looked after. Someone whose "
        "support as a care leaver has ended is not counted.",
        "count", care_leavers, stock=True, counted="Care leavers",
    ),
    Indicator(
        "three-placements", "Children with 3 or more placements in a year", GROUP,
        "Of the children looked after on the last day of the period, the share who had 3 or more "
        "placements in the 12 months up to that day (the DfE’s short-term stability measure). Temporary "
        "placements (T0 to T4) are not counted as placements.",
        "percent", three_or_more_placements, stock=True, counted="3 or more placements",
        base="Children looked after",
    ),
    Indicator(
        "long-term-stability", "Long-term placement stability", GROUP,
        "Of the children under 16 on the last day of the period who had been looked after for 2 and a half "
        "years or more, the share who had lived in the same placement for 2 years or more, or were placed "
        "for adoption with carers they had lived with for that long (the DfE’s long-term stability "
        "measure).",
        "percent", long_term_stability, stock=True, counted="Same placement for 2 years",
        base="Children counted",
    ),
)  # fmt: skip
