"""Simulating the children looked after, month by month, many runs at once.

The state of a run is a count of children in each cell of (age in months, 0 to 215) by category, so the
work does not grow with the number of children. Each month, in this order:

1. **Exits and transitions.** Every child in a cell has the same monthly hazards (those of their single
   year of age and category), so the number with an event is binomial with chance 1 - exp(-total hazard),
   drawn by inverting its distribution against one uniform number per cell. Each event is then an exit
   (with the share the exit hazard has of the total) or a move to another category, drawn from the age
   band's destinations (Walker's alias tables); a cell's first event is settled by where its uniform fell
   within the drawn count's probability, which is itself uniform, so it needs no draw of its own.
2. **Entries.** The month's entrants are Poisson with the entry model's mean (gamma-mixed when the fitted
   counts were over-dispersed); each is a copy of a random entrant of the reference window (age and first
   category). They arrive, on average, mid-month: each leaves again before the month ends with the chance
   of half a month of its exit hazard.
3. **Birthdays.** Everyone is a month older; those turning 18 leave care.

Parameter uncertainty: each run draws its own exit and transition hazards from their gamma posteriors
(`fit.py`) and its own entry line from the line's estimated covariance, so the intervals carry what the
reference window could not pin down, not only the chance of the months ahead.

Runs are split into chunks of `CHUNK`, each with its own random streams spawned from the seed, so the
same seed gives the same result however many `workers` share the chunks. Workers are processes, not
threads: the loop makes many small numpy calls, several of which hold the GIL.
Within a chunk, separate streams feed the parameters, the entry counts, the entrants, each lever's draws,
the per-cell uniforms and the per-event draws: a scenario run with the same seed meets the same entrants,
parameter draws and cell uniforms as the baseline (common random numbers), which keeps the difference
between them (a lever's saving) from drowning in noise.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date

import numpy as np

from hearth.model.fit import Fitted
from hearth.model.forecast_history import (
    ADULT,
    AGE_BANDS,
    AGE_MONTHS,
    BAND_OF_AGE,
    FOSTER,
    IFA,
    IN_HOUSE,
    add_months,
    month_index,
)
from hearth.model.levers import Levers

CHUNK = 125  # runs simulated together; fixed, so results do not depend on the number of cores
BAND_EDGES = np.array(AGE_BANDS) * 12
YEAR_EDGES = np.arange(ADULT) * 12
BAND_OF_MONTH = np.repeat(BAND_OF_AGE, 12)
ALMOST_ONE = 1.0 - 2.0**-40
BIG = 50.0  # cells expecting more events than this use numpy's binomial instead of inversion


@dataclass(frozen=True)
class Simulation:
    start: date
    months: int
    categories: tuple[str, ...]
    counts: np.ndarray  # (runs, months + 1, bands, C) looked after at each month boundary
    ages: np.ndarray  # (runs, years + 1, 18, C) by single year of age, at the start and each anniversary
    entries: np.ndarray  # (runs, months) children who came into care
    exits: np.ndarray  # (runs, months) children who left before 18
    age_outs: np.ndarray  # (runs, months) children who left at 18

    @property
    def runs(self) -> int:
        return int(self.counts.shape[0])

    @property
    def years(self) -> int:
        return self.months // 12

    def boundary(self, month: int) -> date:
        return add_months(self.start, month)

    def by_category(self) -> np.ndarray:
        """(runs, months + 1, C)"""
        return self.counts.sum(axis=2)

    def totals(self) -> np.ndarray:
        """(runs, months + 1)"""
        return self.counts.sum(axis=(2, 3))

    def yearly_costs(self, unit_costs: np.ndarray, inflation: float = 0.0) -> np.ndarray:
        """(runs, years): each year's cost from yearly unit costs by category, each month costing the
        average of its opening and closing counts; later years' prices rise by `inflation` a year."""
        by_category = self.by_category().astype(float)
        months = (by_category[:, :-1] + by_category[:, 1:]) / 2 @ np.asarray(unit_costs, dtype=float) / 12
        whole = self.years * 12
        yearly = months[:, :whole].reshape(self.runs, self.years, 12).sum(axis=2)
        return yearly * (1.0 + inflation) ** np.arange(self.years)


@dataclass(frozen=True)
class _Plan:
    fitted: Fitted
    cohort: np.ndarray  # (216 * C) children at the start
    months: int
    calendar: np.ndarray  # calendar month (0 = January) of each forecast month
    elapsed: np.ndarray  # months from the reference window's start to each forecast month
    levers: Levers
    uncertainty: bool
    row_of_cell: np.ndarray  # (216 * C) the destinations' row (age band, category) of each cell
    category_of_cell: np.ndarray  # (216 * C)
    alias_keep: np.ndarray  # (bands * C, C) Walker's alias tables of the destinations
    alias: np.ndarray
    entrant_age: np.ndarray  # the reference window's entrants: age in months, year of age, category
    entrant_year: np.ndarray
    entrant_category: np.ndarray


