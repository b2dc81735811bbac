"""What an indicator is, and the grouped queries indicators share.

An indicator has a key (for its page, its CSV files and its comparators), a name, a definition in plain
English shown beside its figures, and a function from a `Selection` to `Figures`. The functions read the
council's records by authority, not through a user's reach: their figures name nobody, like the statutory
returns, and the pages that show them check `Capability.PERFORMANCE` (ADR 20).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import wraps
from typing import Any, Literal, TypeVar

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from hearth.performance.figures import Counter, Figures, Selection

Unit = Literal["count", "percent", "ratio"]
ONE_DAY = timedelta(days=1)
T = TypeVar("T")


@dataclass(frozen=True)
class Indicator:
    key: str
    name: str
    group: str
    definition: str
    unit: Unit  # a count (with a rate per 10,000 children), a percentage, or a ratio (children per worker)
    compute: Callable[[Selection], Figures]
    stock: bool = False  # children on the range's last day, rather than events in the range
    counted: str = ""  # the heading of the count: "Referrals", "Completed in 45 working days"
    base: str = ""  # the heading of the whole a percentage or ratio is of: "Assessments completed"
    by_team: str = ""  # when set, a table by team, and this says which team a row belongs to
    parts: str = ""  # when set, a table of the parts (the heading of its first column)


def period_counts(selection: Selection, queryset: QuerySet[Any], day_field: str, district_field: str, *,
                  timed: bool = False) -> Iterator[tuple[int | None, date, int]]:  # fmt: skip
    """(district, first day of a period, rows) for the rows of `queryset` whose `day_field` falls in each
    period of the range: one grouped query with a column per period, compared in the database (no function
    per row). `timed`: the field is a time, and a period runs from midnight at its start to midnight after
    its end, local time."""
    periods = selection.periods()

    def edge(day: date) -> date | datetime:
        return timezone.make_aware(datetime.combine(day, time.min)) if timed else day

    columns = {
        f"in_{n}": Count("pk", filter=Q(**{f"{day_field}__gte": edge(p.start), f"{day_field}__lt": edge(p.end + ONE_DAY)}))
        for n, p in enumerate(periods)
    }  # fmt: skip
    rows = (
        queryset.filter(**{f"{day_field}__gte": edge(selection.start), f"{day_field}__lt": edge(selection.end + ONE_DAY)})
        .order_by()
        .values(district_field)
        .annotate(**columns)
    )  # fmt: skip
    for row in rows:
        for n, period in enumerate(periods):
            yield row[district_field], period.start, row[f"in_{n}"]


def count_flow(selection: Selection, queryset: QuerySet[Any], day_field: str, district_field: str, *,
               timed: bool = False) -> Figures:  # fmt: skip
    """A count of events: the rows of `queryset` in the range, by period and district (`period_counts`)."""
    counter = Counter(selection)
    for district, day, count in period_counts(selection, queryset, day_field, district_field, timed=timed):
        counter.flow(district, day, count)
    return counter.figures()


_shared: ContextVar[dict[tuple[Any, ...], Any] | None] = ContextVar("performance_shared_reads", default=None)


@contextmanager
def shared_reads() -> Iterator[None]:
    """Within this block, a read marked `@shared` runs once for each council and range, however many
    indicators ask for it (the two stability measures read the same children)."""
    token = _shared.set({})
    try:
        yield
    finally:
        _shared.reset(token)


def shared(read: Callable[[Selection], T]) -> Callable[[Selection], T]:
    @wraps(read)
    def once(selection: Selection) -> T:
        memo = _shared.get()
        if memo is None:
            return read(selection)
        key = (read.__module__, read.__qualname__, selection.authority_id, selection.start, selection.end)
        if key not in memo:
            memo[key] = read(selection)
        result: T = memo[key]
        return result

    return once


def open_on_each(queryset: QuerySet[Any], ends: Sequence[date], keys: Sequence[str], *, distinct: str = "person_id",
                 start: str = "started_on", end: str = "ended_on") -> list[tuple[tuple[Any, ...], list[int]]]:  # fmt: skip
    """For each group of `keys`, how many distinct `distinct` had a row open at the end of each day in `ends`
    (started on or before it, not ended on or before it). One grouped query, one column per day."""
    columns = {
        f"open_{n}": Count(
            distinct, distinct=True, filter=Q(**{f"{start}__lte": day}) & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": day}))
        )
        for n, day in enumerate(ends)
    }  # fmt: skip
    rows = (
        queryset.filter(**{f"{start}__lte": max(ends)})
        .filter(Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": min(ends)}))
        .order_by()
        .values(*keys)
        .annotate(**columns)
    )
    return [(tuple(row[k] for k in keys), [row[f"open_{n}"] for n in range(len(ends))]) for row in rows]
