"""Forecasts and backtests of a council's children looked after, from its own records (issue 7).

`forecast_report` and `backtest_report` read the whole council's care history (`histories.py`), run the
demand model (`hearth.model.forecast`, `hearth.model.backtest`) and return plain, JSON-able dicts that
the console (`hearth model forecast`, `hearth model backtest`) and the Insight pages render;
`format_forecast` and `format_backtest` are their text renderings. The model's choices (rates, pooling,
trend and season, levers, break-even) are written up in the model's modules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields
from datetime import date, timedelta
from typing import Any

from hearth.care import codes
from hearth.core.jinja import govuk_date
from hearth.insight.histories import care_history, unit_costs_from
from hearth.model.backtest import backtest
from hearth.model.forecast import forecast
from hearth.model.levers import Levers
from hearth.organisation.models import Authority

LABELS = dict(codes.CATEGORIES)
LEVER_SETTINGS = tuple(f.name for f in fields(Levers))
LEVER_WORDS = {
    "fewer_entrants": "{:.0%} fewer children come into care",
    "ifa_to_in_house": "{:.0%} of new agency foster placements are made in house instead",
    "more_sgo": "children leave foster care {:.0%} faster, more of them on special guardianship orders",
    "fgc_coverage": "family group conferences reach {:.0%} of families on the edge of care",
    "fgc_effectiveness": "and keep {:.0%} of those children out of care",
}
TRENDS = {
    "none": "the reference years' average",
    "linear": "the reference years' line, carried on",
    "held": "the reference years' line, held at its level at the start",
}


def _levers(levers: Mapping[str, Levers | Mapping[str, float]] | None) -> dict[str, Levers]:
    result = {}
    for name, value in (levers or {}).items():
        if isinstance(value, Levers):
            result[name] = value
            continue
        unknown = sorted(set(value) - set(LEVER_SETTINGS))
        if unknown:
            raise ValueError(
                f"levers[{name!r}] has an unknown setting {unknown[0]!r}: expected {', '.join(LEVER_SETTINGS)}"
            )
        result[name] = Levers(**{key: float(v) for key, v in value.items()})
    return result


def forecast_report(*, authority_id: int, start: date, years: int = 5, runs: int = 1000, reference_years: int = 3,
                    levers: Mapping[str, Levers | Mapping[str, float]] | None = None,
                    investment: Mapping[str, float | Sequence[float]] | None = None,
                    unit_costs: Mapping[str, float] | None = None, trend: str = "none", seasonality: bool = True,
                    inflation: float = 0.0, seed: int = 2026, workers: int = 1) -> dict[str, Any]:  # fmt: skip
    """A forecast of the council's children looked after from `start`, with costs and levers.

    `levers` names each scenario: a `Levers` or a dict of its settings (shares: 0.1 is 10%), e.g.
    {"Fewer entrants": {"fewer_entrants": 0.1}}; `investment` gives each scenario's yearly investment (one
    figure for every year, or one a year). Without `unit_costs` (yearly, by category) the costs are the
    council's provider rates on the day before `start` (`histories.unit_costs_from`)."""
    authority = Authority.objects.get(pk=authority_id)
    history = care_history(authority_id=authority_id)
    if unit_costs is None:
        found = unit_costs_from(authority_id=authority_id, on=start - timedelta(days=1))
        costs = {category: float(row["yearly"]) for category, row in found.items()}
        source = {category: str(row["source"]) for category, row in found.items()}
    else:
        costs, source = dict(unit_costs), dict.fromkeys(unit_costs, "given")
    result = forecast(history, start=start, years=years, runs=runs, reference_years=reference_years, trend=trend,
                      seasonality=seasonality, unit_costs=costs, inflation=inflation, levers=_levers(levers),
                      investment=investment, seed=seed, workers=workers)  # fmt: skip
    return {
        "authority": authority.name,
        "children_in_history": history.children,
        "category_labels": {c: LABELS.get(c, c) for c in history.categories},
        "unit_costs_source": source,
        **result.summary(),
    }


def backtest_report(*, authority_id: int, at: date, horizons: tuple[int, ...] = (1, 2), reference_years: int = 3,
                    runs: int = 1000, trend: str = "none", seasonality: bool = True, seed: int = 2026,
                    workers: int = 1) -> dict[str, Any]:  # fmt: skip
    """Forecast from `at` with only what the records knew then, and score each horizon against them."""
    authority = Authority.objects.get(pk=authority_id)
    history = care_history(authority_id=authority_id)
    result = backtest(history, at=at, horizons=horizons, reference_years=reference_years, runs=runs, trend=trend,
                      seasonality=seasonality, seed=seed, workers=workers)  # fmt: skip
    return {
        "authority": authority.name,
        "reference_years": reference_years,
        "category_labels": {c: LABELS.get(c, c) for c in history.categories},
        **result,
    }


