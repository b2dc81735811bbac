from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hearth.accounts.roles import Role
from hearth.care.episodes import NewPlacement, care_change, care_start
from hearth.care.models import CareReview, PeriodOfCare
from hearth.care.records import care_review_record, care_visit_record, health_check_record
from hearth.care.tests.factories import provider
from hearth.care.timescales import review_due, visit_due
from hearth.core.tests.factories import UserFactory


@pytest.fixture
def looked_after(county):
    carer = provider(county.authority)
    care_start(by=county.social_worker, person=county.allocated_child, started_on=date(2026, 3, 2), legal_status="C2",
               category_of_need="N1", placement=NewPlacement("U6", carer))  # fmt: skip
    return county.allocated_child


@pytest.fixture
def iro(county):
    return UserFactory(team=county.central, username="iro", role=Role.IRO, practitioner_kind="")


def test_reviews_are_due_at_20_working_days_then_3_months_then_6_months():
    assert review_due(period_start=date(2026, 3, 2), number=1) == date(2026, 3, 30)
    assert review_due(period_start=date(2026, 12, 14), number=1) == date(
        2027, 1, 14
    )  # Christmas, Boxing Day (moved to Monday) and New Year skipped
    assert review_due(period_start=date(2026, 3, 2), number=2, previous_held_on=date(2026, 3, 27)) == date(
        2026, 6, 27
    )
    assert review_due(period_start=date(2026, 3, 2), number=3, previous_held_on=date(2026, 6, 20)) == date(
        2026, 12, 20
    )


def test_the_iro_records_a_review_and_the_next_falls_due(looked_after, iro):
    review = care_review_record(by=iro, person=looked_after, held_on=date(2026, 3, 27), participation="PN1")
    assert (review.number, review.chair) == (1, iro)
    second = CareReview.objects.get(number=2)
    assert second.due_on == date(2026, 6, 27)
    care_review_record(by=iro, person=looked_after, held_on=date(2026, 6, 20), participation="PN5")
    assert CareReview.objects.get(number=3).due_on == date(2026, 12, 20)
    assert PeriodOfCare.objects.get().next_review_due_on == date(2026, 12, 20)


def test_only_an_iro_records_a_review(looked_after, county):
    with pytest.raises(PermissionDenied):
        care_review_record(
            by=county.social_worker, person=looked_after, held_on=date(2026, 3, 27), participation="PN1"
        )


def test_pn0_is_only_for_children_under_4(looked_after, iro):
    with pytest.raises(ValidationError, match="PN0 is for children under 4"):
        care_review_record(by=iro, person=looked_after, held_on=date(2026, 3, 27), participation="PN0")


def test_a_review_before_care_started_is_refused(looked_after, iro):
    with pytest.raises(ValidationError, match="on or after the child started to be looked after"):
        care_review_record(by=iro, person=looked_after, held_on=date(2026, 2, 27), participation="PN1")


def test_visits_are_due_a_week_after_a_move_then_6_weekly_then_3_monthly(looked_after, county):
    assert visit_due(placement_start=date(2026, 3, 2), last_visit_on=None) == date(2026, 3, 9)
    assert visit_due(placement_start=date(2025, 3, 2), last_visit_on=date(2025, 9, 1)) == date(2025, 10, 13)
    assert visit_due(placement_start=date(2025, 3, 2), last_visit_on=date(2026, 4, 1)) == date(2026, 7, 1)
    care_visit_record(
        by=county.social_worker, person=looked_after, visited_on=date(2026, 3, 6), seen_alone=True
    )
    assert PeriodOfCare.objects.get().next_visit_due_on == date(2026, 4, 17)
    care_change(by=county.social_worker, person=looked_after, on=date(2026, 5, 1),
                placement=NewPlacement("U6", provider(county.authority)), change_reason="CARPL")  # fmt: skip
    assert PeriodOfCare.objects.get().next_visit_due_on == date(2026, 5, 8)


def test_sdq_scores_run_from_0_to_40(looked_after, county):
    with pytest.raises(ValidationError, match="from 0 to 40"):
        health_check_record(by=county.social_worker, person=looked_after, kind="sdq", done_on=date(2026, 4, 1),
                            sdq_score=41)  # fmt: skip
    check = health_check_record(by=county.social_worker, person=looked_after, kind="sdq", done_on=date(2026, 4, 1),
                                sdq_score=14)  # fmt: skip
    assert check.sdq_score == 14
