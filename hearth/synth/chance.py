"""Weighted choices for the demo county, shared by every generator so the same seed gives the same data."""

from __future__ import annotations

import random
from typing import Any


def weighted(rng: random.Random, options: tuple[tuple[Any, ...], ...]) -> tuple[Any, ...]:
    """One of `options`, each a tuple whose second item is its weight; the whole tuple is returned."""
    total = sum(o[1] for o in options)
    roll = rng.uniform(0, total)
    for option in options:
        roll -= option[1]
        if roll <= 0:
            return option
    return options[-1]
