"""Caseloads: children allocated per worker, by district and by team, counted as the district overview
(hearth.casework.dashboard.districts_overview) counts them today, on any day of the range."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count

from hearth.accounts.models import User
from hearth.accounts.roles import Role
from hearth.people.models import Allocation
from hearth.performance.figures import Figures, Selection, Tally
from hearth.performance.indicators.base import Indicator, open_on_each

GROUP = "Caseloads"


def caseloads(selection: Selection) -> Figures:
    periods, ends = selection.periods(), selection.period_ends()
    workers = (
        User.objects.filter(authority_id=selection.authority_id, role=Role.PRACTITIONER, is_active=True,
                            team__isnull=False)
        .order_by().values_list("team_id", "team__district_id").annotate(workers=Count("pk"))
    )  # fmt: skip
    team_workers: dict[int, int] = defaultdict(int)
    district_workers: dict[int | None, int] = defaultdict(int)
    based_in: dict[int, int] = {}
    for team, district, count in workers:
        team_workers[team] += count
        district_workers[district] += count
        based_in[team] = district
    allocations = Allocation.objects.filter(authority_id=selection.authority_id, worker__isnull=False)
    by_child: dict[int | None, list[int]] = defaultdict(lambda: [0] * len(ends))
    by_team: dict[int, list[int]] = defaultdict(lambda: [0] * len(ends))
    rows = open_on_each(
        allocations, ends, ("person__district_id", "team_id", "team__district_id"), distinct="pk"
    )
    for (child_district, team, team_district), counts in rows:
        based_in.setdefault(team, team_district)
        for n, count in enumerate(counts):
            by_child[child_district][n] += count
            by_team[team][n] += count
    chosen = selection.district_id
    districts = {
        d: Tally(by_child[d][-1], district_workers[d]) for d in set(by_child) | set(district_workers)
    }
    in_scope = [d for d in districts if chosen is None or d == chosen]
    base = sum(district_workers[d] for d in in_scope)
    trend = [Tally(sum(by_child[d][n] for d in in_scope if d in by_child), base) for n in range(len(ends))]
    teams = {
        team: Tally(by_team[team][-1] if team in by_team else 0, team_workers[team])
        for team in set(by_team) | set(team_workers)
        if chosen is None or based_in.get(team) == chosen
    }
    return Figures(periods, trend[-1], districts, trend, teams)


INDICATORS = (
    Indicator(
        "caseloads", "Children per worker", GROUP,
        "On the last day of the period: the allocations of children to a named worker (a child allocated to "
        "two workers counts for each), in the district of the child, divided by the practitioners in the "
        "teams based in that district. By team: the team’s allocations divided by its practitioners. "
        "Practitioners are those with an account now: the staff directory keeps no history.",
        "ratio", caseloads, stock=True, counted="Allocations", base="Practitioners",
        by_team="the team of the allocated worker",
    ),
)  # fmt: skip
