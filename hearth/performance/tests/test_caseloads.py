"""Children per worker, by district and team, as the district overview counts them."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from hearth.casework.dashboard import districts_overview
from hearth.core.tests.factories import AllocationFactory, UserFactory
from hearth.performance.figures import Selection, Tally
from hearth.performance.indicators.caseloads import caseloads
from hearth.performance.tests.builders import child


def test_children_per_worker_divide_allocations_by_the_practitioners_of_the_district_and_team(county):
    # The county has two practitioners in Aldermoor's safeguarding team (Sam and a colleague) and one in
    # Eastwold; Sam holds Ava (Aldermoor) and Mo (who moved to Eastwold), allocated on 5 January 2026.
    AllocationFactory(person=child(county.aldermoor), worker=county.colleague, started_on=date(2026, 2, 1))
    ended = AllocationFactory(
        person=child(county.aldermoor), worker=county.colleague, started_on=date(2026, 1, 1)
    )
    ended.ended_on = date(2026, 3, 31)  # ended on the last day: not counted that day
    ended.save(update_fields=["ended_on"])
    figures = caseloads(Selection(county.authority.pk, date(2026, 1, 1), date(2026, 3, 31)))
    assert figures.districts[county.aldermoor.pk] == Tally(
        count=2, base=2
    )  # Ava and the new child; 2 workers
    assert figures.districts[county.eastwold.pk] == Tally(count=1, base=1)  # Mo, by where he lives
    assert figures.teams[county.safeguarding.pk] == Tally(count=3, base=2)  # the team holds all three
    assert figures.total == Tally(count=3, base=3)
    assert [t.count for t in figures.trend] == [3, 4, 3]


def test_a_district_s_team_table_holds_the_teams_based_there(county):
    figures = caseloads(
        Selection(county.authority.pk, date(2026, 1, 1), date(2026, 3, 31), county.eastwold.pk)
    )
    assert set(figures.teams) == {county.eastwold_team.pk}
    assert figures.total == Tally(count=1, base=1)


def test_caseloads_today_agree_with_the_district_overview(county):
    UserFactory(team=county.eastwold_team)
    AllocationFactory(person=child(county.eastwold), worker=county.other_district_worker)
    today = timezone.localdate()
    figures = caseloads(Selection(county.authority.pk, today, today))
    overview = {row.name: row for row in districts_overview(user=county.analyst)}
    for district in (county.aldermoor, county.eastwold):
        tally = figures.districts[district.pk]
        assert (tally.count, tally.base) == (
            overview[district.name].children,
            overview[district.name].workers,
        )
