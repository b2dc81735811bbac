"""A forecast of children looked after from the council's own care history (issue 7).

    history = History.from_spells(spells)               # forecast_history.py: the plain input
    result = forecast(history, start=date(2026, 4, 1), years=5, runs=1000,
                      unit_costs={"ifa": 39_613, ...}, levers={"IFA to in-house": Levers(ifa_to_in_house=0.2)},
                      investment={"IFA to in-house": 250_000})
    result.summary()                                    # a JSON-able dict: intervals, costs, lever finances

The rates are fitted on the reference window, the `reference_years` before `start` (`fit.py`); the
simulation starts from the children looked after at `start` (those looked after on the day before) and
steps month by month (`simulate.py`); each lever is simulated on the same random numbers as the baseline
and priced against its investment (`levers.py`). Year-ends are the anniversaries of `start`, counted on the
day before: 31 March for a start on 1 April, when the years are the council's financial years. Intervals
are the middle 80% and 95% of the runs; the median is the forecast. `backtest.py` checks the method
against what happened.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np

from hearth.model.fit import Fitted, fit
from hearth.model.forecast_history import (
    AGE_BAND_LABELS,
    History,
    add_years,
)
from hearth.model.levers import Levers, finances, investment_by_year
from hearth.model.scenario import financial_year
from hearth.model.simulate import Simulation, simulate

QUANTILES = (0.025, 0.1, 0.5, 0.9, 0.975)


def interval(values: np.ndarray) -> dict[str, Any]:
    """The median and the 80% and 95% intervals of the runs (axis 0)."""
    low95, low80, median, high80, high95 = np.quantile(np.asarray(values, dtype=float), QUANTILES, axis=0)
    return {
        "median": _plain(median),
        "p80": [_plain(low80), _plain(high80)],
        "p95": [_plain(low95), _plain(high95)],
    }


def _plain(value: Any) -> Any:
    array = np.asarray(value)
    return array.tolist() if array.ndim else round(float(array), 2)


def year_label(start: date, year: int) -> str:
    """`2026/27` for years that start on 1 April; otherwise the year's last day."""
    begins = add_years(start, year - 1)
    if (start.month, start.day) == (4, 1):
        return financial_year(begins.year + 1)
    last = add_years(start, year) - timedelta(days=1)
    return f"Year to {last.day} {last:%B %Y}"


