"""Working days for statutory timescales: Monday to Friday, less England and Wales bank holidays.

Bank holidays come from the maintained `holidays` package (subdivision ENG, which covers England and
Wales's shared list), never a hand-typed list. Deadlines keep the time of day: a contact received at
3pm on a Friday has its decision due at 3pm on the Monday (or Tuesday after a bank holiday Monday).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: date | datetime, days: int) -> date | datetime:
    """`days` working days after `start` (same time of day for a datetime). A start on a weekend or bank
    holiday counts from the next working day."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    while not is_working_day(_day(current)):  # received at a weekend: counts as the next working day
        current = current + timedelta(days=1)
    remaining = days
    while remaining > 0:
        current = current + timedelta(days=1)
        if is_working_day(_day(current)):
            remaining -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 if end is not after start)."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value