def simulate(fitted: Fitted, *, cohort_age: np.ndarray, cohort_category: np.ndarray, start: date,
             months: int = 60, runs: int = 1000, seed: int = 0, levers: Levers | None = None,
             uncertainty: bool = True, workers: int | None = None) -> Simulation:  # fmt: skip
    """Simulate `runs` futures of `months` from the cohort looked after at `start` (see the docstring)."""
    if not (isinstance(months, int) and months >= 1):
        raise ValueError(f"months must be a whole number of 1 or more, not {months!r}")
    if not (isinstance(runs, int) and runs >= 1):
        raise ValueError(f"runs must be a whole number of 1 or more, not {runs!r}")
    levers = levers or Levers()
    size = len(fitted.categories)
    missing = [name for name in (IFA, IN_HOUSE, *FOSTER) if name not in fitted.categories]
    if missing and (levers.ifa_to_in_house or levers.more_sgo):
        raise ValueError(f"The levers need the categories {', '.join(missing)}")
    ages = np.clip(np.asarray(cohort_age, dtype=np.int64), 0, AGE_MONTHS - 1)
    cohort = np.bincount(
        ages * size + np.asarray(cohort_category, dtype=np.int64), minlength=AGE_MONTHS * size
    )
    first_month = np.datetime64(start, "M").astype(np.int64)
    offset = int(month_index(fitted.start, np.array([np.datetime64(start, "D")]))[0])
    keep, alias = alias_tables(fitted.destinations.reshape(-1, size))
    category_of_cell = np.tile(np.arange(size), AGE_MONTHS)
    plan = _Plan(
        fitted=fitted, cohort=cohort.astype(np.int32), months=months,
        calendar=(first_month + np.arange(months)) % 12, elapsed=offset + np.arange(months, dtype=float),
        levers=levers, uncertainty=uncertainty,
        row_of_cell=np.repeat(BAND_OF_MONTH, size) * size + category_of_cell,
        category_of_cell=category_of_cell, alias_keep=keep, alias=alias,
        entrant_age=fitted.entrant_age.astype(np.int64), entrant_year=fitted.entrant_age.astype(np.int64) // 12,
        entrant_category=fitted.entrant_category.astype(np.int64),
    )  # fmt: skip
    sizes = [min(CHUNK, runs - first) for first in range(0, runs, CHUNK)]
    jobs = list(zip(sizes, np.random.SeedSequence(seed).spawn(len(sizes)), strict=True))
    workers = min(workers or 1, len(jobs))
    if workers > 1:  # processes: the loop's numpy calls are too small to share one interpreter well
        shares = [jobs[i::workers] for i in range(workers)]
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            done = list(pool.map(_chunks, [plan] * workers, shares))
        parts: list[tuple[np.ndarray, ...]] = [None] * len(jobs)  # type: ignore[list-item]
        for i in range(workers):
            parts[i::workers] = done[i]
    else:
        parts = _chunks(plan, jobs)
    joined = [np.concatenate(arrays) for arrays in zip(*parts, strict=True)]
    return Simulation(start, months, fitted.categories, *joined)


def _chunks(plan: _Plan, jobs: list[tuple[int, np.random.SeedSequence]]) -> list[tuple[np.ndarray, ...]]:
    return [_chunk(plan, runs, seed) for runs, seed in jobs]


