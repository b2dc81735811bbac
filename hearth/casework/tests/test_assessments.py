from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from hearth.casework import assessments
from hearth.casework.models import Assessment, AssessmentStatus
from hearth.casework.services import referral_open
from hearth.casework.timescales import assessment_due
from hearth.chronology.models import ChronologyEntry


@pytest.fixture
def assessment(county):
    referral_open(by=county.front_door_officer, person=county.allocated_child,
                  referred_on=timezone.localdate() - timedelta(days=10), source="2A")  # fmt: skip
    return Assessment.objects.get(person=county.allocated_child)


def fill(county, a, **overrides):
    data = {"child_seen_on": a.started_on + timedelta(days=2), "child_seen_alone": True, "factors": ["16A", "3B"],
            "primary_need": "N1", "outcome": "cin", "summary": "Neglect of routines; domestic abuse between adults."}  # fmt: skip
    data.update(overrides)
    return assessments.assessment_update(
        by=county.social_worker, assessment=a, expected_version=a.version, **data
    )


def test_a_referral_starts_an_assessment_due_in_45_working_days_with_the_allocated_worker(county, assessment):
    assert assessment.due_on == assessment_due(assessment.started_on)
    assert assessment.worker == county.social_worker
    assert ChronologyEntry.objects.filter(
        person=county.allocated_child, title__startswith="Assessment started"
    ).exists()


def test_impossible_answers_are_refused_and_nothing_is_saved(county, assessment):
    with pytest.raises(ValidationError) as caught:
        fill(county, assessment, child_seen_on=assessment.started_on - timedelta(days=1), factors=["21", "16A", "99Z"],
             outcome="adopt")  # fmt: skip
    assert set(caught.value.message_dict) == {"child_seen_on", "factors", "outcome"}
    assessment.refresh_from_db()
    assert assessment.factors == [] and assessment.version == 1


def test_no_factors_must_be_the_only_factor(county, assessment):
    with pytest.raises(ValidationError, match="not both"):
        fill(county, assessment, factors=["21", "16A"])


def test_a_stale_form_is_refused_rather_than_overwriting(county, assessment):
    fill(county, assessment)
    with pytest.raises(ValidationError, match="Someone saved this assessment"):
        assessments.assessment_update(by=county.team_manager, assessment=assessment, expected_version=1,
                                      child_seen_on=None, child_seen_alone=False, factors=[], primary_need="",
                                      outcome="", summary="")  # fmt: skip
    assessment.refresh_from_db()
    assert assessment.factors == ["16A", "3B"]


def test_an_assessment_cannot_be_submitted_until_it_is_complete(county, assessment):
    with pytest.raises(ValidationError, match="record the date the child was seen"):
        assessments.assessment_submit(by=county.social_worker, assessment=assessment)


def test_a_manager_returns_with_comments_then_approves(county, assessment):
    submitted = assessments.assessment_submit(by=county.social_worker, assessment=fill(county, assessment))
    with pytest.raises(ValidationError):
        assessments.assessment_decide(by=county.social_worker, assessment=submitted, approve=True)
    with pytest.raises(ValidationError, match="Say what needs to change"):
        assessments.assessment_decide(by=county.team_manager, assessment=submitted, approve=False)
    returned = assessments.assessment_decide(by=county.team_manager, assessment=submitted, approve=False,
                                             comment="Add the father's view")  # fmt: skip
    assert returned.status == AssessmentStatus.RETURNED
    resubmitted = assessments.assessment_submit(by=county.social_worker, assessment=fill(county, returned))
    approved = assessments.assessment_decide(by=county.team_manager, assessment=resubmitted, approve=True)
    assert approved.status == AssessmentStatus.APPROVED and approved.completed_on == date.today()
    assert ChronologyEntry.objects.filter(
        person=county.allocated_child, title="Assessment completed: Child in need plan"
    ).exists()


def test_my_work_shows_an_overdue_assessment_and_the_managers_list(client, county, assessment):
    Assessment.objects.filter(pk=assessment.pk).update(due_on=date.today() - timedelta(days=1))
    client.force_login(county.social_worker)
    page = client.get(reverse("core:home")).content.decode()
    assert "Assessments to finish" in page and "Overdue: due" in page
    assessments.assessment_submit(
        by=county.social_worker, assessment=fill(county, Assessment.objects.get(pk=assessment.pk))
    )
    client.force_login(county.team_manager)
    assert "Assessments to approve" in client.get(reverse("core:home")).content.decode()


def test_the_assessment_page_saves_submits_and_is_refused_to_another_district(client, county, assessment):
    url = reverse("casework:assessment", kwargs={"assessment_id": assessment.pk})
    client.force_login(county.social_worker)
    data = {"version": assessment.version, "child_seen_on_0": "", "child_seen_on_1": "", "child_seen_on_2": "",
            "factors": ["16A"], "outcome": "cin", "summary": "Findings", "action": "submit"}  # fmt: skip
    page = client.post(url, data).content.decode()
    assert "Before you submit, record the date the child was seen" in page
    seen = assessment.started_on + timedelta(days=1)
    data.update(
        {
            "version": 2,
            "child_seen_on_0": seen.day,
            "child_seen_on_1": seen.month,
            "child_seen_on_2": seen.year,
        }
    )
    assert client.post(url, data).status_code == 302
    assert Assessment.objects.get(pk=assessment.pk).status == AssessmentStatus.SUBMITTED
    client.force_login(county.other_district_worker)
    assert client.get(url).status_code == 403
