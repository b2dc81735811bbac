"""Collection years and the formats the DfE files use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hearth.core.dates import age_on


@dataclass(frozen=True)
class CollectionYear:
    """A DfE collection year, named by the year it ends: 2026 is 1 April 2025 to 31 March 2026."""

    end_year: int

    @property
    def start(self) -> date:
        return date(self.end_year - 1, 4, 1)

    @property
    def end(self) -> date:
        return date(self.end_year, 3, 31)

    def holds(self, day: date | None) -> bool:
        """Whether `day` falls in the year (1 April to 31 March, both included)."""
        return day is not None and self.start <= day <= self.end

    def overlaps(self, start: date, end: date | None) -> bool:
        """Whether something running from `start` to `end` (None: still open) was open at any time in the year."""
        return start <= self.end and (end is None or end >= self.start)

    @property
    def previous(self) -> CollectionYear:
        return CollectionYear(self.end_year - 1)

    @classmethod
    def containing(cls, day: date) -> CollectionYear:
        """The collection year that `day` falls in."""
        return cls(day.year + 1 if day.month >= 4 else day.year)

    def __str__(self) -> str:
        return f"{self.end_year - 1}/{str(self.end_year)[2:]}"


def dmy(day: date | None) -> str:
    """A date as the 903 files want it: dd/mm/YYYY, or empty."""
    return day.strftime("%d/%m/%Y") if day else ""


def iso(day: date | None) -> str | None:
    """A date as the CIN census and the DfE API want it: YYYY-MM-DD, or None."""
    return day.isoformat() if day else None


def upn_unknown(born: date | None, on: date) -> str:
    """The code for a child with no UPN: UN1 under school age (or not yet born), UN2 otherwise."""
    age = age_on(born, on)
    return "UN1" if age is None or age < 5 else "UN2"