def _hazards(plan: _Plan, runs: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Each run's monthly exit and transition hazards, (runs, 18, C)."""
    fitted = plan.fitted
    rate = fitted.exposure + fitted.prior_months
    shapes = (fitted.exits + fitted.prior_months * fitted.exit_prior,
              fitted.moves.sum(axis=2) + fitted.prior_months * fitted.move_prior)  # fmt: skip
    drawn = []
    for shape in shapes:
        if plan.uncertainty:
            hazard = rng.gamma(np.broadcast_to(shape, (runs, *shape.shape)))
        else:
            hazard = np.broadcast_to(shape, (runs, *shape.shape)).copy()
        drawn.append(np.divide(hazard, rate, out=np.zeros_like(hazard), where=rate > 0))
    exit_hazard, move_hazard = drawn
    if plan.levers.more_sgo:
        foster = [fitted.categories.index(name) for name in FOSTER]
        exit_hazard[:, :, foster] *= 1.0 + plan.levers.more_sgo
    return exit_hazard, move_hazard


def _entrants(plan: _Plan, runs: int, params: np.random.Generator, counts: np.random.Generator) -> np.ndarray:
    """Would-be entrants in each run and month, (runs, months), before the levers divert any."""
    model = plan.fitted.entries
    if plan.fitted.entrant_age.size == 0:
        return np.zeros((runs, plan.months), dtype=np.int64)
    mean = np.array([model.level, model.slope])
    if plan.uncertainty:
        line = params.multivariate_normal(mean, model.cov, size=runs, method="svd")
    else:
        line = np.tile(mean, (runs, 1))
    expected = np.maximum(line[:, :1] + line[:, 1:] * np.minimum(plan.elapsed, model.hold)[None, :], 0.0)
    expected = expected * model.seasonal[plan.calendar][None, :]
    if model.dispersion > 1.0:  # negative binomial: variance = dispersion * mean
        shape = expected / (model.dispersion - 1.0)
        mixed = counts.gamma(np.where(shape > 0, shape, 1.0)) / np.where(shape > 0, shape, 1.0)
        expected = expected * mixed
    return counts.poisson(expected)


def _chunk(plan: _Plan, runs: int, seed: np.random.SeedSequence) -> tuple[np.ndarray, ...]:
    params, entry_counts, entrants, early_draws, divert_draws, switch_draws, uniforms, events = (
        np.random.Generator(np.random.PCG64(s)) for s in seed.spawn(8)
    )
    fitted, levers = plan.fitted, plan.levers
    size, ages, months = len(fitted.categories), AGE_MONTHS, plan.months
    cells = runs * ages * size
    exit_hazard, move_hazard = _hazards(plan, runs, params)
    would_be = _entrants(plan, runs, params, entry_counts)
    total = np.repeat(exit_hazard + move_hazard, 12, axis=1).reshape(-1)
    minus_total = (-total).astype(np.float32)
    odds = np.expm1(total).astype(np.float32)
    half_month_stay = np.exp(-0.5 * exit_hazard).reshape(-1).astype(np.float32)
    exit_share = np.divide(np.repeat(exit_hazard, 12, axis=1).reshape(-1), total,
                           out=np.ones_like(total), where=total > 0).astype(np.float32)  # fmt: skip
    ifa = fitted.categories.index(IFA) if IFA in fitted.categories else -1
    in_house = fitted.categories.index(IN_HOUSE) if IN_HOUSE in fitted.categories else -1

    state = np.tile(plan.cohort, runs).reshape(runs, ages, size)
    flat = state.reshape(-1)
    counts = np.empty((runs, months + 1, len(AGE_BANDS), size), dtype=np.int32)
    by_age = np.empty((runs, months // 12 + 1, ADULT, size), dtype=np.int32)
    entered = np.zeros((runs, months), dtype=np.int32)
    left = np.zeros((runs, months), dtype=np.int32)
    aged_out = np.zeros((runs, months), dtype=np.int32)
    counts[:, 0] = np.add.reduceat(state, BAND_EDGES, axis=1)
    by_age[:, 0] = np.add.reduceat(state, YEAR_EDGES, axis=1)
    for month in range(months):
        # 1. exits and transitions
        cell, k, rest = _binomial(flat, minus_total, odds, uniforms.random(cells, dtype=np.float32), events)
        flat[cell] -= k.astype(np.int32)  # `cell` holds each cell once
        # A cell's first event is settled by what is left of its uniform (see `_binomial`); any more,
        # by fresh draws.
        several = np.flatnonzero(k > 1)
        extra = np.repeat(cell[several], k[several] - 1)
        event = np.concatenate([cell, extra])
        rest = np.concatenate([rest, events.random(extra.size)])
        share = exit_share[event]
        leaving = rest < share
        left[:, month] = np.bincount(event // (ages * size), weights=leaving, minlength=runs)
        move = np.flatnonzero(~leaving)
        moving = event[move]
        within = moving % (ages * size)
        onward = np.minimum((rest[move] - share[move]) / (1.0 - share[move]), ALMOST_ONE)
        destination = _alias(plan, plan.row_of_cell[within], onward)
        if levers.ifa_to_in_house:
            switch = (destination == ifa) & (switch_draws.random(moving.size) < levers.ifa_to_in_house)
            destination[switch] = in_house
        moved = moving - plan.category_of_cell[within] + destination
        # 2. entries
        arrivals = would_be[:, month]
        run = np.repeat(np.arange(runs), arrivals)
        pick = entrants.integers(0, max(fitted.entrant_age.size, 1), run.size)
        category = plan.entrant_category[pick]
        if levers.ifa_to_in_house:
            to_in_house = (category == ifa) & (switch_draws.random(run.size) < levers.ifa_to_in_house)
            category = np.where(to_in_house, in_house, category)
        year_cell = run * (ADULT * size) + plan.entrant_year[pick] * size + category
        stays = early_draws.random(run.size, dtype=np.float32) < half_month_stay[year_cell]
        if levers.diverted:
            arrive = divert_draws.random(run.size) >= levers.diverted
            stays &= arrive
            run, stays, pick, category = run[arrive], stays[arrive], pick[arrive], category[arrive]
        start_cell = (run * ages + plan.entrant_age[pick]) * size + category
        flat += np.bincount(np.concatenate([moved, start_cell[stays]]), minlength=cells).astype(np.int32)
        entered[:, month] = np.bincount(run, minlength=runs)
        left[:, month] += np.bincount(run[~stays], minlength=runs)
        # 3. birthdays
        aged_out[:, month] = state[:, -1, :].sum(axis=1)
        state[:, 1:, :] = state[:, :-1, :]
        state[:, 0, :] = 0
        counts[:, month + 1] = np.add.reduceat(state, BAND_EDGES, axis=1)
        if (month + 1) % 12 == 0:
            by_age[:, (month + 1) // 12] = np.add.reduceat(state, YEAR_EDGES, axis=1)
    return counts, by_age, entered, left, aged_out


def _binomial(n: np.ndarray, minus_hazard: np.ndarray, odds: np.ndarray, u: np.ndarray,
              rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """Binomial(n, 1 - exp(-hazard)) events in each cell, by inverting the distribution at `u`. Returns
    the cells with at least one event, how many, and where `u` fell within the chosen count's share of
    the distribution: a uniform number independent of the count, which settles what a single event is
    without another draw (and so on the same number in a scenario as in the baseline). Most cells have
    no event, which one comparison settles, and most of the rest one."""
    none = np.exp(minus_hazard * n.astype(np.float32))  # the chance of no event
    cell = np.flatnonzero(u >= none)
    if not cell.size:
        return cell, np.zeros(0, dtype=np.int64), np.zeros(0)
    trials, uu = n[cell].astype(np.int64), u[cell].astype(np.float64)
    below = np.zeros(cell.size)  # the distribution up to the count reached
    pmf = none[cell].astype(np.float64)
    k = (uu >= pmf).astype(np.int64)  # 0 only where float32 rounding let the cell through
    ratio = odds[cell].astype(np.float64)
    below[k == 1] = pmf[k == 1]
    pmf = pmf * trials * ratio
    cdf = below + pmf
    active = np.flatnonzero((uu >= cdf) & (trials > 1))
    probability = ratio / (1.0 + ratio)
    big = active[trials[active] * probability[active] > BIG]
    if big.size:
        k[big] = rng.binomial(trials[big], probability[big])
        active = active[trials[active] * probability[active] <= BIG]
    step = 1
    while active.size:
        step += 1
        below[active] = cdf[active]
        pmf[active] *= (trials[active] - step + 1) / step * ratio[active]
        cdf[active] += pmf[active]
        k[active] = step
        active = active[(uu[active] >= cdf[active]) & (step < trials[active])]
    rest = np.minimum(np.maximum((uu - below) / np.maximum(pmf, 1e-300), 0.0), ALMOST_ONE)
    if big.size:
        rest[big] = rng.random(big.size)
    some = k > 0
    return cell[some], k[some], rest[some]


def _alias(plan: _Plan, row: np.ndarray, u: np.ndarray) -> np.ndarray:
    """A category for each row's destination shares, by Walker's alias method (one uniform each)."""
    size = plan.alias.shape[1]
    scaled = u * size
    column = scaled.astype(np.int64)
    slot = row * size + column
    return np.where(scaled - column < plan.alias_keep.reshape(-1)[slot], column, plan.alias.reshape(-1)[slot])


def alias_tables(shares: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Walker's alias tables (Vose's construction) for each row of `shares`."""
    rows, size = shares.shape
    keep = np.ones((rows, size))
    alias = np.tile(np.arange(size), (rows, 1))
    for r in range(rows):
        scaled = shares[r] / shares[r].sum() * size
        small = [i for i in range(size) if scaled[i] < 1.0]
        large = [i for i in range(size) if scaled[i] >= 1.0]
        while small and large:
            low, high = small.pop(), large.pop()
            keep[r, low], alias[r, low] = scaled[low], high
            scaled[high] -= 1.0 - scaled[low]
            (small if scaled[high] < 1.0 else large).append(high)
    return keep, alias
