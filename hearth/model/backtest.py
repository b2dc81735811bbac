"""Backtesting: forecast from a past date with only what was known then, and score it against what happened.

The fit sees only the reference window before `at` (events after `at` are outside it, and spells still
open at `at` are open to it), and the simulation starts from the children looked after at `at`. Each
horizon's forecast is compared with the children the same history shows looked after then: the error is
the median forecast less the actual (positive when the forecast was too high), and the percentage error is
that over the actual. The 80% and 95% intervals should hold the actual about 80% and 95% of the time over
many backtests; one backtest can only say whether it did this time. The naive forecast, "no change from
`at`", is scored beside it: a model that cannot beat it is not earning its keep.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import numpy as np

from hearth.model.forecast import check_whole, fit_summary, forecast, interval
from hearth.model.forecast_history import History, add_years


def _score(actual: int, forecast_runs: np.ndarray, at_start: int) -> dict[str, Any]:
    spread = interval(forecast_runs)
    median = spread["median"]
    error = median - actual
    return {
        "actual": actual,
        **spread,
        "error": round(error, 2),
        "abs_error": round(abs(error), 2),
        "pct_error": round(100 * error / actual, 1) if actual else None,
        "in_80": spread["p80"][0] <= actual <= spread["p80"][1],
        "in_95": spread["p95"][0] <= actual <= spread["p95"][1],
        "naive_error": at_start - actual,
        "naive_pct_error": round(100 * (at_start - actual) / actual, 1) if actual else None,
    }


def backtest(history: History, *, at: date, horizons: tuple[int, ...] = (1, 2), reference_years: int = 3,
             runs: int = 1000, seed: int = 2026, trend: str = "none", seasonality: bool = True,
             prior_months: float = 36.0, workers: int = 1) -> dict[str, Any]:  # fmt: skip
    """Fit on the `reference_years` before `at`, forecast `max(horizons)` years, and score each horizon."""
    if not horizons:
        raise ValueError("horizons must name at least one year")
    for horizon in horizons:
        check_whole("horizons", horizon)
    last = max(horizons)
    needed = add_years(at, last) - timedelta(days=1)
    known = history.last_day
    if known is None or known < needed:
        raise ValueError(f"The history ends on {known}, before the last day the backtest needs ({needed})")
    result = forecast(history, start=at, years=last, runs=runs, reference_years=reference_years, trend=trend,
                      seasonality=seasonality, seed=seed, prior_months=prior_months, workers=workers)  # fmt: skip
    by_category = result.baseline.by_category()  # (runs, months + 1, C)
    categories = history.categories
    at_start = result.at_start
    rows = []
    for horizon in sorted(horizons):
        on = add_years(at, horizon)
        actual = history.counts_at(on)
        counts = by_category[:, 12 * horizon]  # (runs, C)
        rows.append({
            "years": horizon,
            "on": (on - timedelta(days=1)).isoformat(),
            "total": _score(int(actual.sum()), counts.sum(axis=1), int(at_start.sum())),
            "by_category": {c: _score(int(actual[i]), counts[:, i], int(at_start[i])) for i, c in enumerate(categories)},
        })  # fmt: skip
    return {
        "at": at.isoformat(),
        "runs": runs,
        "seed": seed,
        "trend": trend,
        "seasonality": seasonality,
        "categories": list(categories),
        "reference": fit_summary(result.fitted),
        "at_start": {
            "total": int(at_start.sum()),
            "by_category": dict(zip(categories, at_start.tolist(), strict=True)),
        },
        "horizons": rows,
    }
