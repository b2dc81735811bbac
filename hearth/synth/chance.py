"""Weighted choices for the demo county, shared by every generator so the same seed gives the same data."""

from __future__ import annotations

import random
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def start_of(today: date) -> datetime:
    """The demo county's "now": midnight at the start of `today` in London. Every generator takes its
    clock from here, never from the machine's, so one seed and one day always give the same county, and
    nothing the demo records is later than the moment it is made."""
    return datetime.combine(today, time.min, tzinfo=LONDON)


def weighted(rng: random.Random, options: tuple[tuple[Any, ...], ...]) -> tuple[Any, ...]:
    """One of `options`, each a tuple whose second item is its weight; the whole tuple is returned."""
    total = sum(o[1] for o in options)
    roll = rng.uniform(0, total)
    for option in options:
        roll -= option[1]
        if roll <= 0:
            return option
    return options[-1]
