"""What an indicator is asked (`Selection`) and what it answers (`Figures`): a count, or a part of a whole
(`Tally`), for the whole range, for each district, for each period of the trend, and for each team or
category where the indicator has them.

An indicator is either a flow (events in the range: referrals, assessments completed) or a stock (children
on the last day: looked after, on a plan). A flow's trend is the events in each period; a stock's trend is
the children at the end of each period, and its headline is the last of those, the range's last day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from hearth.performance.periods import Bucket, bucket_index, buckets

NO_TEAM = 0  # rows with no team (an assessment with no worker) are counted under this key


@dataclass(frozen=True)
class Selection:
    """The council, the range (both days included) and, optionally, one of its districts."""

    authority_id: int
    start: date
    end: date
    district_id: int | None = None
    trend: bool = True  # False: the headline figures only (the range as one period), as the index shows them

    def periods(self) -> list[Bucket]:
        if not self.trend:
            return [Bucket(self.start, self.end, "", "")]
        return buckets(self.start, self.end)

    def period_ends(self) -> list[date]:
        return [b.end for b in self.periods()]

    def moments(self) -> tuple[datetime, datetime]:
        """The range as aware datetimes: from midnight at its start to midnight after its end."""
        first = timezone.make_aware(datetime.combine(self.start, time.min))
        after = timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))
        return first, after


@dataclass
class Tally:
    """A count, and for a percentage or a ratio the whole it is a part of (`base`)."""

    count: int = 0
    base: int = 0

    def add(self, count: int, base: int) -> None:
        self.count += count
        self.base += base


@dataclass
class Figures:
    periods: list[Bucket]
    total: Tally  # the whole range (a flow) or its last day (a stock), for the district chosen or the council
    districts: dict[int | None, Tally]  # every district of the council, whichever is chosen
    trend: list[Tally]  # one per period, for the district chosen or the council
    teams: dict[int, Tally] = field(default_factory=dict)  # for the district chosen or the council
    parts: dict[str, Tally] = field(default_factory=dict)  # e.g. categories of abuse


class Counter:
    """Adds up an indicator's rows into `Figures`, keeping to the chosen district where it should."""

    def __init__(self, selection: Selection) -> None:
        self.selection = selection
        self.periods = selection.periods()
        self.total = Tally()
        self.districts: dict[int | None, Tally] = {}
        self.trend = [Tally() for _ in self.periods]
        self.teams: dict[int, Tally] = {}
        self.parts: dict[str, Tally] = {}

    def _chosen(self, district: int | None) -> bool:
        return self.selection.district_id is None or district == self.selection.district_id

    def _headline(
        self, district: int | None, count: int, base: int, team: int | None, part: str | None
    ) -> None:
        self.districts.setdefault(district, Tally()).add(count, base)
        if not self._chosen(district):
            return
        self.total.add(count, base)
        if team is not None:
            self.teams.setdefault(team, Tally()).add(count, base)
        if part is not None:
            self.parts.setdefault(part, Tally()).add(count, base)

    def flow(self, district: int | None, day: date, count: int = 1, base: int = 0, *, team: int | None = None,
             part: str | None = None) -> None:  # fmt: skip
        """An event on `day` (or a database total for the month starting on `day`)."""
        self._headline(district, count, base, team, part)
        if self._chosen(district):
            self.trend[bucket_index(self.periods, day)].add(count, base)

    def stock(self, district: int | None, period: int, count: int = 1, base: int = 0, *, team: int | None = None,
              part: str | None = None) -> None:  # fmt: skip
        """Children at the end of period number `period`; the last period's end is the range's last day."""
        if self._chosen(district):
            self.trend[period].add(count, base)
        if period == len(self.periods) - 1:
            self._headline(district, count, base, team, part)

    def figures(self) -> Figures:
        return Figures(self.periods, self.total, self.districts, self.trend, self.teams, self.parts)


def on_day(start: date, end: date | None, day: date) -> bool:
    """Open at the end of `day`: started on or before it, and not ended on or before it."""
    return start <= day and (end is None or end > day)
