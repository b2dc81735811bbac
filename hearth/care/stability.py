"""Placement stability, as the DfE measures it for children looked after:

- short term: three or more placements in the 12 months up to a date (temporary placements, T0 to T4,
  do not count);
- long term: children under 16 who have been looked after for 2½ years or more, and who have been in the
  same placement for 2 years or more (or placed for adoption, counting the time with the same carers).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from hearth.care import codes
from hearth.casework.timescales import add_months
from hearth.core.dates import age_on

YEAR = timedelta(days=365)


@dataclass(frozen=True)
class Spell:
    started_on: date
    ended_on: date | None
    placement_type: str
    carer: str = ""


def placements_in_year(spells: Iterable[Spell], on: date) -> int:
    """Placements (not temporary ones) open at any time in the 12 months up to and including `on`."""
    since = on - YEAR
    return sum(
        1 for s in spells
        if s.placement_type not in codes.TEMPORARY and s.started_on <= on and (s.ended_on is None or s.ended_on > since)
    )  # fmt: skip


def three_or_more(spells: Iterable[Spell], on: date) -> bool:
    return placements_in_year(spells, on) >= 3


def long_term_stable(
    *, period_start: date, spells: list[Spell], date_of_birth: date | None, on: date
) -> bool | None:
    """True or False for a child the long-term measure counts (under 16, looked after 2½ years or more);
    None for a child it does not count."""
    age = age_on(date_of_birth, on)
    if age is None or age >= 16 or period_start > add_months(on, -30):
        return None
    current = [s for s in spells if s.placement_type not in codes.TEMPORARY and s.started_on <= on]
    if not current:
        return False
    current.sort(key=lambda s: s.started_on)
    latest = current[-1]
    since = latest.started_on
    if latest.placement_type in codes.ADOPTION:  # the time with the same carers before the adoption placement
        for earlier in reversed(current[:-1]):
            if earlier.carer and earlier.carer == latest.carer and earlier.ended_on == since:
                since = earlier.started_on
            else:
                break
    return since <= add_months(on, -24)
