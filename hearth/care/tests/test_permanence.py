from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from hearth.care.episodes import NewPlacement, care_change, care_end, care_start
from hearth.care.models import AdoptionJourney, PermanencePlan, ProspectiveAdopter, ProviderKind
from hearth.care.permanence import (
    adopter_advance,
    adoption_decide,
    adoption_step,
    adoption_stop,
    permanence_plan_agree,
)
from hearth.care.tests.factories import provider


@pytest.fixture
def baby(county):
    child = county.allocated_child
    child.date_of_birth = date(2025, 9, 1)
    child.save()
    care_start(by=county.social_worker, person=child, started_on=date(2026, 1, 5), legal_status="C1",
               category_of_need="N1", placement=NewPlacement("U6", provider(county.authority)))  # fmt: skip
    return child


@pytest.fixture
def adopters(county):
    return ProspectiveAdopter.objects.create(authority=county.authority, name="Mr and Mrs Kaur", agency="Regional",
                                             stage="approved", stage_dates={"approved": "2025-11-01"})  # fmt: skip


def test_a_changed_plan_ends_the_last_one_not_achieved(county, baby):
    permanence_plan_agree(
        by=county.social_worker, person=baby, kind="return_home", agreed_on=date(2026, 2, 1)
    )
    permanence_plan_agree(by=county.social_worker, person=baby, kind="adoption", agreed_on=date(2026, 4, 1))
    first, second = PermanencePlan.objects.order_by("agreed_on")
    assert (first.ended_on, first.achieved, first.end_reason) == (
        date(2026, 4, 1),
        False,
        "Changed to adoption",
    )
    assert second.ended_on is None


def test_adoption_steps_go_in_order_and_an_adoption_order_ends_care(county, baby, adopters):
    adoption_decide(by=county.social_worker, person=baby, decided_on=date(2026, 3, 1))
    with pytest.raises(ValidationError, match="Record the steps in order"):
        adoption_step(
            by=county.social_worker, person=baby, step="matched", on=date(2026, 4, 1), adopter=adopters
        )
    adoption_step(by=county.social_worker, person=baby, step="placement_order", on=date(2026, 4, 1))
    adoption_step(by=county.social_worker, person=baby, step="matched", on=date(2026, 6, 1), adopter=adopters)
    with pytest.raises(ValidationError, match="Record the move to the adopters first"):
        adoption_step(by=county.social_worker, person=baby, step="placed", on=date(2026, 7, 1))
    home = provider(county.authority, kind=ProviderKind.ADOPTER, weekly="0", name="Mr and Mrs Kaur")
    care_change(by=county.social_worker, person=baby, on=date(2026, 7, 1), legal_status="E1",
                placement=NewPlacement("A6", home), change_reason="CARPL")  # fmt: skip
    adoption_step(by=county.social_worker, person=baby, step="placed", on=date(2026, 7, 1))
    adopters.refresh_from_db()
    assert (adopters.stage, adopters.stage_dates["placed"]) == ("placed", "2026-07-01")
    care_end(by=county.social_worker, person=baby, on=date(2026, 11, 2), reason="E11")
    assert AdoptionJourney.objects.get().adoption_order_on == date(2026, 11, 2)


def test_a_stopped_plan_records_why(county, baby):
    adoption_decide(by=county.social_worker, person=baby, decided_on=date(2026, 3, 1))
    journey = adoption_stop(by=county.social_worker, person=baby, on=date(2026, 5, 1), reason="RD2")
    assert (journey.ceased_on, journey.get_ceased_reason_display()) == (
        date(2026, 5, 1), "The court did not make a placement order")  # fmt: skip


def test_adopters_move_through_the_stages_in_order(county, adopters):
    with pytest.raises(ValidationError, match="The next stage is ‘Matched with a child’"):
        adopter_advance(by=county.social_worker, adopter=adopters, stage="placed", on=date(2026, 3, 1))
    with pytest.raises(ValidationError, match="on or after the last stage"):
        adopter_advance(by=county.social_worker, adopter=adopters, stage="matched", on=date(2025, 10, 1))
    adopter_advance(by=county.social_worker, adopter=adopters, stage="withdrawn", on=date(2026, 3, 1))
    with pytest.raises(ValidationError, match="their stages are finished"):
        adopter_advance(by=county.social_worker, adopter=adopters, stage="matched", on=date(2026, 3, 2))