@dataclass(frozen=True)
class Forecast:
    start: date
    years: int
    seed: int
    fitted: Fitted
    at_start: np.ndarray  # children looked after at the start, by category
    baseline: Simulation
    unit_costs: np.ndarray | None = None
    inflation: float = 0.0
    levers: dict[str, Levers] = field(default_factory=dict)
    scenarios: dict[str, Simulation] = field(default_factory=dict)
    investment: dict[str, list[float]] = field(default_factory=dict)

    @property
    def categories(self) -> tuple[str, ...]:
        return self.fitted.categories

    def costs(self, simulation: Simulation) -> np.ndarray | None:
        if self.unit_costs is None:
            return None
        return simulation.yearly_costs(self.unit_costs, self.inflation)

    def summary(self) -> dict[str, Any]:
        """Everything a page or the console shows, as plain numbers, strings and lists (JSON-able):
        `reference` (what the reference window showed), `at_start` (the children looked after at the start),
        `year_ends` (the start and each year-end: total, by category, by age band, by single year of age),
        `monthly` (totals at each month's end), `flows` (entries, exits before 18 and at 18 in each year),
        `costs` (each year's cost, with `unit_costs`), and `levers` (each scenario's children and, with
        costs, its `finances`: see `levers.finances`). Every figure from the runs is an `interval`: the
        median, and the 80% (`p80`) and 95% (`p95`) intervals as [low, high]."""
        base = self.baseline
        labels = [year_label(self.start, y) for y in range(1, self.years + 1)]
        result: dict[str, Any] = {
            "start": self.start.isoformat(),
            "years": self.years,
            "runs": base.runs,
            "seed": self.seed,
            "categories": list(self.categories),
            "age_bands": list(AGE_BAND_LABELS),
            "reference": fit_summary(self.fitted),
            "at_start": {"total": int(self.at_start.sum()),
                         "by_category": dict(zip(self.categories, self.at_start.tolist(), strict=True))},
            "year_ends": _year_ends(base, labels),
            "monthly": [
                {"on": (base.boundary(m) - timedelta(days=1)).isoformat(), **interval(total)}
                for m, total in enumerate(base.totals().T)
            ],
            "flows": _flows(base, labels),
        }  # fmt: skip
        costs = self.costs(base)
        if costs is not None:
            assert self.unit_costs is not None
            by_category = base.by_category().astype(float)
            monthly = (by_category[:, :-1] + by_category[:, 1:]) / 2 * self.unit_costs / 12
            yearly = monthly[:, : self.years * 12].reshape(base.runs, self.years, 12, -1).sum(axis=2)
            yearly = yearly * ((1.0 + self.inflation) ** np.arange(self.years))[None, :, None]
            result["unit_costs"] = dict(zip(self.categories, self.unit_costs.tolist(), strict=True))
            result["inflation"] = self.inflation
            result["costs"] = [
                {"year": label, **interval(costs[:, y]),
                 "by_category": dict(zip(self.categories, np.median(yearly[:, y], axis=0).round(2).tolist(), strict=True))}
                for y, label in enumerate(labels)
            ]  # fmt: skip
        result["levers"] = {}
        base_totals = base.totals()
        for name, simulation in self.scenarios.items():
            totals = simulation.totals()
            lever: dict[str, Any] = {
                "levers": asdict(self.levers[name]),
                "year_ends": [{"label": e["label"], "on": e["on"], "total": e["total"]}
                              for e in _year_ends(simulation, labels)],
                "fewer_children": [interval(base_totals[:, 12 * y] - totals[:, 12 * y])
                                   for y in range(1, self.years + 1)],
            }  # fmt: skip
            scenario_costs = self.costs(simulation)
            if costs is not None and scenario_costs is not None:
                lever["finances"] = finances(baseline=costs, scenario=scenario_costs,
                                             investment=self.investment.get(name, [0.0] * self.years), labels=labels)  # fmt: skip
            result["levers"][name] = lever
        return result


def fit_summary(fitted: Fitted) -> dict[str, Any]:
    """What the reference window showed, in the units people use (a year, a month)."""
    entries = fitted.entries
    months = entries.counts.size
    exposure = fitted.exposure.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        exit_by_age = np.where(exposure > 0, fitted.exits.sum(axis=1) / exposure, 0.0)
    line_now = float(entries.line(np.array([float(months)]))[0])
    return {
        "from": fitted.start.isoformat(),
        "to": (fitted.end - timedelta(days=1)).isoformat(),
        "entrants": int(fitted.entrant_age.size),
        "entries_a_month": round(float(entries.counts.mean()) if months else 0.0, 2),
        "trend": entries.trend,
        "entries_a_month_at_start": round(line_now, 2),  # the forecast's first month, before the season
        # the window's line, whatever `trend`: entries a month at its end and their change over a year
        "line_at_end": round(entries.fitted_line[0] + entries.fitted_line[1] * max(months - 1, 0), 2),
        "line_change_a_year": round(entries.fitted_line[1] * 12, 2),
        "seasonal": [round(float(v), 3) for v in entries.seasonal],
        "dispersion": round(entries.dispersion, 3),
        "exits": int(fitted.exits.sum()),
        "transitions": int(fitted.moves.sum()),
        "years_looked_after": round(float(fitted.exposure.sum()) / 12, 1),
        "exit_rate_a_year_by_age": [round(float(-np.expm1(-12 * h)), 4) for h in exit_by_age],
    }


def _year_ends(simulation: Simulation, labels: Sequence[str]) -> list[dict[str, Any]]:
    by_band = simulation.counts
    rows = []
    for year in range(simulation.years + 1):
        month = 12 * year
        counts = by_band[:, month]
        rows.append({
            "label": "Start" if year == 0 else labels[year - 1],
            "on": (simulation.boundary(month) - timedelta(days=1)).isoformat(),
            "total": interval(counts.sum(axis=(1, 2))),
            "by_category": {c: interval(counts[:, :, i].sum(axis=1)) for i, c in enumerate(simulation.categories)},
            "by_age_band": {b: interval(counts[:, j].sum(axis=1)) for j, b in enumerate(AGE_BAND_LABELS)},
            "by_age": [interval(simulation.ages[:, year, age].sum(axis=1)) for age in range(simulation.ages.shape[2])],
        })  # fmt: skip
    return rows


