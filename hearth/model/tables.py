"""The case's tables as text, aligned like the paper, and as JSON-able dicts.

Figures are printed as the paper prints them: £'000s and £m where it uses them, negatives in brackets in
Tables 1 and 3, "-" for a line's zero. A figure a scenario overrides is marked `*` and explained below its
table, with the figure the rule gives.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from hearth.model.case import Case, PlacementMix
from hearth.model.case_figures import AppliedOverride, Row, Table, round_half_up

LABEL_WIDTH = 44
BRACKETED = {"table_1", "table_3"}  # the tables that print negatives as (1,234)


# --- text ------------------------------------------------------------------------------------------------


def case_text(case: Case) -> str:
    parts = [
        f"{case.scenario.title}\nScenario: {case.scenario.path}",
        placement_mix_text(case.appendix_4, case.overrides),
        table_text(case.appendix_5, case.overrides, column_labels=_dashed(case.appendix_5.columns)),
        paragraph_37(case),
        table_text(case.table_1, case.overrides),
        table_text(case.table_2, case.overrides),
        table_text(case.table_3, case.overrides),
        break_even_text(case),
    ]
    text = "\n\n".join(part for part in parts if part)
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def break_even_text(case: Case) -> str:
    if case.break_even is None:
        return "No break-even: the impact on the MTFS stays positive in every year of the case."
    return f"Break-even in {case.break_even.year}, after {case.break_even.years_before} years."


def paragraph_37(case: Case) -> str:
    """The do-nothing range the paper quotes, from Appendix 5's last year."""
    table = case.appendix_5
    low, high = table.shown("children_low")[-1], table.shown("children_high")[-1]
    gap_low, gap_high = table.shown("gap_low")[-1], table.shown("gap_high")[-1]
    return (f"Doing nothing, children looked after would rise to between {int(low):,} and {int(high):,} by "
            f"{case.scenario.years[-1]}, a gap of £{float(gap_low):.1f}m to £{float(gap_high):.1f}m.")  # fmt: skip


def table_text(table: Table, overrides: tuple[AppliedOverride, ...],
               column_labels: tuple[str, ...] | None = None) -> str:  # fmt: skip
    marked = {override.figure for override in overrides}
    labels = column_labels or table.columns
    widths = [max(9, len(label) + 1) for label in labels]
    lines = [
        table.title,
        " " * LABEL_WIDTH + "".join(f"{label:>{w}} " for label, w in zip(labels, widths, strict=True)),
        " " * LABEL_WIDTH + "".join(f"{table.unit:>{w}} " for w in widths),
    ]
    for row in table.rows:
        label = _fit(row.label, LABEL_WIDTH)
        if row.style == "heading":
            lines.append(label)
            continue
        cells = []
        for column, value, w in zip(table.columns, row.shown(), widths, strict=True):
            mark = "*" if f"{table.key}.{row.key}.{column}" in marked else " "
            cells.append(f"{_figure(value, row, bracketed=table.key in BRACKETED):>{w}}{mark}")
        lines.append(f"{label:<{LABEL_WIDTH}}" + "".join(cells))
    lines += _notes(table.key, overrides)
    if table.note:
        lines.append(table.note)
    return "\n".join(lines)


def placement_mix_text(mix: PlacementMix, overrides: tuple[AppliedOverride, ...]) -> str:
    marked = {override.figure for override in overrides}
    label_width = 36
    lines = [
        "Appendix 4: Mix of placements over time. Looked After Children Placement Split - Current and Targets"
    ]
    lines.append(" " * label_width + f"{'Average':>10} " + "".join(f"{c.label.replace('Aim for ', 'Aim '):>19}"
                                                                  for c in mix.columns))  # fmt: skip
    lines.append(
        " " * label_width + f"{'yearly £':>10} " + "".join(f"{'No.':>7}{'£':>12}" for _ in mix.columns)
    )

    def cell(figure: str, text: str, width: int) -> str:
        return f"{text:>{width - 1}}" + ("*" if figure in marked else " ")

    for key, label in mix.categories:
        unit = mix.unit_cost[key]
        unit_text = f"({_money(unit)})" if key in mix.derived_unit_cost else (_money(unit) if unit else "-")
        row = f"{_fit(label, label_width):<{label_width}}{unit_text:>10} "
        for column in mix.columns:
            row += cell(f"appendix_4.{key}.{column.key}.children", f"{column.children[key]:,}", 7)
            cost = round_half_up(column.cost[key])
            row += cell(f"appendix_4.{key}.{column.key}.cost", _money(cost) if cost else "-", 12)
        lines.append(row)
    row = f"{'Total':<{label_width}}" + cell("appendix_4.total.average_cost", _money(mix.average_cost), 11)
    for column in mix.columns:
        row += f"{column.total_children:>6,} " + cell(f"appendix_4.total.{column.key}.cost",
                                                      _money(round_half_up(column.total_cost)), 12)  # fmt: skip
    lines.append(row)
    derived = ", ".join(label for key, label in mix.categories if key in mix.derived_unit_cost)
    if derived:
        lines.append(
            f"(Unit costs in brackets are not shown in the paper: current cost / count, for {derived}.)"
        )
    lines.append("Counts are whole children; each cost follows the exact share of the target, so the counts need "
                 "not add up to the total.")  # fmt: skip
    lines += _notes("appendix_4", overrides)
    return "\n".join(lines)


