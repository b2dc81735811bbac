"""The programme's rules and years, in one place for the services, the figures and the demo county."""

from __future__ import annotations

from datetime import date, timedelta

from hearth.returns.years import CollectionYear

# A family is attached when it meets at least two of the six headline criteria. Not in the seed: the
# national programme's rule (Financial Framework for the Troubled Families Programme, 2015 onwards). The seed's
# families meet 2.55 criteria each on average (15,447 criteria met by 6,049 families), which fits it.
MIN_CRITERIA = 2
# Continuous employment: an adult in the family has been in work for 26 weeks. Not in the seed: the national
# programme's rule for adults who were claiming out-of-work benefits.
CONTINUOUS_EMPLOYMENT = timedelta(weeks=26)
# Seed 000, paragraph 7: "our target of an 80% conversion rate by March 2020".
CONVERSION_GOAL = 80


def programme_year(day: date) -> int:
    """The programme year `day` falls in (1 April to 31 March), named by the year it ends: 2026 is 2025/26."""
    return CollectionYear.containing(day).end_year


def year_label(year: int) -> str:
    """ "2025/26" for 2026."""
    return str(CollectionYear(year))


def year_start(year: int) -> date:
    return CollectionYear(year).start
