"""What the Insight pages show, from the model's JSON-able output: tables with figures written as the paper
writes them, and the charts' series."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from hearth.core.charts import Series, bar_chart, line_chart


@dataclass(frozen=True)
class TableRow:
    label: str
    style: str  # line, total or heading
    cells: list[str]


@dataclass(frozen=True)
class TableView:
    key: str
    caption: str
    unit: str
    columns: list[str]
    rows: list[TableRow]
    note: str


def figure(value: Any, *, unit: str, places: int = 0) -> str:
    """A figure as the paper writes it: thousands separated, £'000s negatives in brackets, zero as a dash."""
    if value is None:
        return ""
    if value == 0:
        return "-"
    text = f"{abs(value):,.0f}" if isinstance(value, int) or places == 0 else f"{abs(value):,.{places}f}"
    if value < 0:
        return f"({text})" if unit == "£'000s" else f"-{text}"
    return text


def year_table(table: dict[str, Any]) -> TableView:
    rows = [
        TableRow(row["label"], row.get("style") or "line",
                 [figure(v, unit=table["unit"], places=row.get("places", 0)) for v in row.get("values", [])])
        for row in table["rows"]
    ]  # fmt: skip
    return TableView(
        table["key"], table["title"], table["unit"], list(table["columns"]), rows, table.get("note", "")
    )


def placement_table(mix: dict[str, Any]) -> TableView:
    columns = [c["label"] for c in mix["columns"]]
    rows = []
    for row in mix["rows"]:
        cells = [figure(row.get("unit_cost", row.get("average_cost")), unit="£")]
        for column in mix["columns"]:
            cell = row["cells"][column["key"]]
            cells += [figure(cell["children"], unit=""), figure(cell["cost"], unit="£")]
        rows.append(TableRow(row["label"], "total" if row["key"] == "total" else "line", cells))
    return TableView(mix["key"], mix["title"], "children and £ a year", columns, rows, mix.get("note", ""))


def case_view(case: dict[str, Any]) -> dict[str, Any]:
    """Everything the financial case page shows."""
    return {
        "title": case["scenario"]["title"],
        "break_even": case["break_even"],
        "appendix_4": placement_table(case["appendix_4"]),
        "tables": [year_table(case[key]) for key in ("table_1", "table_2", "table_3", "appendix_5")],
        "overrides": case["overrides"],
        "children_chart": children_chart(case),
        "position_chart": position_chart(case),
    }


def _row(table: dict[str, Any], key: str) -> list[Any]:
    return next(r["values"] for r in table["rows"] if r["key"] == key)


def children_chart(case: dict[str, Any]) -> Markup:
    mix, do_nothing = case["appendix_4"], case["appendix_5"]
    total = next(r for r in mix["rows"] if r["key"] == "total")
    plan = [total["cells"][c["key"]]["children"] for c in mix["columns"][1:]]
    labels = [c["label"].replace("Aim for ", "") for c in mix["columns"][1:]]
    series = [Series("The plan", plan)]
    for row in do_nothing["rows"]:
        if row["label"] in {"LAC @11%", "LAC @3.4%"}:
            series.append(Series(f"Do nothing, {row['label'].removeprefix('LAC @')} growth", row["values"]))
    return line_chart(chart_id="children", title="Children looked after at each March: the plan and doing nothing",
                      summary=f"The plan takes children looked after from {plan[0]:,} to {plan[-1]:,}; doing "
                              f"nothing, they would rise to between {series[-1].values[-1]:,} and "
                              f"{series[1].values[-1]:,}.", x_labels=labels, series=series)  # fmt: skip


def position_chart(case: dict[str, Any]) -> Markup:
    table = case["table_3"]
    impact = _row(table, "impact")
    return bar_chart(chart_id="position", title="Impact on the MTFS by year (£'000s)",
                     summary=f"{case['break_even']['text']} A bar above the line is a pressure, below it a saving.",
                     x_labels=table["columns"], values=impact, name="Impact on the MTFS")  # fmt: skip


def table_csv(view: TableView) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    if view.key == "appendix_4":
        writer.writerow(
            ["", "Average yearly £", *[f"{c} {part}" for c in view.columns for part in ("No.", "£")]]
        )
    else:
        writer.writerow([view.unit, *view.columns])
    for row in view.rows:
        writer.writerow([row.label, *["0" if cell == "-" else cell for cell in row.cells]])
    return out.getvalue()
