"""A council's care history and placement costs, as the demand model reads them (`hearth.model`).

This is an analyst's input over every record of the council, like the SSDA903 return: it filters by
authority only, not by a user's reach, and names no child (children are their record numbers). It reads
each table once, whatever the number of children.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Avg, Count, DecimalField, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from hearth.care import codes
from hearth.care.costs import WEEKS_A_YEAR, weekly_on
from hearth.care.models import Episode, Placement
from hearth.model.forecast_history import CATEGORIES, History, Spell

SHORT_BREAKS = ("V3", "V4")  # not counted as looked after in the DfE's figures, nor here


def care_history(*, authority_id: int) -> History:
    """Every placement of the council's periods of care as a `Spell` in its Appendix 4 category.

    A placement's spell ends when the placement does, or when its period of care does if the placement
    was left open (the earlier of the two if both are given). Periods of short breaks (legal status V3 or
    V4) are left out, and so are children without a date of birth (there are none in a valid return).
    The history is complete to today: a spell still open is open today.
    """
    short_breaks = Episode.objects.filter(authority_id=authority_id, legal_status__in=SHORT_BREAKS).values(
        "period_id"
    )
    rows = (
        Placement.objects.filter(authority_id=authority_id, person__date_of_birth__isnull=False)
        .exclude(period_id__in=short_breaks)
        .order_by()
        .values_list(
            "person_id", "person__date_of_birth", "started_on", "ended_on", "category", "period__started_on",
            "period__ended_on",
        )
    )  # fmt: skip
    spells = []
    for child, born, start, end, category, period_start, period_end in rows.iterator(chunk_size=5000):
        if end is None or (period_end is not None and period_end < end):
            end = period_end
        assert born is not None  # filtered above
        spells.append(Spell(child, born, start, end, category, period_start))
    return History.from_spells(spells, categories=CATEGORIES, as_of=timezone.localdate())


def unit_costs_from(*, authority_id: int, on: date) -> dict[str, dict[str, float | int | str]]:
    """The yearly cost of a placement in each category: the average over the council's placements open on
    `on` of their provider's weekly rate that day times 52 (placements without a provider, such as with
    parents, cost nothing; a provider without a rate that day is left out). A category with no such
    placement takes the seed's Appendix 4 average and says so. Returns, by category, `yearly`,
    `placements` (how many the average is over) and `source`."""
    open_on = Placement.objects.filter(authority_id=authority_id, started_on__lte=on).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=on)
    )
    zero = Value(0, output_field=DecimalField(max_digits=9, decimal_places=2))
    priced = (
        open_on.order_by()
        .annotate(rate=weekly_on(on))
        .filter(Q(provider__isnull=True) | Q(rate__isnull=False))  # a provider with no rate that day: unknown
        .annotate(weekly=Coalesce("rate", zero))
    )
    averages = {
        row["category"]: row
        for row in priced.values("category").annotate(average=Avg("weekly"), placements=Count("id"))
    }
    result: dict[str, dict[str, float | int | str]] = {}
    for category in CATEGORIES:
        row = averages.get(category)
        if row:
            result[category] = {
                "yearly": round(float(row["average"] or 0) * WEEKS_A_YEAR, 2),
                "placements": row["placements"],
                "source": "provider rates",
            }
        else:
            result[category] = {"yearly": float(codes.APPENDIX_4[category][1]), "placements": 0,
                                "source": "Appendix 4 (no placement open)"}  # fmt: skip
    return result
