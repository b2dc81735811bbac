"""Turn an indicator's `Figures` into what its page shows: the headline with its rate and comparators, the
trend as a chart with its table, and tables by district, team and category (hearth.core.reports tables, so
every one downloads as CSV and reads the same in a report). Figures are written by hearth.core.reports: a
zero denominator is "no data", never 0%."""

from __future__ import annotations

from dataclasses import dataclass, field

from hearth.core.charts import Series, line_chart
from hearth.core.jinja import govuk_date
from hearth.core.reports import Chart, Format, Table, Value, per_10000, percent, written
from hearth.performance.comparators import Comparator, comparators_for
from hearth.performance.figures import Figures, Selection, Tally
from hearth.performance.indicators import Indicator
from hearth.performance.selectors import Areas

RATE = "Rate per 10,000 children"
POPULATION = "Children aged 0 to 17"
FIGURE = {"count": "Rate per 10,000 children", "percent": "Percentage", "ratio": "Children per worker"}
FORMAT: dict[str, Format] = {"count": "rate", "percent": "percent", "ratio": "rate"}


def value_of(indicator: Indicator, tally: Tally, population: int = 0) -> float | None:
    """The figure a row shows: a rate per 10,000 for a count, a percentage, or children per worker."""
    if indicator.unit == "count":
        return per_10000(tally.count, population)
    if indicator.unit == "percent":
        return percent(tally.count, tally.base)
    return tally.count / tally.base if tally.base else None


def when(indicator: Indicator, selection: Selection) -> str:
    if indicator.stock:
        return f"on {govuk_date(selection.end)}"
    return f"from {govuk_date(selection.start)} to {govuk_date(selection.end)}"


@dataclass
class Headline:
    indicator: Indicator
    figure: str  # the count, the percentage or the ratio, written
    rate: str  # the rate per 10,000 for a count; "" otherwise
    detail: str  # "6,560 of 8,768 assessments completed"
    when: str
    comparators: list[tuple[str, str]] = field(default_factory=list)  # ("England average, 2017", "60.0")


def headline(indicator: Indicator, figures: Figures, selection: Selection, areas: Areas) -> Headline:
    total, population = figures.total, areas.population(selection.district_id)
    compared = [
        (f"{c.label}, {c.year}", written(c.value, FORMAT[indicator.unit]))
        for c in comparators_for(indicator.key)
    ]
    if indicator.unit == "count":
        return Headline(indicator, written(total.count, "count"), written(per_10000(total.count, population), "rate"),
                        f"per 10,000 of the {written(population, 'count')} children aged 0 to 17", when(indicator, selection),
                        compared)  # fmt: skip
    counted = f"{written(total.count, 'count')} {indicator.counted.lower()}"
    base = f"{written(total.base, 'count')} {indicator.base.lower()}"
    detail = f"{counted}, {base}" if indicator.unit == "ratio" else f"{counted} of {base}"
    return Headline(indicator, written(value_of(indicator, total), FORMAT[indicator.unit]), "", detail,
                    when(indicator, selection), compared)  # fmt: skip


def _columns(indicator: Indicator, *, population: bool) -> tuple[tuple[str, ...], tuple[Format, ...]]:
    if indicator.unit == "count":
        if population:
            return (indicator.counted, POPULATION, RATE), ("count", "count", "rate")
        return (indicator.counted, RATE), ("count", "rate")
    return (indicator.counted, indicator.base, FIGURE[indicator.unit]), ("count", "count", FORMAT[indicator.unit])  # fmt: skip


def _cells(indicator: Indicator, tally: Tally, population: int, *, show_population: bool) -> list[Value]:
    if indicator.unit == "count":
        rate = per_10000(tally.count, population)
        return [tally.count, population, rate] if show_population else [tally.count, rate]
    return [tally.count, tally.base, value_of(indicator, tally)]


def trend_table(indicator: Indicator, figures: Figures, selection: Selection, areas: Areas) -> Table:
    heads, formats = _columns(indicator, population=False)
    population = areas.population(selection.district_id)
    where = areas.district_name(selection.district_id) if selection.district_id else areas.council
    rows = []
    for period, tally in zip(figures.periods, figures.trend, strict=True):
        label = govuk_date(period.end) if indicator.stock else period.label
        rows.append([label, *_cells(indicator, tally, population, show_population=False)])
    first = "On" if indicator.stock else "Period"
    every = "at the end of each period" if indicator.stock else "in each period"
    return Table("trend", f"{indicator.name} {every}, {where}", (first, *heads), ("text", *formats), rows)


