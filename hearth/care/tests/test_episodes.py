from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from hearth.care.costs import placement_cost, provider_rate_set, rate_on
from hearth.care.episodes import NewPlacement, care_change, care_end, care_start
from hearth.care.models import CareReview, Episode, PeriodOfCare, PermanencePlan, Placement, ProviderKind
from hearth.care.permanence import permanence_plan_agree
from hearth.care.tests.factories import provider
from hearth.chronology.models import ChronologyEntry


@pytest.fixture
def carers(county):
    return {
        "foster": provider(county.authority, name="The Hills"),
        "ifa": provider(county.authority, kind=ProviderKind.IFA, name="Northern Fostering", weekly="761.79",
                        place_provider="PR4", ofsted_urn="SC123456", in_area=False),
        "aunt": provider(county.authority, kind=ProviderKind.CONNECTED, name="Aunt Jo", weekly="363.27"),
    }  # fmt: skip


def start(county, carers, on=date(2026, 6, 1), ls="V2"):
    return care_start(by=county.social_worker, person=county.allocated_child, started_on=on, legal_status=ls,
                      category_of_need="N1", placement=NewPlacement("U6", carers["foster"]), home_postcode="bk1 1aa")  # fmt: skip


def test_starting_care_opens_a_period_episode_placement_and_first_review(county, carers):
    period = start(county, carers)
    episode = Episode.objects.get(period=period)
    placement = Placement.objects.get(period=period)
    assert (episode.reason_new, episode.legal_status, episode.placement) == ("S", "V2", placement)
    assert (placement.category, placement.place_provider, placement.carer) == ("in_house", "PR1", "The Hills")
    assert period.home_postcode == "BK1 1AA"
    review = CareReview.objects.get(period=period)
    assert (review.number, review.due_on) == (1, date(2026, 6, 29))  # 20 working days
    assert period.next_visit_due_on == date(2026, 6, 8)  # a week after the placement starts
    assert ChronologyEntry.objects.filter(person=county.allocated_child, kind="care").count() == 1


def test_a_second_period_while_looked_after_is_refused(county, carers):
    start(county, carers)
    with pytest.raises(ValidationError, match="already looked after"):
        start(county, carers, on=date(2026, 7, 1))


def test_a_legal_status_change_is_an_l_episode_in_the_same_placement(county, carers):
    start(county, carers)
    episode = care_change(
        by=county.social_worker, person=county.allocated_child, on=date(2026, 7, 1), legal_status="C2"
    )
    assert (episode.reason_new, episode.placement.started_on) == ("L", date(2026, 6, 1))
    first = Episode.objects.get(reason_new="S")
    assert (first.ended_on, first.reason_ceased) == (date(2026, 7, 1), "X1")


def test_a_move_ends_the_placement_with_its_reason_and_starts_the_next(county, carers):
    start(county, carers)
    episode = care_change(by=county.social_worker, person=county.allocated_child, on=date(2026, 8, 3),
                          legal_status="C2", placement=NewPlacement("U6", carers["ifa"]), change_reason="CREQB")  # fmt: skip
    assert episode.reason_new == "B"  # new carer and new legal status
    old, new = Placement.objects.order_by("started_on")
    assert (old.ended_on, old.change_reason) == (date(2026, 8, 3), "CREQB")
    assert (new.category, new.in_area, new.urn) == ("ifa", False, "SC123456")
    assert PeriodOfCare.objects.get().next_visit_due_on == date(2026, 8, 10)


def test_a_move_without_a_reason_is_refused_and_nothing_is_saved(county, carers):
    start(county, carers)
    with pytest.raises(ValidationError) as error:
        care_change(by=county.social_worker, person=county.allocated_child, on=date(2026, 8, 3),
                    placement=NewPlacement("U6", carers["ifa"]))  # fmt: skip
    assert error.value.message_dict == {"change_reason": ["Select why the placement changed"]}
    assert Episode.objects.count() == 1 and Placement.objects.get().ended_on is None


