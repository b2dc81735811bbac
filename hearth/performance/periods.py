"""The date range a dashboard shows and the periods its trend is split into: calendar months for a range of
up to two years, calendar quarters for a longer one. The first and last period are cut to the range, and
their labels say so ("24 to 30 November 2025"), so no figure claims a whole month it does not cover."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta

from hearth.casework.timescales import add_months

MONTHLY_UP_TO = timedelta(days=731)  # two years; longer ranges are split into quarters
LONGEST_RANGE_YEARS = 5
QUARTER_NAMES = {1: "January to March", 4: "April to June", 7: "July to September", 10: "October to December"}


@dataclass(frozen=True)
class Bucket:
    start: date
    end: date
    label: str  # for tables: "December 2025", "24 to 30 November 2025", "January to March 2026"
    short: str  # for a chart's axis: "Dec 2025", "Q1 2026"


def twelve_months_to(on: date) -> tuple[date, date]:
    """The 12 months up to and including `on`: from the day after the same date a year before."""
    return add_months(on, -12) + timedelta(days=1), on


def _month_end(day: date) -> date:
    return add_months(day.replace(day=1), 1) - timedelta(days=1)


def _span(start: date, end: date, whole: str) -> str:
    """The label of a period: its name when whole, otherwise its first and last day."""
    if whole:
        return whole
    if start.month == end.month and start.year == end.year:
        return f"{start.day} to {end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} to {end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}"


def buckets(start: date, end: date) -> list[Bucket]:
    """The periods from `start` to `end` (both included): months, or quarters for a range over two years."""
    if end < start:
        raise ValueError("The range ends before it starts")
    quarterly = end - start > MONTHLY_UP_TO
    result = []
    first = start.replace(day=1)
    if quarterly:
        first = first.replace(month=(start.month - 1) // 3 * 3 + 1)
    step = 3 if quarterly else 1
    while first <= end:
        last = add_months(first, step) - timedelta(days=1)
        lo, hi = max(first, start), min(last, end)
        if quarterly:
            whole = f"{QUARTER_NAMES[first.month]} {first.year}" if (lo, hi) == (first, last) else ""
            short = f"Q{(first.month - 1) // 3 + 1} {first.year}"
        else:
            whole = f"{first:%B %Y}" if (lo, hi) == (first, _month_end(first)) else ""
            short = f"{first:%b %Y}"
        result.append(Bucket(lo, hi, _span(lo, hi, whole), short))
        first = add_months(first, step)
    return result


def bucket_index(periods: list[Bucket], day: date) -> int:
    """Which period `day` falls in (a day before the first period counts in the first: a month's total from
    the database is dated the 1st of a month the range may start part-way through)."""
    return max(0, bisect_right([b.start for b in periods], day) - 1)