def district_table(indicator: Indicator, figures: Figures, areas: Areas) -> Table:
    heads, formats = _columns(indicator, population=True)
    keys: list[int | None] = list(areas.districts)
    if figures.districts.get(None, Tally()) != Tally():
        keys.append(None)
    rows = [[areas.district_name(d), *_cells(indicator, figures.districts.get(d, Tally()), areas.population(d) if d else 0,
                                            show_population=True)] for d in keys]  # fmt: skip
    total = Tally()
    for tally in figures.districts.values():
        total.add(tally.count, tally.base)
    rows.append([f"{areas.council} (all districts)", *_cells(indicator, total, areas.population(), show_population=True)])  # fmt: skip
    return Table("districts", f"{indicator.name} by district", ("District", *heads), ("text", *formats), rows, total=True)  # fmt: skip


def team_table(indicator: Indicator, figures: Figures, areas: Areas) -> Table:
    heads, formats = _columns(indicator, population=False)
    rows = [[areas.team_name(team), *_cells(indicator, tally, 0, show_population=False)]
            for team, tally in sorted(figures.teams.items(), key=lambda item: areas.team_name(item[0]))]  # fmt: skip
    return Table("teams", f"{indicator.name} by team", ("Team", *heads), ("text", *formats), rows,
                 note=f"Each row is counted in {indicator.by_team}.")  # fmt: skip


def parts_table(indicator: Indicator, figures: Figures) -> Table:
    rows: list[list[Value]] = [[part, tally.count, percent(tally.count, figures.total.count)]
                               for part, tally in sorted(figures.parts.items())]  # fmt: skip
    rows.append(["All", figures.total.count, percent(figures.total.count, figures.total.count)])
    return Table("parts", f"{indicator.name} by {indicator.parts.lower()}", (indicator.parts, indicator.counted, "Share"),
                 ("text", "count", "percent"), rows, total=True)  # fmt: skip


def comparator_table(indicator: Indicator, found: tuple[Comparator, ...]) -> Table:
    rows: list[list[Value]] = [[c.label, c.year, c.value, c.source] for c in found]
    return Table("comparators", f"{indicator.name}: published figures to compare with",
                 ("Compared with", "Year", FIGURE[indicator.unit], "Source"),
                 ("text", "text", FORMAT[indicator.unit], "text"), rows)  # fmt: skip


def trend_chart(
    indicator: Indicator, figures: Figures, selection: Selection, areas: Areas, table: Table
) -> Chart:
    population = areas.population(selection.district_id)
    # A stock's rate per 10,000 compares with published rates (shown beside the chart, not in it: their names
    # would be written over the council's where the figures are close).
    plot_rate = indicator.unit == "count" and indicator.stock
    if indicator.unit == "count" and not plot_rate:
        values: list[float | None] = [float(t.count) for t in figures.trend]
        measure = indicator.counted
    else:
        values = [value_of(indicator, t, population) for t in figures.trend]
        measure = FIGURE[indicator.unit]
    series = [
        Series(areas.district_name(selection.district_id) if selection.district_id else areas.council, values)
    ]
    shown = [
        (govuk_date(p.end) if indicator.stock or not p.label else p.label, v)
        for p, v in zip(figures.periods, values, strict=True)
        if v is not None
    ]
    if shown:
        low, high = min(shown, key=lambda s: s[1]), max(shown, key=lambda s: s[1])
        fmt = "count" if indicator.unit == "count" and not plot_rate else FORMAT[indicator.unit]
        summary = (f"{measure}: lowest {written(low[1], fmt)} ({low[0]}), highest {written(high[1], fmt)} ({high[0]}). "
                   "The table below holds every figure.")  # fmt: skip
    else:
        summary = "There is no data for this period."
    svg = line_chart(chart_id=f"chart-{indicator.key}", title=f"{table.caption}: {measure.lower()}", summary=summary,
                     x_labels=[p.short or govuk_date(p.end) for p in figures.periods], series=series)  # fmt: skip
    return Chart(svg, table.key)


def indicator_tables(
    indicator: Indicator, figures: Figures, selection: Selection, areas: Areas
) -> list[Table | Chart]:
    """The page's blocks in order: the trend chart and its table, then the tables by district, team and part."""
    trend = trend_table(indicator, figures, selection, areas)
    blocks: list[Table | Chart] = [trend_chart(indicator, figures, selection, areas, trend), trend,
                                   district_table(indicator, figures, areas)]  # fmt: skip
    if indicator.by_team:
        blocks.append(team_table(indicator, figures, areas))
    if indicator.parts:
        blocks.append(parts_table(indicator, figures))
    found = comparators_for(indicator.key)
    if found:
        blocks.append(comparator_table(indicator, found))
    return blocks
