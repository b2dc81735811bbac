"""The care history the forecast reads: plain spells, no database.

A `Spell` is one stretch of a period of care in one placement category (the council's Appendix 4 budget
categories). The spells of a period are consecutive: each starts on the day the one before it ends, and the
period ends with its last spell (`end` is None while it is open). A gap between two spells, or a new
`period_start`, means the child was out of care in between. Two consecutive spells in the same category
(a new carer of the same kind) are one stretch to the model: only a change of category is a transition.

Days follow the SSDA903 convention: a child is looked after on the days from `start` up to the day before
`end`. The model counts at *boundaries*: the count at a boundary B (the start of a day) is the children
looked after on the day before it, so a forecast from 1 April 2026 starts from the children looked after on
31 March 2026, and its year-ends are the counts on 31 March.

`History` holds the spells as numpy columns, sorted by child and start, with the links between spells
worked out once.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

# The Appendix 4 budget categories, in the order of `hearth.care.codes.CATEGORIES` (the Django side checks
# that the two agree; this package does not import the app).
CATEGORIES: tuple[str, ...] = (
    "relative_friend", "in_house", "ifa", "homes", "parents", "adoptive", "independent_living",
    "residential_school", "mother_and_baby", "other",
)  # fmt: skip
FOSTER = ("relative_friend", "in_house", "ifa")
IFA, IN_HOUSE = "ifa", "in_house"

ADULT = 18  # a child leaves care at 18 for certain
AGE_MONTHS = ADULT * 12
# The DfE's age bands: under 1, 1 to 4, 5 to 9, 10 to 15, 16 and 17 (first year of each).
AGE_BANDS: tuple[int, ...] = (0, 1, 5, 10, 16)
AGE_BAND_LABELS: tuple[str, ...] = ("Under 1", "1 to 4", "5 to 9", "10 to 15", "16 and 17")
BAND_OF_AGE = np.searchsorted(np.array(AGE_BANDS), np.arange(ADULT), side="right") - 1

DAYS_A_MONTH = 365.25 / 12
NAT = np.datetime64("NaT", "D")


@dataclass(frozen=True)
class Spell:
    """One placement-category spell of a period of care (see the module's docstring)."""

    child: int
    born: date
    start: date
    end: date | None
    category: str
    period_start: date


UNIX_EPOCH = date(1970, 1, 1).toordinal()


def _ordinals(values: Iterable[int], n: int) -> np.ndarray:
    """Days from `date.toordinal()` values (0 for none, NaT), as datetime64 (much faster than from dates)."""
    ordinals = np.fromiter(values, np.int64, n)
    result = (ordinals - UNIX_EPOCH).astype("datetime64[D]")
    result[ordinals == 0] = NAT
    return result


def days(values: Sequence[date | None] | np.ndarray) -> np.ndarray:
    return np.array(values, dtype="datetime64[D]")


def day(value: date) -> np.datetime64:
    return np.datetime64(value, "D")


def add_months(value: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    year, month = divmod(value.month - 1 + months, 12)
    year, month = value.year + year, month + 1
    return date(year, month, min(value.day, calendar.monthrange(year, month)[1]))


def add_years(value: date, years: int) -> date:
    return add_months(value, 12 * years)


def birthdays(born: np.ndarray, years: np.ndarray | int) -> np.ndarray:
    """The days each child turns `years` (broadcast); 28 February for those born on 29 February, as
    `hearth.core.dates.birthday` has it."""
    month = born.astype("datetime64[M]")
    offset = (born - month.astype("datetime64[D]")).astype(np.int64)
    target = month + np.asarray(years) * 12
    length = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(np.int64)
    return target.astype("datetime64[D]") + np.minimum(offset, length - 1)


def age_months(born: np.ndarray, on: np.ndarray | np.datetime64) -> np.ndarray:
    """Completed months of age on the day `on` (broadcast)."""
    born_month, on_month = born.astype("datetime64[M]"), np.asarray(on).astype("datetime64[M]")
    born_day = born - born_month.astype("datetime64[D]")
    on_day = on - on_month.astype("datetime64[D]")
    return (on_month - born_month).astype(np.int64) - (on_day < born_day)


def month_index(first: date, values: np.ndarray) -> np.ndarray:
    """Which month after `first` each day falls in: 0 for [first, first + 1 month), and so on."""
    first_month = np.datetime64(first, "M")
    offset = (values - values.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int64)
    return (values.astype("datetime64[M]") - first_month).astype(np.int64) - (offset < first.day - 1)


class History:
    """Spells as columns, sorted by child and start.

    `first` marks the spell that starts a period of care (an entry), `last` the one that ends it (its end,
    when there is one, is leaving care); otherwise `next_category` is the category the child moved to when
    the spell ended (-1 after the last spell).
    """

    def __init__(self, *, child: np.ndarray, born: np.ndarray, start: np.ndarray, end: np.ndarray,
                 category: np.ndarray, period_start: np.ndarray,
                 categories: tuple[str, ...] = CATEGORIES, as_of: date | None = None) -> None:  # fmt: skip
        order = np.lexsort((start, child))
        self.categories = tuple(categories)
        self.as_of = as_of  # the day the records are complete to (open spells are open then)
        self.child = np.asarray(child, dtype=np.int64)[order]
        self.born = np.asarray(born, dtype="datetime64[D]")[order]
        self.start = np.asarray(start, dtype="datetime64[D]")[order]
        self.end = np.asarray(end, dtype="datetime64[D]")[order]
        self.category = np.asarray(category, dtype=np.int8)[order]
        self.period_start = np.asarray(period_start, dtype="datetime64[D]")[order]
        bad = np.flatnonzero(~np.isnat(self.end) & (self.end < self.start))
        if bad.size:
            raise ValueError(f"A spell of child {self.child[bad[0]]} ends before it starts")
        if self.category.size and (self.category.min() < 0 or self.category.max() >= len(self.categories)):
            raise ValueError("category must index `categories`")
        follows = np.zeros(self.child.size, dtype=bool)  # the spell carries on the one before it
        if self.child.size > 1:
            follows[1:] = (
                (self.child[1:] == self.child[:-1])
                & (self.end[:-1] == self.start[1:])
                & (self.period_start[1:] == self.period_start[:-1])
            )
        self.first = ~follows
        self.last = np.ones(self.child.size, dtype=bool)
        self.last[:-1] = ~follows[1:]
        self.next_category = np.full(self.child.size, -1, dtype=np.int8)
        self.next_category[:-1] = np.where(follows[1:], self.category[1:], -1)

    @classmethod
    def from_spells(cls, spells: Iterable[Spell], categories: tuple[str, ...] = CATEGORIES,
                    as_of: date | None = None) -> History:  # fmt: skip
        spells = list(spells)
        index = {name: i for i, name in enumerate(categories)}
        unknown = {s.category for s in spells} - index.keys()
        if unknown:
            raise ValueError(
                f"Unknown placement category {sorted(unknown)[0]!r}: expected one of {categories}"
            )
        n = len(spells)
        return cls(
            child=np.fromiter((s.child for s in spells), np.int64, n),
            born=_ordinals((s.born.toordinal() for s in spells), n),
            start=_ordinals((s.start.toordinal() for s in spells), n),
            end=_ordinals((s.end.toordinal() if s.end else 0 for s in spells), n),
            category=np.fromiter((index[s.category] for s in spells), np.int8, n),
            period_start=_ordinals((s.period_start.toordinal() for s in spells), n),
            categories=categories,
            as_of=as_of,
        )

    def __len__(self) -> int:
        return int(self.child.size)

    @property
    def children(self) -> int:
        return int(np.unique(self.child).size)

    @property
    def last_day(self) -> date | None:
        """The day the records are complete to: `as_of` if given, else the latest start or end recorded."""
        if self.as_of is not None:
            return self.as_of
        if not len(self):
            return None
        ends = self.end[~np.isnat(self.end)]
        latest = max(self.start.max(), ends.max()) if ends.size else self.start.max()
        return latest.astype(date)

    def looked_after_at(self, boundary: date) -> np.ndarray:
        """Which spells hold a child looked after at the boundary (on the day before it), under 18."""
        at = day(boundary)
        covering = (self.start < at) & (np.isnat(self.end) | (self.end >= at))
        return covering & (birthdays(self.born, ADULT) >= at)

    def cohort_at(self, boundary: date) -> tuple[np.ndarray, np.ndarray]:
        """The children looked after at the boundary: their age in completed months and their category."""
        mask = self.looked_after_at(boundary)
        ages = age_months(self.born[mask], day(boundary) - 1)
        return np.clip(ages, 0, AGE_MONTHS - 1), self.category[mask]

    def counts_at(self, boundary: date) -> np.ndarray:
        """How many children are looked after at the boundary, by category."""
        return np.bincount(self.category[self.looked_after_at(boundary)], minlength=len(self.categories))
