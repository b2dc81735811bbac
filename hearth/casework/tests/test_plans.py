from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from hearth.casework.meetings import action_add, meeting_record
from hearth.casework.models import Meeting, MeetingKind, Plan, PlanStatus
from hearth.casework.plans import plan_decide, plan_end, plan_start, plan_submit, plan_update
from hearth.casework.services import involvement_open
from hearth.casework.steps import involvement_close
from hearth.chronology.models import ChronologyEntry


@pytest.fixture
def child_in_need(county):
    involvement_open(by=county.social_worker, person=county.allocated_child, kind="social_care",
                     started_on=date(2026, 6, 1))  # fmt: skip
    return county.allocated_child


def written(county, person, kind="cin", started_on=date(2026, 6, 15)):
    plan = plan_start(by=county.social_worker, person=person, kind=kind, started_on=started_on)
    plan = plan_update(by=county.social_worker, plan=plan, expected_version=plan.version,
                       needs="Ava misses school", outcomes="Ava attends every day")  # fmt: skip
    action_add(by=county.social_worker, plan=plan, description="Meet the school", owner=county.social_worker,
               due_on=date(2026, 7, 1))  # fmt: skip
    return plan


def test_a_plan_needs_an_open_involvement_of_its_kind(county, child_in_need):
    with pytest.raises(ValidationError, match="needs an open early help involvement"):
        plan_start(by=county.social_worker, person=child_in_need, kind="family", started_on=date(2026, 6, 15))
    assert not Plan.objects.exists()


def test_a_plan_cannot_start_before_its_involvement_or_in_the_future(county, child_in_need):
    with pytest.raises(ValidationError) as caught:
        plan_start(by=county.social_worker, person=child_in_need, kind="cin", started_on=date(2026, 5, 1))
    assert "on or after the involvement started (1 June 2026)" in caught.value.message_dict["started_on"][0]
    with pytest.raises(ValidationError, match="today or in the past"):
        plan_start(by=county.social_worker, person=child_in_need, kind="cin", started_on=date(2099, 1, 1))


def test_a_second_open_plan_of_the_same_kind_is_refused(county, child_in_need):
    written(county, child_in_need)
    with pytest.raises(ValidationError, match="already has a child in need plan"):
        plan_start(by=county.social_worker, person=child_in_need, kind="cin", started_on=date(2026, 7, 1))
    assert Plan.objects.count() == 1


def test_submitting_an_empty_plan_says_what_is_missing(county, child_in_need):
    plan = plan_start(by=county.social_worker, person=child_in_need, kind="cin", started_on=date(2026, 6, 15))
    with pytest.raises(ValidationError) as caught:
        plan_submit(by=county.social_worker, plan=plan)
    assert caught.value.messages == [
        "Before you submit, record the needs, what needs to change, at least one action (who will do what by when)"
    ]
    assert Plan.objects.get().status == PlanStatus.DRAFT


def test_a_manager_agrees_the_plan_and_its_first_review_falls_due_in_three_months(county, child_in_need):
    plan = plan_submit(by=county.social_worker, plan=written(county, child_in_need))
    with pytest.raises(ValidationError, match="Only a team manager"):
        plan_decide(by=county.social_worker, plan=plan, approve=True)
    with pytest.raises(ValidationError, match="Say what needs to change"):
        plan_decide(by=county.team_manager, plan=plan, approve=False, comment=" ")
    plan = plan_decide(by=county.team_manager, plan=plan, approve=True)
    assert (plan.status, plan.next_review_due_on) == (PlanStatus.AGREED, date(2026, 9, 15))
    review = Meeting.objects.get(plan=plan)
    assert (review.kind, review.due_on, review.held_on) == (MeetingKind.CIN_REVIEW, date(2026, 9, 15), None)
    titles = list(
        ChronologyEntry.objects.filter(person=child_in_need, kind="plan").values_list("title", flat=True)
    )
    assert "Child in need plan agreed by the manager; review due 15 September 2026" in titles


