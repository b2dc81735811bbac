"""The figures on the placements and missing pages: current placements with their weekly cost by
category, district and provider, compared with the council's budget (seed 000, Appendix 4); placement
stability; missing episodes and return home interviews."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from hearth.care import codes
from hearth.care.costs import WEEKS_A_YEAR, weekly_on
from hearth.care.missing import interview_in_time
from hearth.care.models import MissingEpisode, Placement
from hearth.care.stability import Spell, long_term_stable, placements_in_year


@dataclass
class Line:
    key: str
    label: str
    children: int = 0
    weekly: Decimal = Decimal(0)
    budget_children: int | None = None
    budget_yearly: int | None = None

    @property
    def yearly(self) -> Decimal:
        return self.weekly * WEEKS_A_YEAR


@dataclass
class PlacementFigures:
    total: Line
    by_category: list[Line]
    by_district: list[Line]
    by_provider: list[Line]
    in_area: int = 0
    stability_three_plus: int = 0
    long_term_counted: int = 0
    long_term_stable: int = 0
    rows: list[dict[str, Any]] = field(default_factory=list)


def placement_figures(current: QuerySet[Placement], all_placements: QuerySet[Placement], *, on: date | None = None,
                      providers_shown: int = 25) -> PlacementFigures:  # fmt: skip
    """`current`: the open placements the user may see; `all_placements`: every placement the user may see
    (for stability). Both come scoped from hearth.care.selectors."""
    on = on or timezone.localdate()
    rows: list[dict[str, Any]] = [
        dict(row)
        for row in current.annotate(weekly=weekly_on(on)).values(
            "pk", "person_id", "category", "weekly", "provider_id", "provider__name", "person__district__name",
            "person__date_of_birth", "period__started_on", "in_area",
        )
    ]  # fmt: skip
    categories = {key: Line(key, words, budget_children=codes.APPENDIX_4[key][0],
                            budget_yearly=codes.APPENDIX_4[key][0] * codes.APPENDIX_4[key][1])
                  for key, words in codes.CATEGORIES}  # fmt: skip
    districts: dict[str, Line] = {}
    providers: dict[str, Line] = {}
    total = Line("total", "All placements", budget_children=sum(c for c, _ in codes.APPENDIX_4.values()),
                 budget_yearly=sum(c * cost for c, cost in codes.APPENDIX_4.values()))  # fmt: skip
    for row in rows:
        weekly = row["weekly"] or Decimal(0)
        district = row["person__district__name"] or "No district"
        provider = row["provider__name"] or "Parents and family (no provider)"
        for line in (total, categories[row["category"]],
                     districts.setdefault(district, Line(district, district)),
                     providers.setdefault(str(row["provider_id"] or ""), Line(str(row["provider_id"] or ""), provider))):  # fmt: skip
            line.children += 1
            line.weekly += weekly
    figures = PlacementFigures(
        total=total, by_category=list(categories.values()), by_district=sorted(districts.values(), key=lambda x: x.label),
        by_provider=sorted(providers.values(), key=lambda x: -x.weekly)[:providers_shown], rows=rows,
        in_area=sum(1 for r in rows if r["in_area"]),
    )  # fmt: skip
    _stability(figures, rows, all_placements, on)
    return figures


def _stability(
    figures: PlacementFigures, rows: list[dict[str, Any]], all_placements: QuerySet[Placement], on: date
) -> None:
    people = {r["person_id"]: r for r in rows}
    spells: dict[int, list[Spell]] = defaultdict(list)
    history = all_placements.filter(person_id__in=list(people), ended_on__gte=on - timedelta(days=365 * 3))
    for person_id, start, end, kind, provider_id, carer in (
        (all_placements.filter(person_id__in=list(people), ended_on__isnull=True) | history)
        .values_list("person_id", "started_on", "ended_on", "placement_type", "provider_id", "carer")
    ):  # fmt: skip
        spells[person_id].append(Spell(start, end, kind, str(provider_id or carer)))
    for person_id, row in people.items():
        mine = spells[person_id]
        figures.stability_three_plus += placements_in_year(mine, on) >= 3
        stable = long_term_stable(period_start=row["period__started_on"], spells=mine,
                                  date_of_birth=row["person__date_of_birth"], on=on)  # fmt: skip
        if stable is not None:
            figures.long_term_counted += 1
            figures.long_term_stable += stable


@dataclass
class MissingFigures:
    episodes: int = 0
    children: int = 0
    by_responsible: list[tuple[str, int, int]] = field(default_factory=list)  # label, episodes, children
    returned: int = 0
    offered_in_time: int = 0
    accepted: int = 0
    declined: int = 0
    home_authority: int = 0
    outstanding: list[MissingEpisode] = field(default_factory=list)
    still_missing: list[MissingEpisode] = field(default_factory=list)
    escalations: list[MissingEpisode] = field(default_factory=list)


def missing_figures(recent: QuerySet[MissingEpisode]) -> MissingFigures:
    """`recent`: the missing episodes the user may see in the period shown (from hearth.care.selectors)."""
    from hearth.care.models import Responsible

    episodes = list(recent.select_related("person", "intervention").order_by("-started_at"))
    figures = MissingFigures(episodes=len(episodes), children=len({e.person_id for e in episodes}))
    counts = Counter(e.responsible for e in episodes)
    children: dict[str, set[int]] = defaultdict(set)
    for e in episodes:
        children[e.responsible].add(e.person_id)
    figures.by_responsible = [(r.label, counts[r.value], len(children[r.value])) for r in Responsible]
    for e in episodes:
        if e.ended_at is None:
            figures.still_missing.append(e)
            continue
        figures.returned += 1
        in_time = interview_in_time(e)
        figures.offered_in_time += bool(in_time)
        figures.accepted += e.interview_outcome == "accepted"
        figures.declined += e.interview_outcome == "declined"
        figures.home_authority += e.interview_outcome == "home_authority"
        if not e.interview_outcome:
            e.in_time = in_time  # type: ignore[attr-defined]
            figures.outstanding.append(e)
        if e.escalation:
            figures.escalations.append(e)
    figures.escalations += [e for e in figures.still_missing if e.escalation]
    return figures