def test_a_change_on_or_before_the_current_episode_started_is_refused(county, carers):
    start(county, carers)
    with pytest.raises(ValidationError, match="must be after the current episode started"):
        care_change(
            by=county.social_worker, person=county.allocated_child, on=date(2026, 6, 1), legal_status="C2"
        )


def test_nothing_changed_is_refused(county, carers):
    start(county, carers)
    with pytest.raises(ValidationError, match="Nothing has changed"):
        care_change(
            by=county.social_worker, person=county.allocated_child, on=date(2026, 7, 1), legal_status="V2"
        )


def test_supported_accommodation_for_an_11_year_old_is_refused(county, carers):
    supported = provider(county.authority, kind=ProviderKind.SUPPORTED, name="Step On", min_age=16)
    with pytest.raises(ValidationError) as error:
        care_start(by=county.social_worker, person=county.allocated_child, started_on=date(2026, 6, 1),
                   legal_status="V2", category_of_need="N1", placement=NewPlacement("K3", supported))  # fmt: skip
    assert error.value.message_dict["placement_type"] == [
        "Supported accommodation (16 and over) is only for young people aged 16 or over; this child is 11"
    ]
    assert not PeriodOfCare.objects.exists()


def test_the_provider_must_fit_the_placement_type(county, carers):
    with pytest.raises(ValidationError) as error:
        care_start(by=county.social_worker, person=county.allocated_child, started_on=date(2026, 6, 1),
                   legal_status="V2", category_of_need="N1", placement=NewPlacement("K2", carers["foster"]))  # fmt: skip
    assert "is not a placement of this type" in error.value.message_dict["provider"][0]


def test_leaving_care_through_special_guardianship_achieves_the_plan(county, carers):
    start(county, carers)
    care_change(by=county.social_worker, person=county.allocated_child, on=date(2026, 7, 1),
                placement=NewPlacement("U3", carers["aunt"]), change_reason="CARPL")  # fmt: skip
    permanence_plan_agree(
        by=county.social_worker, person=county.allocated_child, kind="sgo", agreed_on=date(2026, 7, 2)
    )
    period = care_end(
        by=county.social_worker, person=county.allocated_child, on=date(2026, 10, 1), reason="E45"
    )
    assert (period.ended_on, period.reason_ceased, period.next_review_due_on) == (
        date(2026, 10, 1),
        "E45",
        None,
    )
    assert not CareReview.objects.filter(held_on__isnull=True).exists()
    assert Placement.objects.filter(ended_on__isnull=True).count() == 0
    assert PermanencePlan.objects.get().achieved is True


def test_special_guardianship_to_former_foster_carers_needs_them_to_be_the_carers(county, carers):
    start(county, carers)
    with pytest.raises(ValidationError, match="relatives or friends needs the child"):
        care_end(by=county.social_worker, person=county.allocated_child, on=date(2026, 10, 1), reason="E45")
    assert PeriodOfCare.objects.get().ended_on is None


def test_a_new_period_cannot_overlap_the_last(county, carers):
    start(county, carers)
    care_end(by=county.social_worker, person=county.allocated_child, on=date(2026, 7, 1), reason="E4A")
    with pytest.raises(ValidationError, match="Periods of care cannot overlap"):
        start(county, carers, on=date(2026, 6, 15))


def test_costs_come_from_the_rate_in_force_with_history(county, carers):
    start(county, carers)
    foster = carers["foster"]
    provider_rate_set(
        by=county.team_manager, provider=foster, weekly=Decimal("400.00"), starts_on=date(2026, 7, 1)
    )
    assert rate_on(foster, date(2026, 6, 30)) == Decimal("363.27")
    assert rate_on(foster, date(2026, 7, 1)) == Decimal("400.00")
    placement = Placement.objects.get()
    # 30 days in June at 363.27 a week and 31 days in July at 400 a week, to 1 August
    assert placement_cost(placement, date(2026, 8, 1)) == (
        Decimal("363.27") * 30 / 7 + Decimal(400) * 31 / 7
    ).quantize(Decimal("0.01"))
    with pytest.raises(ValidationError, match="must start after the current one"):
        provider_rate_set(
            by=county.team_manager, provider=foster, weekly=Decimal(1), starts_on=date(2026, 7, 1)
        )
