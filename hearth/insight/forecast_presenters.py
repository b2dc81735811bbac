"""What the forecast page shows, from `forecasting.forecast_report`: the chart with its intervals, the
figures in tables, the scenarios' finances as the seed's tables set them out, and the assumptions in words."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from hearth.core.charts import Band, Series, line_chart
from hearth.core.jinja import govuk_date
from hearth.insight.forecasting import lever_words, number, number_range, thousands
from hearth.insight.forms import TREND_CHOICES


def _on(iso: str) -> str:
    return govuk_date(date.fromisoformat(iso))


def forecast_view(report: dict[str, Any]) -> dict[str, Any]:
    labels = report["category_labels"]
    ends = report["year_ends"]
    x_labels = [date.fromisoformat(e["on"]).strftime("March %Y") for e in ends]
    total = [e["total"] for e in ends]
    chart = line_chart(
        chart_id="forecast", title="Children looked after at each 31 March: the forecast with its intervals",
        summary=f"From {number(total[0]['median'])} on {_on(ends[0]['on'])} to {number(total[-1]['median'])} on "
                f"{_on(ends[-1]['on'])} (95% interval {number_range(total[-1]['p95'])}). The darker band holds 80% of "
                "the simulations, the lighter one 95%.",
        x_labels=x_labels, series=[Series("Forecast (median)", [t["median"] for t in total])],
        bands=[Band("95% interval", [t["p95"][0] for t in total], [t["p95"][1] for t in total]),
               Band("80% interval", [t["p80"][0] for t in total], [t["p80"][1] for t in total])],
        include_zero=False,
    )  # fmt: skip
    return {
        "report": report,
        "chart": chart,
        "total_rows": [
            (
                _on(e["on"]),
                number(t["median"]),
                "" if n == 0 else number_range(t["p80"]),
                "" if n == 0 else number_range(t["p95"]),
            )
            for n, (e, t) in enumerate(zip(ends, total, strict=True))
        ],
        "years": [e["label"] for e in ends],
        "category_rows": [
            (labels[c], [number(e["by_category"][c]["median"]) for e in ends]) for c in report["categories"]
        ],
        "cost_rows": [
            (
                c["year"],
                thousands(c["median"]),
                number_range(c["p80"], money=True),
                number_range(c["p95"], money=True),
            )
            for c in report["costs"]
        ],
        "unit_cost_rows": [
            (labels[c], f"£{round(report['unit_costs'][c]):,}", report["unit_costs_source"][c])
            for c in report["categories"]
        ],
        "assumptions": assumptions(report),
        "scenarios": [scenario_view(name, lever) for name, lever in report["levers"].items()],
        "comparison_chart": comparison_chart(report, x_labels) if report["levers"] else "",
    }


def comparison_chart(report: dict[str, Any], x_labels: list[str]) -> Any:
    series = [Series("The forecast", [e["total"]["median"] for e in report["year_ends"]])]
    series += [
        Series(name, [e["total"]["median"] for e in lever["year_ends"]])
        for name, lever in report["levers"].items()
    ]
    last = report["year_ends"][-1]
    return line_chart(
        chart_id="scenarios", title="Children looked after at each 31 March: the forecast and each scenario",
        summary=f"The forecast reaches {number(last['total']['median'])} on {_on(last['on'])}; "
                + "; ".join(f"{name}: {number(lever['year_ends'][-1]['total']['median'])}" for name, lever in report["levers"].items())
                + ".", x_labels=x_labels, series=series, include_zero=False,
    )  # fmt: skip


def assumptions(report: dict[str, Any]) -> list[str]:
    ref = report["reference"]
    trend = dict(TREND_CHOICES)[ref["trend"]].lower()
    return [
        f"The rates come from the council’s own records from {_on(ref['from'])} to {_on(ref['to'])}: "
        f"{number(ref['entrants'])} children came into care (about {ref['entries_a_month']:.0f} a month), {number(ref['exits'])} "
        f"left care before 18, and {number(ref['transitions'])} moved to a different kind of placement.",
        f"In the forecast, children come into care {trend}: about {ref['entries_a_month_at_start']:.0f} a month, "
        "more in some months than others as in the records.",
        "Each child’s chance of leaving care, or of moving to a different kind of placement, depends on their age "
        "and where they live, as in the records. Everyone leaves care at 18.",
        f"The forecast is run {report['runs']:,} times with chance playing out differently each time. The figure "
        "given is the middle one; the intervals hold the middle 80% and 95% of the runs.",
        "Costs are each kind of placement’s average yearly cost from the providers’ rates, at today’s prices.",
    ]


def scenario_view(name: str, lever: dict[str, Any]) -> dict[str, Any]:
    finances = lever["finances"]
    years = finances["years"]
    roi = finances.get("roi")
    return {
        "name": name,
        "what": lever_words(lever["levers"]),
        "years": [y["year"] for y in years],
        "children": [number(f["median"]) for f in lever["fewer_children"]],
        "rows": [
            (
                "Investment",
                [thousands(y["investment"]) for y in years],
                thousands(finances["total_investment"]),
            ),
            ("Savings", [thousands(y["saving"]) for y in years], thousands(finances["total_saving"])),
            (
                "Net position: surplus (deficit)",
                [thousands(y["net"]) for y in years],
                thousands(finances["net"]),
            ),
            ("Cumulative net position", [thousands(y["cumulative_net"]) for y in years], ""),
        ],
        "saving_80": number_range(finances["total_saving_80"], money=True),
        "roi": "no investment" if roi is None else f"{roi:.0%}",
        "break_even": finances.get("break_even_year") or "not within the forecast",
        "payback": finances.get("payback_year") or "not within the forecast",
    }


def forecast_csv(report: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["what", "on or year", "measure", "median", "80% low", "80% high", "95% low", "95% high"])
    for end in report["year_ends"]:
        for measure, figure in [("All children looked after", end["total"]),
                                *[(report["category_labels"][c], f) for c, f in end["by_category"].items()]]:  # fmt: skip
            writer.writerow(
                ["children", end["on"], measure, figure["median"], *figure["p80"], *figure["p95"]]
            )
    for cost in report["costs"]:
        writer.writerow(["cost £", cost["year"], "All placements", round(cost["median"]),
                         *[round(v) for v in (*cost["p80"], *cost["p95"])]])  # fmt: skip
    for name, lever in report["levers"].items():
        for year in lever["finances"]["years"]:
            writer.writerow([f"scenario: {name}", year["year"], "saving £", round(year["saving"]),
                             *[round(v) for v in year["saving_80"]], "", ""])  # fmt: skip
            writer.writerow(
                [f"scenario: {name}", year["year"], "investment £", round(year["investment"]), "", "", "", ""]
            )
    return out.getvalue()
