"""Synthetic care histories with known rates, for the forecast's tests and its benchmark.

Children enter care as a Poisson process (optionally with a trend and a season), at ages and in first
categories drawn from the given shares, then move between categories and leave care in continuous time at
the given monthly hazards of their single year of age and category, until they leave or turn 18. Spells
still open at `end` are left open, as a real history's would be.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from hearth.model.forecast_history import (
    ADULT,
    AGE_BANDS,
    BAND_OF_AGE,
    CATEGORIES,
    DAYS_A_MONTH,
    Spell,
    add_months,
    add_years,
)


def _default_first() -> np.ndarray:
    """First categories by age band (rows: under 1, 1-4, 5-9, 10-15, 16-17), loosely like England's."""
    shares = {
        0: {
            "relative_friend": 20,
            "in_house": 35,
            "ifa": 15,
            "parents": 10,
            "mother_and_baby": 12,
            "other": 8,
        },
        1: {"relative_friend": 22, "in_house": 33, "ifa": 25, "parents": 12, "other": 8},
        2: {"relative_friend": 20, "in_house": 30, "ifa": 30, "homes": 8, "parents": 8, "other": 4},
        3: {"relative_friend": 12, "in_house": 25, "ifa": 33, "homes": 20, "parents": 5, "other": 5},
        4: {
            "relative_friend": 5,
            "in_house": 10,
            "ifa": 20,
            "homes": 20,
            "independent_living": 40,
            "other": 5,
        },
    }
    table = np.zeros((len(AGE_BANDS), len(CATEGORIES)))
    for band, row in shares.items():
        for name, share in row.items():
            table[band, CATEGORIES.index(name)] = share
    return table / table.sum(axis=1, keepdims=True)


@dataclass(frozen=True)
class Rates:
    """Known rates: monthly hazards by (age 0-17, category), entrants' age bands and first categories."""

    entries_a_month: float
    exit_hazard: np.ndarray  # (18, C)
    move_hazard: np.ndarray  # (18, C)
    trend_a_month: float = 0.0  # added to the entries a month, per month from the start
    season: float = 0.0  # amplitude of a yearly cycle in entries, peaking in January (0.2 is +-20%)
    age_band_shares: Sequence[float] = (0.18, 0.15, 0.15, 0.30, 0.22)
    first_category: np.ndarray = field(default_factory=_default_first)  # (bands, C)

    @classmethod
    def flat(cls, entries_a_month: float, exit_hazard: float, move_hazard: float, **kwargs: object) -> Rates:
        size = len(CATEGORIES)
        return cls(entries_a_month, np.full((ADULT, size), exit_hazard), np.full((ADULT, size), move_hazard),
                   **kwargs)  # type: ignore[arg-type]  # fmt: skip


def synthetic_spells(rates: Rates, *, start: date, end: date, seed: int = 0) -> list[Spell]:
    """Spells of the children who enter care between `start` and `end` (see the module's docstring)."""
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    size = len(CATEGORIES)
    bands = [
        (AGE_BANDS[i], (AGE_BANDS[i + 1] if i + 1 < len(AGE_BANDS) else ADULT)) for i in range(len(AGE_BANDS))
    ]
    spells: list[Spell] = []
    child = 0
    month = 0
    while (first := add_months(start, month)) < end:
        following = min(add_months(start, month + 1), end)
        mean = max(rates.entries_a_month + rates.trend_a_month * month, 0.0)
        mean *= 1.0 + rates.season * math.cos(2 * math.pi * (first.month - 1) / 12)
        whole = (add_months(first, 1) - first).days
        for _ in range(_poisson(rng, mean * (following - first).days / whole)):
            child += 1
            entered = first + timedelta(days=rng.randrange((following - first).days))
            band = rng.choices(range(len(bands)), weights=rates.age_band_shares)[0]
            low, high = bands[band]
            age_days = rng.uniform(low * 365.25, high * 365.25 - 1)
            born = entered - timedelta(days=int(age_days))
            category = rng.choices(range(size), weights=rates.first_category[band])[0]
            spells.extend(_journey(rng, rates, child, born, entered, category, end))
        month += 1
    return spells


def _journey(rng: random.Random, rates: Rates, child: int, born: date, entered: date, category: int,
             end: date) -> list[Spell]:  # fmt: skip
    """One child's spells from entering care, in continuous time with hazards piecewise constant by age."""
    spells = []
    since = now = entered
    adult = add_years(born, ADULT)
    while True:
        age = _age(born, now)
        next_birthday = min(add_years(born, age + 1), adult)
        exit_h = rates.exit_hazard[age, category] / DAYS_A_MONTH
        move_h = rates.move_hazard[age, category] / DAYS_A_MONTH
        wait = rng.expovariate(exit_h + move_h) if exit_h + move_h > 0 else math.inf
        event = now + timedelta(days=max(1, math.ceil(wait))) if wait < 1e6 else date.max
        if event >= next_birthday and next_birthday <= end:
            now = next_birthday
            if now >= adult:
                spells.append(Spell(child, born, since, adult, CATEGORIES[category], entered))
                return spells
            continue
        if event >= end:
            spells.append(Spell(child, born, since, None, CATEGORIES[category], entered))
            return spells
        spells.append(Spell(child, born, since, event, CATEGORIES[category], entered))
        if rng.random() < exit_h / (exit_h + move_h):
            return spells
        weights = [0.0 if c == category else 1.0 for c in range(len(CATEGORIES))]
        if BAND_OF_AGE[age] < 4:  # supported accommodation only from 16
            weights[CATEGORIES.index("independent_living")] = 0.0
        category = rng.choices(range(len(CATEGORIES)), weights=weights)[0]
        since = now = event


def _age(born: date, on: date) -> int:
    """Whole years on `on`, counting the birthday as `add_years` does (28 February for 29 February)."""
    age = on.year - born.year
    return age - 1 if add_years(born, age) > on else age


def _poisson(rng: random.Random, mean: float) -> int:
    if mean <= 0:
        return 0
    if mean > 50:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k
