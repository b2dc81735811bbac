"""Fitting the forecast's rates to a reference window of the care history.

Everything is estimated from what happened inside the window [start, end):

- **Entries**: the number of periods of care that began in each month of the window, modelled as
  `line(t) * seasonal[calendar month]`, t in months from the window's start. The line `level + slope * t`
  and the twelve factors are fitted together by Poisson maximum likelihood (Fisher scoring for the line,
  closed-form factors for the months, alternated until they settle), so a rising series is not taken for
  a season. `trend` says what the forecast does with the line:
  "none" (the default): entries stay at the window's average (refitted flat, with the season);
  "linear": the line carries on, floored at zero;
  "held": the line is followed to the start of the forecast and held there (today's level, no more growth).
  The months' factors are shrunk towards 1 by empirical Bayes: the spread of the observed-to-expected
  ratios of the twelve months beyond what Poisson noise explains is the variance of a gamma prior around
  1, so a window of 3 years of a small council's entries does not turn noise into a season (no spread
  beyond the noise, no season); the twelve are then scaled to average 1. Without `seasonality` they are 1.
  The extra variation beyond Poisson (`dispersion`, the Pearson statistic over its degrees of freedom, at
  least 1) and the line's covariance are kept for the simulation.
- **Entrants**: the age (in months) and first category of every child who entered in the window; the
  simulation draws new entrants from them, so the ages and categories keep their joint shape (babies with
  their mothers, 16-year-olds in supported accommodation).
- **Exits and transitions**: monthly hazards by single year of age (0 to 17) and category, as events over
  exposure. Exposure is the time each child spent looked after in each category at each age inside the
  window (split at birthdays); an exit is the end of a period of care before the 18th birthday; a transition
  is a change of category within a period. At 18 every child leaves, so nothing at or after the 18th
  birthday is counted. Sparse cells borrow strength: a cell's rate is `(events + k * prior) / (exposure + k)`
  with k = `prior_months` of exposure, the prior being the same category's rate in the age band (DfE
  bands), which is itself pooled the same way with the band's rate over all categories, pooled with the
  overall rate. With plenty of exposure a cell's own rate wins; with none, the band's. The same numbers are
  the parameters of a gamma posterior, which the simulation draws from for parameter uncertainty.
- **Where transitions go**: for each age band and category, the share of transitions to each other
  category, with 2 pseudo-transitions spread as the band's transitions from all categories go.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from hearth.model.forecast_history import (
    ADULT,
    AGE_BANDS,
    AGE_MONTHS,
    BAND_OF_AGE,
    DAYS_A_MONTH,
    History,
    age_months,
    birthdays,
    day,
    month_index,
)

DESTINATION_PRIOR = 2.0  # pseudo-transitions spread like the age band's


TRENDS = ("none", "linear", "held")


@dataclass(frozen=True)
class EntryModel:
    """Entries a month: `(level + slope * min(t, hold)) * seasonal[calendar month]`, t in months from the
    window's start, floored at zero; `cov` is the covariance of (level, slope), `dispersion` the variance
    over the mean of the monthly counts around the fit (1 for Poisson)."""

    first: date  # the window's first day
    counts: np.ndarray  # entries in each month of the window
    trend: str
    level: float
    slope: float
    hold: float  # months from the window's start after which the line is held (inf: never)
    cov: np.ndarray
    seasonal: np.ndarray  # 12 factors, January first, averaging 1
    dispersion: float
    fitted_line: tuple[float, float] = (0.0, 0.0)  # (level, slope) of the window's line, whatever `trend`

    def line(self, months_from_first: np.ndarray) -> np.ndarray:
        return np.maximum(self.level + self.slope * np.minimum(months_from_first, self.hold), 0.0)

    def expected(self, months_from_first: np.ndarray, calendar_month: np.ndarray) -> np.ndarray:
        return self.line(months_from_first) * self.seasonal[calendar_month]


@dataclass(frozen=True)
class Fitted:
    categories: tuple[str, ...]
    start: date  # the reference window, [start, end)
    end: date
    entries: EntryModel
    entrant_age: np.ndarray  # months, one per entrant in the window
    entrant_category: np.ndarray
    exposure: np.ndarray  # (18, C) months looked after
    exits: np.ndarray  # (18, C) periods of care ended before 18
    moves: np.ndarray  # (18, C, C) changes of category, from row to column
    prior_months: float
    exit_prior: np.ndarray  # (18, C) the pooled rates each cell is shrunk towards
    move_prior: np.ndarray
    destinations: np.ndarray  # (bands, C, C) where transitions go; rows sum to 1, 0 on the diagonal

    @property
    def exit_rate(self) -> np.ndarray:
        """Monthly hazard of leaving care, by age and category (the posterior mean)."""
        return (self.exits + self.prior_months * self.exit_prior) / (self.exposure + self.prior_months)

    @property
    def move_rate(self) -> np.ndarray:
        """Monthly hazard of a change of category, by age and category."""
        return (self.moves.sum(axis=2) + self.prior_months * self.move_prior) / (
            self.exposure + self.prior_months
        )


def fit(history: History, *, start: date, end: date, trend: str = "none", seasonality: bool = True,
        prior_months: float = 36.0) -> Fitted:  # fmt: skip
    """The rates of the reference window [start, end) (see the module's docstring)."""
    if not start < end:
        raise ValueError(f"The reference window must start before it ends ({start} to {end})")
    if not prior_months >= 0:
        raise ValueError(f"prior_months must not be negative, not {prior_months}")
    categories = history.categories
    size = len(categories)
    first_day, end_day = day(start), day(end)
    ends = np.where(np.isnat(history.end), end_day, history.end)
    inside = (history.start < end_day) & (ends > first_day)
    born, cat = history.born[inside], history.category[inside].astype(np.int64)
    ages = birthdays(born[:, None], np.arange(ADULT + 1)[None, :])  # (n, 19) birthdays 0 to 18
    low = np.maximum(history.start[inside], first_day)
    high = np.minimum(np.minimum(ends[inside], end_day), ages[:, ADULT])
    overlap = np.minimum(high[:, None], ages[:, 1:]) - np.maximum(low[:, None], ages[:, :-1])
    overlap_days = np.clip(overlap.astype(np.int64), 0, None)
    cells = np.arange(ADULT)[None, :] * size + cat[:, None]
    days_in = np.bincount(cells.ravel(), weights=overlap_days.ravel(), minlength=ADULT * size)
    exposure = days_in.reshape(ADULT, size) / DAYS_A_MONTH

    ended = history.end[inside]
    event = ~np.isnat(ended) & (ended >= first_day) & (ended < end_day) & (ended < ages[:, ADULT])
    age_at = (ages[:, 1:ADULT] <= ended[:, None]).sum(axis=1)  # birthdays passed by the end
    leaving = event & history.last[inside]
    nxt = history.next_category[inside].astype(np.int64)
    moving = event & ~history.last[inside] & (nxt != cat)
    exits = np.bincount(age_at[leaving] * size + cat[leaving], minlength=ADULT * size).reshape(ADULT, size)
    moves = np.bincount(
        (age_at[moving] * size + cat[moving]) * size + nxt[moving], minlength=ADULT * size * size
    ).reshape(ADULT, size, size)

    entering = history.first & (history.start >= first_day) & (history.start < end_day)
    entrant_age = age_months(history.born[entering], history.start[entering])
    young = entrant_age < AGE_MONTHS
    entrant_age = np.clip(entrant_age[young], 0, None).astype(np.int16)
    entrant_category = history.category[entering][young]
    months = int(month_index(start, np.array([end_day - 1]))[0]) + 1
    counts = np.bincount(month_index(start, history.start[entering][young]), minlength=months)[:months]

    exits_f, moves_f = exits.astype(float), moves.sum(axis=2).astype(float)
    return Fitted(
        categories=categories, start=start, end=end,
        entries=fit_entries(counts, first=start, trend=trend, seasonality=seasonality),
        entrant_age=entrant_age, entrant_category=entrant_category, exposure=exposure, exits=exits,
        moves=moves, prior_months=prior_months, exit_prior=_pooled_prior(exits_f, exposure, prior_months),
        move_prior=_pooled_prior(moves_f, exposure, prior_months), destinations=_destinations(moves),
    )  # fmt: skip


def _pooled_prior(events: np.ndarray, exposure: np.ndarray, k: float) -> np.ndarray:
    """For each (age, category) cell, the rate it is shrunk towards: the category's rate in the age band,
    pooled with the band's rate over all categories, pooled with the overall rate."""
    overall = events.sum() / exposure.sum() if exposure.sum() > 0 else 0.0
    bands = len(AGE_BANDS)
    band_events = np.zeros((bands, events.shape[1]))
    band_exposure = np.zeros_like(band_events)
    np.add.at(band_events, BAND_OF_AGE, events)
    np.add.at(band_exposure, BAND_OF_AGE, exposure)
    with np.errstate(invalid="ignore", divide="ignore"):
        band_rate = (band_events.sum(axis=1) + k * overall) / (band_exposure.sum(axis=1) + k)
        band_rate = np.where(band_exposure.sum(axis=1) + k > 0, band_rate, overall)
        cell = (band_events + k * band_rate[:, None]) / (band_exposure + k)
    cell = np.where(band_exposure + k > 0, cell, band_rate[:, None])
    return cell[BAND_OF_AGE]


def _destinations(moves: np.ndarray) -> np.ndarray:
    """Shares of transitions from each category to each other, by age band (see the module's docstring)."""
    size = moves.shape[1]
    bands = len(AGE_BANDS)
    by_band = np.zeros((bands, size, size))
    np.add.at(by_band, BAND_OF_AGE, moves.astype(float))
    off = 1.0 - np.eye(size)
    everywhere = by_band.sum(axis=(0, 1)) + 1e-9  # all transitions' destinations, a last resort
    result = np.zeros_like(by_band)
    for band in range(bands):
        spread = by_band[band].sum(axis=0)
        spread = spread if spread.sum() > 0 else everywhere
        for origin in range(size):
            prior = spread * off[origin]
            prior = prior / prior.sum() if prior.sum() > 0 else off[origin] / off[origin].sum()
            row = by_band[band, origin] * off[origin] + DESTINATION_PRIOR * prior
            result[band, origin] = row / row.sum()
    return result


def fit_entries(counts: np.ndarray, *, first: date, trend: str = "none",
                seasonality: bool = True) -> EntryModel:  # fmt: skip
    """The entry model for monthly counts starting in the month of `first` (see the module's docstring)."""
    if trend not in TRENDS:
        raise ValueError(f"trend must be one of {', '.join(TRENDS)}, not {trend!r}")
    y = np.asarray(counts, dtype=float)
    months = y.size
    t = np.arange(months, dtype=float)
    calendar = (np.datetime64(first, "M").astype(np.int64) + np.arange(months)) % 12
    seasonal = np.ones(12)
    hold = float(months) if trend == "held" else np.inf
    if months == 0 or y.sum() == 0:
        return EntryModel(first, y, trend, 0.0, 0.0, hold, np.zeros((2, 2)), seasonal, 1.0)
    theta = np.array([y.mean(), 0.0])
    sloped = months > 1
    for _ in range(100):
        previous = (theta.copy(), seasonal.copy())
        s = seasonal[calendar]
        theta = _line(y, t, s, theta) if sloped else np.array([y.sum() / s.sum(), 0.0])
        if seasonality:
            line = np.maximum(theta[0] + theta[1] * t, 1e-9)
            seasonal = _seasonal(np.bincount(calendar, weights=y, minlength=12),
                                 np.bincount(calendar, weights=line, minlength=12))  # fmt: skip
        if np.allclose(theta, previous[0], rtol=1e-10, atol=1e-12) and np.allclose(seasonal, previous[1]):
            break
    s = seasonal[calendar]
    fitted_line = (float(theta[0]), float(theta[1]))
    if trend == "none" or not sloped:
        theta = np.array([y.sum() / s.sum(), 0.0])
        x = s[:, None]
    else:
        x = np.stack([s, s * t], axis=1)
    mu = np.maximum((theta[0] + theta[1] * t) * s, 1e-9)
    info = (x / mu[:, None]).T @ x
    parameters = x.shape[1] + (11 if seasonality else 0)
    dispersion = max(1.0, float(((y - mu) ** 2 / mu).sum() / max(months - parameters, 1)))
    cov = np.zeros((2, 2))
    cov[: x.shape[1], : x.shape[1]] = np.linalg.pinv(info) * dispersion
    return EntryModel(first, y, trend, float(theta[0]), float(theta[1]), hold, cov, seasonal, dispersion,
                      fitted_line)  # fmt: skip


def _seasonal(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """Each calendar month's factor, shrunk towards 1 by empirical Bayes, scaled to average 1."""
    present = expected > 0
    if present.sum() < 2:
        return np.ones(12)
    ratio = observed[present] / expected[present]
    spread = float(np.var(ratio, ddof=1) - np.mean(1.0 / expected[present]))  # beyond Poisson noise
    if spread <= 0:
        return np.ones(12)
    weight = 1.0 / spread  # entries' worth of belief that a month is average
    seasonal = (observed + weight) / (expected + weight)
    return seasonal / seasonal.mean()


def _line(y: np.ndarray, t: np.ndarray, s: np.ndarray, theta: np.ndarray) -> np.ndarray:
    """Poisson maximum likelihood of `y ~ (a + b t) * s` (identity link), by Fisher scoring."""
    x = np.stack([s, s * t], axis=1)
    if not np.all(x @ theta > 0):
        theta = np.linalg.lstsq(x, y, rcond=None)[0]
        if not np.all(x @ theta > 0):
            theta = np.array([y.sum() / s.sum(), 0.0])
    for _ in range(50):
        mu = x @ theta
        info = (x / mu[:, None]).T @ x
        step = np.linalg.solve(info, x.T @ (y / mu - 1.0))
        scale = 1.0
        while not np.all(x @ (theta + scale * step) > 0) and scale > 1e-6:
            scale /= 2
        theta = theta + scale * step
        if np.abs(step).max() * scale < 1e-10:
            break
    return theta