# Text renderings -------------------------------------------------------------------------------------------


def _day(iso: str) -> str:
    return govuk_date(date.fromisoformat(iso))


def number(value: float) -> str:
    """A count, rounded to whole children, thousands separated."""
    return f"{round(value):,}"


def thousands(value: float) -> str:
    """£ thousands, negatives in brackets, as the seed's finance tables."""
    rounded = round(value / 1000)
    return f"({abs(rounded):,})" if rounded < 0 else f"{rounded:,}"


def number_range(pair: Sequence[float], money: bool = False) -> str:
    """An interval, as counts or (`money`) as £ thousands."""
    low, high = pair
    return f"{thousands(low)} to {thousands(high)}" if money else f"{number(low)} to {number(high)}"


def lever_words(settings: Mapping[str, float]) -> str:
    """What a scenario's levers change, in words ("no change" when none is set)."""
    said = [LEVER_WORDS[key].format(value) for key, value in settings.items() if value]
    return "; ".join(said) or "no change"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], indent: str = "  ",
           left: tuple[int, ...] = (0,)) -> list[str]:  # fmt: skip
    """Aligned columns: words to the left (the columns in `left`), figures to the right."""
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]

    def line(row: Sequence[str]) -> str:
        cells = [
            str(c).ljust(w) if i in left else str(c).rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        return (indent + "  ".join(cells)).rstrip()

    return [line(header), *(line(row) for row in rows)]


def _reference(report: dict[str, Any]) -> list[str]:
    ref = report["reference"]
    trend = ref["trend"]
    season = " ".join(f"{v:.2f}" for v in ref["seasonal"])
    return [
        f"Rates from the reference years, {_day(ref['from'])} to {_day(ref['to'])}:",
        f"  Entries to care: {number(ref['entrants'])}, {ref['entries_a_month']:.1f} a month on average; the fitted line "
        f"ended at {ref['line_at_end']:.1f} a month, changing by {ref['line_change_a_year']:+.1f} a month each year.",
        f"  Entries in the forecast: {TRENDS.get(trend, trend)} (trend \"{trend}\"), "
        f"{ref['entries_a_month_at_start']:.1f} a month before the season.",
        f"  Season, January to December: {season}. Spread beyond Poisson: {ref['dispersion']:.2f}.",
        f"  Left care before 18: {number(ref['exits'])}; changes of placement category: {number(ref['transitions'])}; "
        f"over {number(ref['years_looked_after'])} years looked after.",
    ]  # fmt: skip


def format_forecast(report: dict[str, Any]) -> str:
    """The forecast as text: aligned tables in plain words."""
    labels = report["category_labels"]
    ends = report["year_ends"]
    lines = [
        f"Children looked after by {report['authority']}: a forecast from {_day(report['start'])} for "
        f"{report['years']} years",
        f"{number(report['runs'])} simulations (seed {report['seed']}); the median is the forecast, the intervals "
        "hold the middle 80% and 95% of them.",
        "",
        *_reference(report),
        "",
        "Children looked after",
        *_table(["On", "Median", "80% interval", "95% interval"],
                [[_day(e["on"]) + (" (start)" if i == 0 else ""), number(e["total"]["median"]),
                  "" if i == 0 else number_range(e["total"]["p80"]), "" if i == 0 else number_range(e["total"]["p95"])]
                 for i, e in enumerate(ends)]),
        "",
        f"By placement category (median; 80% interval on {_day(ends[-1]['on'])})",
        *_table(["Category", *(date.fromisoformat(e["on"]).strftime("%b %Y") for e in ends), "80% interval"],
                [[labels[c], *(number(e["by_category"][c]["median"]) for e in ends), number_range(ends[-1]["by_category"][c]["p80"])]
                 for c in report["categories"]]),
        "",
        "By age band (median)",
        *_table(["Age", *(date.fromisoformat(e["on"]).strftime("%b %Y") for e in ends)],
                [[band, *(number(e["by_age_band"][band]["median"]) for e in ends)] for band in report["age_bands"]]),
        "",
        "By single year of age (median)",
        *_table(["Age", *(date.fromisoformat(e["on"]).strftime("%b %Y") for e in ends)],
                [[str(age), *(number(e["by_age"][age]["median"]) for e in ends)] for age in range(len(ends[0]["by_age"]))]),
        "",
        "Coming into and leaving care each year (median)",
        *_table(["Year", "Entries", "Left before 18", "Left at 18"],
                [[f["year"], number(f["entries"]["median"]), number(f["exits"]["median"]), number(f["left_at_18"]["median"])]
                 for f in report["flows"]]),
    ]  # fmt: skip
    if "costs" in report:
        lines += [
            "",
            "Cost of placements (£'000 a year)" + (f", prices rising {report['inflation']:.1%} a year" if report["inflation"] else ""),
            *_table(["Year", "Median", "80% interval", "95% interval"],
                    [[c["year"], thousands(c["median"]), number_range(c["p80"], money=True),
                      number_range(c["p95"], money=True)] for c in report["costs"]]),
            "",
            "Yearly cost of a placement",
            *_table(["Category", "£ a year", "From"],
                    [[labels[c], number(v), report.get("unit_costs_source", {}).get(c, "")]
                     for c, v in report["unit_costs"].items()], left=(0, 2)),
        ]  # fmt: skip
    for name, lever in report["levers"].items():
        lines += ["", *_format_lever(name, lever, report)]
    return "\n".join(lines) + "\n"


def _format_lever(name: str, lever: dict[str, Any], report: dict[str, Any]) -> list[str]:
    lines = [f"Scenario: {name} ({lever_words(lever['levers'])})"]
    ends = lever["year_ends"][1:]
    lines += _table(
        ["On", "Children (median)", "Fewer than the forecast"],
        [[_day(e["on"]), number(e["total"]["median"]), number(f["median"])] for e, f in zip(ends, lever["fewer_children"], strict=True)],
    )  # fmt: skip
    money = lever.get("finances")
    if not money:
        return lines
    years = money["years"]
    lines += ["", "  Finances (£'000)"]
    rows = [
        ["Investment", *(thousands(y["investment"]) for y in years), thousands(money["total_investment"])],
        ["Savings", *(thousands(y["saving"]) for y in years), thousands(money["total_saving"])],
        ["Net position: surplus (deficit)", *(thousands(y["net"]) for y in years), thousands(money["net"])],
        ["Cumulative net position", *(thousands(y["cumulative_net"]) for y in years), ""],
        [
            "Return on investment: (surplus)/deficit",
            *(thousands(-y["net"]) for y in years),
            thousands(-money["net"]),
        ],
    ]
    lines += _table(["", *(y["year"] for y in years), "Total"], rows)
    roi = f"{money['roi']:.0%}" if money["roi"] is not None else "no investment"
    lines.append(
        f"  Savings over the {len(years)} years: £{thousands(money['total_saving'])}k (80% interval £{thousands(money['total_saving_80'][0])}k "
        f"to £{thousands(money['total_saving_80'][1])}k). Return on investment: {roi}. Break-even (first year in surplus): "
        f"{money['break_even_year'] or 'not within the forecast'}. Paid back (cumulative surplus): "
        f"{money['payback_year'] or 'not within the forecast'}."
    )  # fmt: skip
    return lines


def format_backtest(report: dict[str, Any]) -> str:
    """The backtest as text: for each horizon, the total and each category against what happened."""
    labels = report["category_labels"]
    lines = [
        f"Backtest for {report['authority']}: a forecast as at {_day(report['at'])}, made with only the records "
        f"of the {report['reference_years']} years before it, scored against what the records show happened.",
        f"{number(report['runs'])} simulations (seed {report['seed']}). Error is the median forecast less the actual "
        "(positive: the forecast was too high). \"No change\" is the naive forecast that the count stays as it was.",
        "",
        *_reference(report),
        "",
        f"Children looked after at the start: {number(report['at_start']['total'])}",
        *_table(["Horizon", "On", "Actual", "Forecast", "80% interval", "95% interval", "Error", "Error %", "In 80%",
                 "In 95%", "No change error %"],
                [[f"{h['years']} year" + ("s" if h["years"] > 1 else ""), _day(h["on"]), number(h["total"]["actual"]),
                  number(h["total"]["median"]), number_range(h["total"]["p80"]), number_range(h["total"]["p95"]),
                  f"{h['total']['error']:+,.0f}", _pct(h["total"]["pct_error"]), _yes(h["total"]["in_80"]),
                  _yes(h["total"]["in_95"]), _pct(h["total"]["naive_pct_error"])] for h in report["horizons"]],
                left=(0, 1)),
    ]  # fmt: skip
    for horizon in report["horizons"]:
        lines += [
            "",
            f"By placement category, {_day(horizon['on'])}",
            *_table(["Category", "Actual", "Forecast", "80% interval", "Error", "Error %", "In 80%", "In 95%"],
                    [[labels[c], number(s["actual"]), number(s["median"]), number_range(s["p80"]), f"{s['error']:+,.0f}",
                      _pct(s["pct_error"]), _yes(s["in_80"]), _yes(s["in_95"])]
                     for c, s in horizon["by_category"].items()]),
        ]  # fmt: skip
    return "\n".join(lines) + "\n"


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:+.1f}%"


def _yes(value: bool) -> str:
    return "yes" if value else "no"