def _notes(table: str, overrides: tuple[AppliedOverride, ...]) -> list[str]:
    notes = []
    for override in overrides:
        if override.figure.split(".", 1)[0] != table:
            continue
        rule = round_half_up(override.rule, override.places)
        notes.append(f"* {override.figure}: the paper's {_plain(override.paper)}; the rule gives {_plain(rule)}. "
                     + " ".join(override.reason.split()))  # fmt: skip
    return notes


def _figure(value: Fraction, row: Row, *, bracketed: bool) -> str:
    if value == 0:
        return "-" if row.style == "line" else f"{_decimal(value, row.places)}"
    text = f"{_decimal(abs(value), row.places):,}"
    if value < 0:
        return f"({text})" if bracketed else f"-{text}"
    return text


def _decimal(value: Fraction, places: int) -> Decimal:
    """A figure already rounded to `places` as a Decimal with that many places (Fraction cannot be formatted
    with a precision before Python 3.12)."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal(1).scaleb(-places))


def _money(value: Fraction) -> str:
    return f"{int(round_half_up(value)):,}"


def _plain(value: Fraction) -> str:
    return f"{int(value):,}" if value.denominator == 1 else f"{float(value):,}"


def _fit(text: str, width: int) -> str:
    return text if len(text) < width else text[: width - 2] + "…"


def _dashed(years: tuple[str, ...]) -> tuple[str, ...]:
    """Appendix 5 writes 2019/20 as 2019-20."""
    return tuple(f"{year[:4]}-{year[5:]}" for year in years)


# --- dicts -----------------------------------------------------------------------------------------------


def case_dict(case: Case) -> dict[str, Any]:
    return {
        "scenario": {
            "name": case.scenario.name,
            "title": case.scenario.title,
            "path": case.scenario.path,
            "years": list(case.scenario.years),
        },
        "appendix_4": placement_mix_dict(case.appendix_4),
        "appendix_5": table_dict(case.appendix_5),
        "table_1": table_dict(case.table_1),
        "table_2": table_dict(case.table_2),
        "table_3": table_dict(case.table_3),
        "break_even": None
        if case.break_even is None
        else {
            "year": case.break_even.year,
            "years_before": case.break_even.years_before,
            "text": break_even_text(case),
        },
        "overrides": [
            {
                "figure": o.figure,
                "paper": _number(o.paper, o.places),
                "rule": _number(round_half_up(o.rule, o.places), o.places),
                "reason": " ".join(o.reason.split()),
            }
            for o in case.overrides
        ],
    }


def table_dict(table: Table) -> dict[str, Any]:
    return {
        "key": table.key,
        "title": table.title,
        "unit": table.unit,
        "columns": list(table.columns),
        "rows": [
            {
                "key": row.key,
                "label": row.label,
                "style": row.style,
                "places": row.places,
                "values": [_number(value, row.places) for value in row.shown()],
            }
            for row in table.rows
        ],
        "note": table.note,
    }


def placement_mix_dict(mix: PlacementMix) -> dict[str, Any]:
    rows: list[dict[str, Any]] = [
        {"key": key, "label": label, "unit_cost": _number(round_half_up(mix.unit_cost[key]), 0),
         "unit_cost_derived": key in mix.derived_unit_cost,
         "cells": {c.key: {"children": c.children[key], "cost": _number(round_half_up(c.cost[key]), 0)}
                   for c in mix.columns}}
        for key, label in mix.categories
    ]  # fmt: skip
    rows.append({"key": "total", "label": "Total", "average_cost": _number(round_half_up(mix.average_cost), 0),
                 "cells": {c.key: {"children": c.total_children, "cost": _number(round_half_up(c.total_cost), 0)}
                           for c in mix.columns}})  # fmt: skip
    return {
        "key": "appendix_4",
        "title": "Appendix 4: Mix of placements over time",
        "unit": "children and £ a year",
        "columns": [{"key": c.key, "label": c.label} for c in mix.columns],
        "rows": rows,
    }


def _number(value: Fraction, places: int) -> int | float:
    shown = round_half_up(value, places)
    return int(shown) if places == 0 else float(_decimal(shown, places))
