"""The performance report for members (hearth.core.reports): the headline figures for the 12 months to a
date, rates by district, two charts with their tables, and how each figure is worked out. Used by
/reports/performance/, `hearth report performance` and committee agenda packs. Names nobody."""

from __future__ import annotations

from datetime import date

from hearth.core.charts import Series, line_chart
from hearth.core.jinja import govuk_date
from hearth.core.reports import Block, Chart, Format, Section, Table, Text, Value, per_10000, percent, written
from hearth.performance.comparators import comparators
from hearth.performance.figures import Selection
from hearth.performance.indicators import INDICATORS
from hearth.performance.periods import twelve_months_to
from hearth.performance.selectors import Areas, council_areas
from hearth.performance.summary import Result, all_figures, figure_for, headline_table

RATES = ("children-in-need", "cp-plans", "looked-after")  # charted per 10,000 at each month end
FRONT_DOOR = ("contacts", "referrals", "re-referrals")  # charted each month
BY_DISTRICT = (
    "referrals",
    "children-in-need",
    "cp-plans",
    "looked-after",
    "care-leavers",
    "assessments",
    "caseloads",
)


def performance_section(*, authority_id: int, on: date) -> Section:
    start, end = twelve_months_to(on)
    selection = Selection(authority_id, start, end)
    areas = council_areas(authority_id=authority_id)
    results = all_figures(selection, trend=RATES + FRONT_DOOR)
    intro = Text((
        f"Figures for the 12 months from {govuk_date(start)} to {govuk_date(end)}, worked out from the council’s "
        f"records. Figures about children on a day (in need, on a plan, looked after, care leavers, caseloads and "
        f"placement stability) are as on {govuk_date(end)}.",
        f"Rates are per 10,000 of the {written(areas.population(), 'count')} children aged 0 to 17 living in "
        f"{areas.council}, by district. Children are counted in the district of their record. Where a figure "
        "is a share of nothing (no assessments completed, say) it says “no data”.",
    ), heading="Summary")  # fmt: skip
    table = headline_table(results, selection, areas)
    rates = _rates_by_month(results, areas)
    front_door = _front_door_by_month(results)
    months = [period.short for period in results[RATES[0]][1].periods]
    blocks: list[Block] = [intro, table, _district_table(results, areas),
              _chart(rates, months, "performance-rates", "Children in need, on a plan and looked after per 10,000 children"),
              rates, _chart(front_door, months, "performance-front-door", "Contacts and referrals each month", columns=(1, 2)),
              front_door]  # fmt: skip
    definitions = [(i.name, i.definition) for i in INDICATORS.values()]
    definitions.append(("Compared with", _sources()))
    return Section("performance", "Children’s services performance", on, blocks, definitions)


def _district_table(results: dict[str, Result], areas: Areas) -> Table:
    heads = tuple(_short(key) for key in BY_DISTRICT)
    formats: tuple[Format, ...] = tuple(
        "percent" if INDICATORS[k].unit == "percent" else "rate" for k in BY_DISTRICT
    )
    rows: list[list[Value]] = []
    for district_id, (name, population) in areas.districts.items():
        rows.append([name, population, *(figure_for(results[k], areas, district_id) for k in BY_DISTRICT)])
    rows.append([f"{areas.council} (all districts)", areas.population(),
                 *(figure_for(results[k], areas, None) for k in BY_DISTRICT)])  # fmt: skip
    return Table("by-district", "Rates per 10,000 children, timeliness and caseloads by district",
                 ("District", "Children aged 0 to 17", *heads), ("text", "count", *formats), rows, total=True)  # fmt: skip


def _short(key: str) -> str:
    indicator = INDICATORS[key]
    if indicator.unit == "count":
        return f"{indicator.counted} per 10,000"
    return indicator.name


def _rates_by_month(results: dict[str, Result], areas: Areas) -> Table:
    population = areas.population()
    periods = results[RATES[0]][1].periods
    rows: list[list[Value]] = [
        [govuk_date(period.end), *(per_10000(results[k][1].trend[n].count, population) for k in RATES)]
        for n, period in enumerate(periods)
    ]
    return Table("rates-by-month", "Children per 10,000 at the end of each month",
                 ("On", *(INDICATORS[k].counted for k in RATES)), ("text", "rate", "rate", "rate"), rows)  # fmt: skip


def _front_door_by_month(results: dict[str, Result]) -> Table:
    contacts, referrals, again = (results[k][1] for k in FRONT_DOOR)
    rows: list[list[Value]] = [
        [period.label, contacts.trend[n].count, referrals.trend[n].count,
         percent(again.trend[n].count, again.trend[n].base)]
        for n, period in enumerate(contacts.periods)
    ]  # fmt: skip
    return Table("front-door-by-month", "Contacts, referrals and re-referrals each month",
                 ("Period", "Contacts", "Referrals", "Re-referrals within 12 months"),
                 ("text", "count", "count", "percent"), rows)  # fmt: skip


def _chart(
    table: Table, labels: list[str], chart_id: str, title: str, columns: tuple[int, ...] = (1, 2, 3)
) -> Chart:
    series = [Series(table.head[c], [_number(row[c]) for row in table.rows]) for c in columns]
    summary = f"{title}, as in the table “{table.caption}” below the chart."
    return Chart(
        line_chart(chart_id=chart_id, title=title, summary=summary, x_labels=labels, series=series), table.key
    )


def _number(value: Value) -> float | None:
    return None if value is None or isinstance(value, str) else float(value)


def _sources() -> str:
    lines = [
        f"{INDICATORS[key].name}: {c.label} ({c.year}), {c.source}."
        for key, found in comparators().items()
        for c in found
    ]
    return " ".join(lines) or "No published figures to compare with."
