from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.care import codes
from hearth.care.episodes import NewPlacement, care_change, care_end, care_start
from hearth.care.models import ProviderKind
from hearth.care.tests.factories import provider
from hearth.core.tests.factories import PersonFactory
from hearth.insight.histories import care_history, unit_costs_from
from hearth.model.forecast_history import CATEGORIES


@pytest.fixture
def carers(county):
    return provider(county.authority, name="The Hills"), provider(
        county.authority, kind=ProviderKind.CHILDRENS_HOME, name="Hill House", ofsted_urn="SC123456",
        place_provider="PR4", postcode="ST16 1AA", weekly="3313.77",
    )  # fmt: skip


def start(county, person, on, placement, legal_status="C2"):
    care_start(by=county.social_worker, person=person, started_on=on, legal_status=legal_status,
               category_of_need="N1", placement=placement)  # fmt: skip


def test_the_models_categories_are_the_budget_categories_of_the_care_app():
    assert tuple(code for code, _ in codes.CATEGORIES) == CATEGORIES


def test_each_placement_is_a_spell_in_its_budget_category_and_leaving_care_ends_the_period(county, carers):
    foster, home = carers
    child = county.allocated_child
    start(county, child, date(2025, 6, 2), NewPlacement("U6", foster))
    care_change(by=county.social_worker, person=child, on=date(2025, 9, 1), legal_status="C2",
                placement=NewPlacement("K2", home), change_reason="CREQB")  # fmt: skip
    care_change(by=county.social_worker, person=child, on=date(2025, 10, 1), legal_status="C1")  # status only
    care_end(by=county.social_worker, person=child, on=date(2026, 1, 5), reason="E4A")
    history = care_history(authority_id=county.authority.pk)
    assert [CATEGORIES[c] for c in history.category] == ["in_house", "homes"]
    assert history.start.astype(str).tolist() == ["2025-06-02", "2025-09-01"]
    assert history.end.astype(str).tolist() == ["2025-09-01", "2026-01-05"]
    assert history.first.tolist() == [True, False]
    assert history.last.tolist() == [False, True]
    assert history.counts_at(date(2026, 1, 1))[CATEGORIES.index("homes")] == 1
    assert history.counts_at(date(2026, 1, 6)).sum() == 0
    assert history.born[0].astype(object) == child.date_of_birth


def test_other_councils_children_and_short_breaks_are_left_out(county, carers):
    start(county, county.allocated_child, date(2025, 6, 2), NewPlacement("U6", carers[0]))
    start(
        county, county.unallocated_child, date(2025, 6, 2), NewPlacement("U6", carers[0]), legal_status="V3"
    )
    theirs = provider(county.other, name="Westmarch carers")
    start(county, county.other_child, date(2025, 6, 2), NewPlacement("U6", theirs))
    history = care_history(authority_id=county.authority.pk)
    assert history.child.tolist() == [county.allocated_child.pk]


def test_the_whole_council_is_read_in_the_same_number_of_queries_however_many_children(county, carers):
    start(county, county.allocated_child, date(2025, 6, 2), NewPlacement("U6", carers[0]))
    with CaptureQueriesContext(connection) as one:
        care_history(authority_id=county.authority.pk)
    for n in range(4):
        child = PersonFactory(district=county.aldermoor, date_of_birth=date(2012, 1, 1 + n))
        start(county, child, date(2025, 7, 1), NewPlacement("K2", carers[1]))
    with CaptureQueriesContext(connection) as five:
        history = care_history(authority_id=county.authority.pk)
    assert history.children == 5
    assert len(five.captured_queries) == len(one.captured_queries)


def test_unit_costs_are_the_yearly_rates_of_the_placements_open_that_day(county, carers):
    foster, home = carers
    start(county, county.allocated_child, date(2025, 6, 2), NewPlacement("U6", foster))
    start(county, county.unallocated_child, date(2025, 6, 2), NewPlacement("K2", home))
    costs = unit_costs_from(authority_id=county.authority.pk, on=date(2026, 3, 31))
    assert costs["in_house"] == {"yearly": 18_890.04, "placements": 1, "source": "provider rates"}
    assert costs["homes"]["yearly"] == pytest.approx(172_316.04)
    assert costs["ifa"] == {"yearly": 39_613.0, "placements": 0, "source": "Appendix 4 (no placement open)"}


def test_a_placement_whose_provider_has_no_rate_that_day_is_left_out_of_the_average(county, carers):
    start(county, county.allocated_child, date(2025, 1, 6), NewPlacement("U6", carers[0]))  # rate from April
    costs = unit_costs_from(authority_id=county.authority.pk, on=date(2025, 3, 1))
    assert costs["in_house"]["source"] == "Appendix 4 (no placement open)"
