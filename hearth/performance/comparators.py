"""Published figures to compare the council's with (England's average, other councils), from
`comparators.toml`: each with its label, year and source, so a reader can check it."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from hearth.performance.indicators import INDICATORS

FILE = Path(__file__).with_name("comparators.toml")
UNIT_OF = {"count": "rate", "percent": "percent", "ratio": "ratio"}  # an indicator's unit -> its comparators'


@dataclass(frozen=True)
class Comparator:
    label: str
    value: float
    unit: str
    year: str
    source: str


def parse(text: str) -> dict[str, tuple[Comparator, ...]]:
    """The comparators in `text`, by indicator. Raises ValueError naming what is wrong."""
    found: dict[str, tuple[Comparator, ...]] = {}
    for key, entries in tomllib.loads(text).items():
        indicator = INDICATORS.get(key)
        if indicator is None:
            raise ValueError(f"Comparators for {key!r}, which is not an indicator")
        found[key] = tuple(_comparator(key, UNIT_OF[indicator.unit], entry) for entry in entries)
    return found


def _comparator(key: str, unit: str, entry: dict[str, Any]) -> Comparator:
    missing = [name for name in ("label", "value", "unit", "year", "source") if not entry.get(name)]
    if missing:
        raise ValueError(f"A comparator for {key!r} has no {', '.join(missing)}")
    if entry["unit"] != unit:
        raise ValueError(
            f"A comparator for {key!r} is a {entry['unit']}, but the indicator's figure is a {unit}"
        )
    return Comparator(
        str(entry["label"]), float(entry["value"]), unit, str(entry["year"]), str(entry["source"])
    )


@lru_cache(maxsize=1)
def comparators() -> dict[str, tuple[Comparator, ...]]:
    return parse(FILE.read_text(encoding="utf-8"))


def comparators_for(key: str) -> tuple[Comparator, ...]:
    return comparators().get(key, ())
