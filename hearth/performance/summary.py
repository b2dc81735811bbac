"""Every indicator's headline figure at once: the dashboard's index and the report for members."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from hearth.core.reports import Table, Value, written
from hearth.performance.comparators import comparators_for
from hearth.performance.figures import Figures, Selection, Tally
from hearth.performance.indicators import INDICATORS, Indicator
from hearth.performance.indicators.base import shared_reads
from hearth.performance.presenters import FORMAT, Headline, headline, value_of, when
from hearth.performance.selectors import Areas

Result = tuple[Indicator, Figures]


def all_figures(selection: Selection, *, trend: Iterable[str] = ()) -> dict[str, Result]:
    """Each indicator's figures for `selection`: headline figures only (one period), except for the indicators
    named in `trend`, which get their periods too."""
    wanted = set(trend)
    with shared_reads():
        return {
            key: (indicator, indicator.compute(replace(selection, trend=key in wanted)))
            for key, indicator in INDICATORS.items()
        }


def headlines(
    results: dict[str, Result], selection: Selection, areas: Areas
) -> list[tuple[str, list[Headline]]]:
    """The headlines grouped as the index shows them: (group, headlines)."""
    groups: dict[str, list[Headline]] = {}
    for indicator, figures in results.values():
        groups.setdefault(indicator.group, []).append(headline(indicator, figures, selection, areas))
    return list(groups.items())


def _compared(indicator: Indicator) -> str:
    return "; ".join(
        f"{c.label}, {c.year}: {written(c.value, FORMAT[indicator.unit])}"
        for c in comparators_for(indicator.key)
    )


def headline_table(results: dict[str, Result], selection: Selection, areas: Areas) -> Table:
    """One row per indicator: its count, what it is out of, and its rate, percentage or ratio."""
    population = areas.population(selection.district_id)
    rows: list[list[Value]] = []
    for indicator, figures in results.values():
        total = figures.total
        figure = value_of(indicator, total, population)
        rate = figure if indicator.unit == "count" else ""
        share = figure if indicator.unit == "percent" else ""
        ratio = figure if indicator.unit == "ratio" else ""
        base: Value = total.base if indicator.unit != "count" else ""
        rows.append([indicator.name, when(indicator, selection), total.count, base, rate, share, ratio,
                     _compared(indicator)])  # fmt: skip
    where = areas.district_name(selection.district_id) if selection.district_id else areas.council
    return Table(
        "headlines", f"Headline figures, {where}",
        ("Indicator", "When", "Count", "Out of", "Rate per 10,000 children", "Percentage", "Children per worker",
         "Compared with"),
        ("text", "text", "count", "count", "rate", "percent", "rate", "text"), rows,
        note=f"Rates are per 10,000 of the {written(population, 'count')} children aged 0 to 17 living there.",
    )  # fmt: skip


def figure_for(result: Result, areas: Areas, district_id: int | None) -> float | None:
    """An indicator's figure (a rate per 10,000, a percentage or a ratio) for one district, or for the whole
    council when `district_id` is None (every district's tally added up)."""
    indicator, figures = result
    if district_id is not None:
        return value_of(indicator, figures.districts.get(district_id, Tally()), areas.population(district_id))
    total = Tally()
    for tally in figures.districts.values():
        total.add(tally.count, tally.base)
    return value_of(indicator, total, areas.population())
