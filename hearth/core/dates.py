"""Ages, birthdays and the check every recorded event shares: a date was given, and it is not in the future."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from hearth.core.jinja import govuk_date


def age_on(born: date | None, on: date | None = None) -> int | None:
    """Age in whole years on `on` (today if not given), or None without a date of birth."""
    if born is None:
        return None
    on = on or timezone.localdate()
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def birthday(born: date, age: int) -> date:
    """The day someone born on `born` turns `age` (28 February for those born on 29 February)."""
    try:
        return born.replace(year=born.year + age)
    except ValueError:
        return born.replace(year=born.year + age, day=28)


def past_day_errors(day: date | None, field: str, what: str, *, since: date | None = None,
                    since_what: str = "") -> dict[str, list[str]]:  # fmt: skip
    """The error for `field` if the date `what` is missing, in the future, or before `since`."""
    if day is None:
        return {field: [f"Enter the date {what}"]}
    if day > timezone.localdate():
        return {field: [f"The date {what} must be today or in the past"]}
    if since is not None and day < since:
        return {field: [f"The date {what} must be on or after {since_what} ({govuk_date(since)})"]}
    return {}