def _flows(simulation: Simulation, labels: Sequence[str]) -> list[dict[str, Any]]:
    def yearly(values: np.ndarray) -> np.ndarray:
        return values[:, : simulation.years * 12].reshape(simulation.runs, simulation.years, 12).sum(axis=2)

    entries, exits, age_outs = (
        yearly(simulation.entries),
        yearly(simulation.exits),
        yearly(simulation.age_outs),
    )
    return [
        {"year": label, "entries": interval(entries[:, y]), "exits": interval(exits[:, y]),
         "left_at_18": interval(age_outs[:, y])}
        for y, label in enumerate(labels)
    ]  # fmt: skip


def check_unit_costs(unit_costs: Mapping[str, float], categories: Sequence[str]) -> np.ndarray:
    unknown = sorted(set(unit_costs) - set(categories))
    if unknown:
        raise ValueError(
            f"unit_costs has an unknown category {unknown[0]!r}: expected {', '.join(categories)}"
        )
    missing = [c for c in categories if c not in unit_costs]
    if missing:
        raise ValueError(f"unit_costs needs a yearly cost for every category; missing {', '.join(missing)}")
    for name, value in unit_costs.items():
        if not (isinstance(value, int | float) and math.isfinite(value) and value >= 0):
            raise ValueError(f"unit_costs[{name!r}] must be a yearly cost of 0 or more, not {value!r}")
    return np.array([float(unit_costs[c]) for c in categories])


def check_whole(name: str, value: Any, least: int = 1) -> None:
    if not (isinstance(value, int) and not isinstance(value, bool) and value >= least):
        raise ValueError(f"{name} must be a whole number of {least} or more, not {value!r}")


def forecast(history: History, *, start: date, years: int = 5, runs: int = 1000, reference_years: int = 3,
             trend: str = "none", seasonality: bool = True, unit_costs: Mapping[str, float] | None = None,
             inflation: float = 0.0, levers: Mapping[str, Levers] | None = None,
             investment: Mapping[str, float | Sequence[float]] | None = None, seed: int = 2026,
             prior_months: float = 36.0, uncertainty: bool = True, workers: int = 1) -> Forecast:  # fmt: skip
    """Fit on the `reference_years` before `start`, then simulate `runs` futures of `years` from the
    children looked after at `start`, once for the baseline and once for each named set of levers."""
    check_whole("years", years)
    check_whole("runs", runs)
    check_whole("reference_years", reference_years)
    if not (math.isfinite(inflation) and inflation > -1):
        raise ValueError(f"inflation must be a yearly rise above -1 (0.03 is 3%), not {inflation!r}")
    known = history.last_day
    if known is not None and start - timedelta(days=1) > known:
        raise ValueError(f"start must be at most a day after the records end ({known}), not {start}")
    costs = check_unit_costs(unit_costs, history.categories) if unit_costs is not None else None
    levers = dict(levers or {})
    for name, value in levers.items():
        if not isinstance(value, Levers):
            raise ValueError(f"levers[{name!r}] must be a Levers, not {type(value).__name__}")
    unknown = sorted(set(investment or {}) - set(levers))
    if unknown:
        raise ValueError(f"investment names a lever that is not set: {unknown[0]!r}")
    spend = {
        name: investment_by_year((investment or {}).get(name), years, f"investment[{name!r}]")
        for name in levers
    }
    fitted = fit(history, start=add_years(start, -reference_years), end=start, trend=trend,
                 seasonality=seasonality, prior_months=prior_months)  # fmt: skip
    ages, categories = history.cohort_at(start)

    def run(lever: Levers | None) -> Simulation:
        return simulate(fitted, cohort_age=ages, cohort_category=categories, start=start, months=12 * years,
                        runs=runs, seed=seed, levers=lever, uncertainty=uncertainty, workers=workers)  # fmt: skip

    return Forecast(
        start=start, years=years, seed=seed, fitted=fitted, at_start=history.counts_at(start), baseline=run(None),
        unit_costs=costs, inflation=inflation, levers=levers,
        scenarios={name: run(lever) for name, lever in levers.items()}, investment=spend,
    )  # fmt: skip