def test_a_returned_plan_goes_back_to_the_worker_with_comments(county, child_in_need):
    plan = plan_submit(by=county.social_worker, plan=written(county, child_in_need))
    plan = plan_decide(by=county.team_manager, plan=plan, approve=False, comment="Add the health visitor")
    assert (plan.status, plan.manager_comment, plan.next_review_due_on) == (
        PlanStatus.RETURNED, "Add the health visitor", None)  # fmt: skip
    plan_update(by=county.social_worker, plan=plan, expected_version=plan.version, needs="n", outcomes="o")


def test_two_people_editing_the_same_plan_the_second_is_told_and_nothing_is_overwritten(
    county, child_in_need
):
    plan = written(county, child_in_need)
    opened_by_both = plan.version
    plan_update(
        by=county.social_worker, plan=plan, expected_version=opened_by_both, needs="First", outcomes="A"
    )
    with pytest.raises(ValidationError, match="Someone saved this plan while you were working on it"):
        plan_update(
            by=county.colleague, plan=plan, expected_version=opened_by_both, needs="Second", outcomes="B"
        )
    assert Plan.objects.get().needs == "First"


def test_a_family_plan_is_reviewed_every_six_weeks_and_a_review_can_end_it(county):
    child = county.allocated_child
    involvement_open(by=county.social_worker, person=child, kind="early_help", started_on=date(2026, 6, 1))
    plan = plan_submit(by=county.social_worker, plan=written(county, child, kind="family"))
    plan = plan_decide(by=county.team_manager, plan=plan, approve=True)
    assert plan.next_review_due_on == date(2026, 7, 27)  # 15 June + 6 weeks
    review = Meeting.objects.get(plan=plan, held_on__isnull=True)
    with pytest.raises(ValidationError) as caught:
        meeting_record(by=county.social_worker, meeting=review, held_on=date(2026, 7, 20), attended=set(),
                       decisions="Going well")  # fmt: skip
    assert caught.value.message_dict["plan_continues"] == ["Select whether the plan continues"]
    meeting_record(by=county.social_worker, meeting=review, held_on=date(2026, 7, 20), attended=set(),
                   decisions="Going well", plan_continues=True)  # fmt: skip
    plan.refresh_from_db()
    assert plan.next_review_due_on == date(
        2026, 8, 28
    )  # 20 July + 6 weeks is the August bank holiday: the Friday before
    second = Meeting.objects.get(plan=plan, held_on__isnull=True)
    meeting_record(by=county.social_worker, meeting=second, held_on=date(2026, 8, 28), attended=set(),
                   decisions="Outcomes met", plan_continues=False)  # fmt: skip
    plan.refresh_from_db()
    assert (plan.status, plan.ended_on) == (PlanStatus.ENDED, date(2026, 8, 28))
    assert not Meeting.objects.filter(plan=plan, held_on__isnull=True).exists()


def test_a_plan_cannot_end_before_it_starts(county, child_in_need):
    plan = written(county, child_in_need)
    with pytest.raises(ValidationError) as caught:
        plan_end(by=county.social_worker, plan=plan, ended_on=date(2026, 6, 1), reason="Done")
    assert "cannot end before it starts (15 June 2026)" in caught.value.message_dict["ended_on"][0]
    assert Plan.objects.get().ended_on is None


def test_closing_the_involvement_ends_its_plan_and_an_ended_plan_cannot_change(county, child_in_need):
    plan = written(county, child_in_need)
    involvement_close(
        by=county.social_worker, involvement=plan.involvement, ended_on=date(2026, 10, 1), reason="RC1"
    )
    plan.refresh_from_db()
    assert (plan.status, plan.ended_on, plan.end_reason) == (PlanStatus.ENDED, date(2026, 10, 1),
                                                             "The involvement closed")  # fmt: skip
    with pytest.raises(ValidationError, match="cannot be changed"):
        plan_update(
            by=county.social_worker, plan=plan, expected_version=plan.version, needs="x", outcomes="y"
        )
    with pytest.raises(ValidationError, match="has ended"):
        action_add(by=county.social_worker, plan=plan, description="x", owner=county.social_worker,
                   due_on=date(2026, 10, 2))  # fmt: skip
