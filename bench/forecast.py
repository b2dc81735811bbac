"""The forecast of children looked after (issue 7): time to fit and forecast, and peak memory, on synthetic
care histories of 10,000 and 50,000 children. No database: the histories are plain spells, as
`hearth.insight.histories.care_history` would give them.

Run: .venv/bin/python bench/forecast.py [--children 10000 50000] [--repeat 3] [--runs 1000] [--years 5]
                                        [--workers 1]
Target (issue 7): under 5 s for 50,000 children, 1,000 simulations of five years, on this machine.

Each history is eight years of entries (April 2018 to March 2026) at a steady rate with a mild season, at
ages and in first categories like England's, with exit and transition hazards by age and category that
leave about half of the children who ever came into care still looked after at the end (the demo county
has 1,255 looked after of some 2,300 in its records). Times are medians of `--repeat` runs, without
tracemalloc; one more run, traced, gives the peak Python memory (numpy's arrays included).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hearth.model.fit import fit
from hearth.model.forecast import forecast
from hearth.model.forecast_history import ADULT, CATEGORIES, History, Spell
from hearth.model.forecast_synthetic import Rates, synthetic_spells

START = date(2026, 4, 1)
FIRST = date(2018, 4, 1)
COSTS = {
    "relative_friend": 18_890, "in_house": 18_890, "ifa": 39_613, "homes": 172_316, "parents": 0, "adoptive": 0,
    "independent_living": 42_037, "residential_school": 172_316, "mother_and_baby": 57_610, "other": 172_316,
}  # fmt: skip


def realistic_rates(children: int) -> Rates:
    """Monthly hazards by age and category, and entries a month for `children` over the eight years."""
    by_age = np.array(
        [0.020] + [0.012] * 4 + [0.005] * 5 + [0.004] * 6 + [0.006] * 2
    )  # 0, 1-4, 5-9, 10-15, 16-17
    leaving = np.tile(by_age[:, None], (1, len(CATEGORIES)))
    for name, factor in {"parents": 2.5, "adoptive": 4.0, "other": 2.0, "homes": 0.8}.items():
        leaving[:, CATEGORIES.index(name)] *= factor
    moving = np.full((ADULT, len(CATEGORIES)), 0.014)
    moving[:, CATEGORIES.index("other")] = 0.08  # temporary placements end soon
    return Rates(children / 96, leaving, moving, season=0.1)


def timed(repeat: int, work):  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def bench(children: int, args: argparse.Namespace) -> None:
    started = time.perf_counter()
    spells: list[Spell] = synthetic_spells(realistic_rates(children), start=FIRST, end=START, seed=1)
    built = time.perf_counter() - started
    history = History.from_spells(spells)
    print(f"{history.children:,} children, {len(spells):,} spells, {history.counts_at(START).sum():,} looked after "
          f"on 31 March 2026 (built in {built:.1f} s, not timed)")  # fmt: skip

    def load() -> History:
        return History.from_spells(spells)

    def fit_and_forecast() -> object:
        return forecast(
            history, start=START, years=args.years, runs=args.runs, unit_costs=COSTS, workers=args.workers
        )

    def fit_only() -> object:
        return fit(history, start=date(2023, 4, 1), end=START)

    load_time, _ = timed(args.repeat, load)
    fit_time, _ = timed(args.repeat, fit_only)
    forecast_time, result = timed(args.repeat, fit_and_forecast)
    summary_time, summary = timed(args.repeat, result.summary)  # type: ignore[attr-defined]
    tracemalloc.start()
    forecast(
        load(), start=START, years=args.years, runs=args.runs, unit_costs=COSTS, workers=args.workers
    ).summary()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    total = load_time + forecast_time + summary_time
    median = summary["year_ends"][-1]["total"]
    print(f"  spells to columns {load_time:.2f} s; fit and forecast ({args.runs:,} simulations, {args.years} years"
          f"{f', {args.workers} processes' if args.workers > 1 else ''}) {forecast_time:.2f} s (the fit alone "
          f"{fit_time:.2f} s); summary "
          f"{summary_time:.2f} s; total {total:.2f} s (median of {args.repeat})")  # fmt: skip
    print(f"  peak Python memory {peak:.0f} MiB; looked after in {args.years} years: {median['median']:,.0f} "
          f"(95% {median['p95'][0]:,.0f} to {median['p95'][1]:,.0f})")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    for children in args.children:
        bench(children, args)


if __name__ == "__main__":
    main()
