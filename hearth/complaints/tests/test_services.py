from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.audit.models import AuditEvent
from hearth.complaints import services
from hearth.complaints.models import (
    Complaint,
    ComplaintChild,
    ComplaintStage,
    Compliment,
    LearningAction,
    OmbudsmanReferral,
)
from hearth.complaints.tests.conftest import record

pytestmark = pytest.mark.django_db


def messages_of(error: ValidationError) -> dict[str, list[str]]:
    return error.message_dict


def answer(by, complaint, on, outcome="not_upheld"):
    return services.complaint_stage_respond(by=by, complaint=complaint, responded_on=on, outcome=outcome)


def test_recording_a_complaint_starts_stage_1_due_in_10_working_days_and_audits_it(county, officers):
    complaint = record(officers.officer, received_on=date(2025, 12, 22), child=county.allocated_child)
    stage = complaint.stages.get()
    assert (stage.number, stage.started_on, stage.due_on, stage.first_due_on) == (
        1,
        date(2025, 12, 22),
        date(2026, 1, 8),
        date(2026, 1, 8),
    )
    complaint.refresh_from_db()
    assert (complaint.stage, complaint.due_on, complaint.closed_on, complaint.handled_by) == (
        1,
        date(2026, 1, 8),
        None,
        officers.officer,
    )
    assert ComplaintChild.objects.get(complaint=complaint).child == county.allocated_child
    event = AuditEvent.objects.get(object_id=str(complaint.pk), action="create")
    assert (
        event.person_id == county.allocated_child.pk
        and "stage 1: local resolution due 8 January 2026" in event.summary
    )


def test_a_complaint_with_nothing_filled_in_is_refused_field_by_field_and_nothing_is_saved(county, officers):
    with pytest.raises(ValidationError) as caught:
        services.complaint_record(by=officers.officer, kind="", received_on=None, how_received="", complainant_name=" ",
                                  complainant_is="", service="", subject="", summary="")  # fmt: skip
    errors = messages_of(caught.value)
    assert errors["kind"] == ["Select whether the complaint is statutory or corporate"]
    assert errors["received_on"] == ["Enter the date the complaint was received"]
    assert errors["complainant_name"] == ["Enter the complainant’s name"]
    assert set(errors) == {"kind", "received_on", "how_received", "complainant_name", "complainant_is", "service",
                           "subject", "summary"}  # fmt: skip
    assert not Complaint.objects.exists() and not ComplaintStage.objects.exists()


def test_a_complaint_cannot_be_received_in_the_future(county, officers):
    with pytest.raises(ValidationError, match="must be today or in the past"):
        record(officers.officer, received_on=timezone.localdate() + timedelta(days=1))


def test_a_team_or_child_of_another_council_is_refused(county, officers):
    with pytest.raises(ValidationError) as caught:
        record(officers.officer, team=county.other_team, child=county.other_child)
    assert set(messages_of(caught.value)) == {"team", "child"}
    assert not Complaint.objects.exists()


def test_stage_2_cannot_start_while_stage_1_is_open(county, officers):
    complaint = record(officers.officer)
    with pytest.raises(ValidationError) as caught:
        services.complaint_stage_start(by=officers.officer, complaint=complaint, started_on=date(2026, 1, 20))
    assert messages_of(caught.value)["started_on"] == [
        "Stage 1 is still open: record its response before starting stage 2"
    ]
    assert complaint.stages.count() == 1


def test_stage_2_cannot_start_before_the_stage_1_response(county, officers):
    complaint = record(officers.officer)
    answer(officers.officer, complaint, date(2026, 1, 15))
    with pytest.raises(ValidationError) as caught:
        services.complaint_stage_start(by=officers.officer, complaint=complaint, started_on=date(2026, 1, 14))
    assert messages_of(caught.value)["started_on"] == [
        "The date the request for stage 2 was received must be on or after the stage 1 response (15 January 2026)"
    ]
    stage = services.complaint_stage_start(
        by=officers.officer, complaint=complaint, started_on=date(2026, 1, 20)
    )
    complaint.refresh_from_db()
    assert (stage.number, complaint.stage, complaint.closed_on) == (2, 2, None)
    assert stage.due_on == date(2026, 2, 24)  # 25 working days


def test_stages_go_in_order_to_the_last_of_the_procedure_and_no_further(county, officers):
    corporate = record(officers.officer, kind="corporate")
    answer(officers.officer, corporate, date(2026, 1, 12))
    services.complaint_stage_start(by=officers.officer, complaint=corporate, started_on=date(2026, 1, 13))
    answer(officers.officer, corporate, date(2026, 2, 2))
    with pytest.raises(ValidationError, match="A corporate complaint has 2 stages: stage 2 was the last"):
        services.complaint_stage_start(by=officers.officer, complaint=corporate, started_on=date(2026, 2, 3))


def test_a_withdrawn_complaint_cannot_go_to_the_next_stage(county, officers):
    complaint = record(officers.officer)
    answer(officers.officer, complaint, date(2026, 1, 9), outcome="withdrawn")
    assert complaint.stages.get().in_time is None
    with pytest.raises(ValidationError, match="withdrawn at stage 1"):
        services.complaint_stage_start(by=officers.officer, complaint=complaint, started_on=date(2026, 1, 12))


def test_a_late_response_is_recorded_as_late_and_closes_the_complaint(county, officers):
    complaint = record(officers.officer, received_on=date(2025, 12, 22))
    stage = answer(officers.officer, complaint, date(2026, 1, 9))
    complaint.refresh_from_db()
    assert stage.in_time is False and complaint.closed_on == date(2026, 1, 9) and complaint.due_on is None


def test_an_extension_within_the_limit_moves_the_due_date_and_keeps_the_response_in_time(county, officers):
    complaint = record(officers.officer, received_on=date(2025, 12, 22))
    stage = services.complaint_stage_extend(by=officers.officer, complaint=complaint, new_due_on=date(2026, 1, 22),
                                            reason="Three workers to interview")  # fmt: skip
    complaint.refresh_from_db()
    assert (stage.due_on, stage.first_due_on, complaint.due_on) == (
        date(2026, 1, 22),
        date(2026, 1, 8),
        date(2026, 1, 22),
    )
    assert answer(officers.officer, complaint, date(2026, 1, 21)).in_time is True


def test_an_extension_beyond_the_legal_limit_is_refused_with_the_latest_date(county, officers):
    complaint = record(officers.officer, received_on=date(2025, 12, 22))
    with pytest.raises(ValidationError) as caught:
        services.complaint_stage_extend(
            by=officers.officer, complaint=complaint, new_due_on=date(2026, 1, 23), reason="Busy"
        )
    assert messages_of(caught.value)["new_due_on"] == [
        "Stage 1: local resolution can be extended to no more than 20 working days: the latest due date is 22 January 2026"
    ]
    with pytest.raises(ValidationError) as caught:
        services.complaint_stage_extend(
            by=officers.officer, complaint=complaint, new_due_on=date(2026, 1, 7), reason=""
        )
    assert set(messages_of(caught.value)) == {"new_due_on", "reason"}
    assert complaint.stages.get().due_on == date(2026, 1, 8)


def stage_3(by, received=date(2026, 1, 5)):
    complaint = record(by, received_on=received)
    answer(by, complaint, date(2026, 1, 12))
    services.complaint_stage_start(by=by, complaint=complaint, started_on=date(2026, 1, 13))
    answer(by, complaint, date(2026, 2, 10))
    services.complaint_stage_start(by=by, complaint=complaint, started_on=date(2026, 3, 2))
    return complaint


def test_a_review_panel_cannot_be_extended_and_its_response_needs_the_panel_first(county, officers):
    complaint = stage_3(officers.officer)
    with pytest.raises(ValidationError, match="Stage 3: review panel cannot be extended"):
        services.complaint_stage_extend(
            by=officers.officer, complaint=complaint, new_due_on=date(2026, 5, 1), reason="x"
        )
    with pytest.raises(ValidationError, match="Record when the review panel meets first"):
        answer(officers.officer, complaint, date(2026, 4, 1))


def test_stage_3_is_in_time_when_the_panel_its_findings_and_the_response_each_are(county, officers):
    complaint = stage_3(officers.officer)
    stage = services.complaint_panel_record(by=officers.officer, complaint=complaint, panel_on=date(2026, 3, 20),
                                            findings_on=None)  # fmt: skip
    assert stage.due_on == date(2026, 3, 27)  # findings due 5 working days after the panel
    stage = services.complaint_panel_record(by=officers.officer, complaint=complaint, panel_on=date(2026, 3, 20),
                                            findings_on=date(2026, 3, 26))  # fmt: skip
    complaint.refresh_from_db()
    assert stage.due_on == complaint.due_on == date(2026, 4, 20)
    assert answer(officers.officer, complaint, date(2026, 4, 20), outcome="partly_upheld").in_time is True


def test_panel_dates_before_the_request_or_findings_before_the_panel_are_refused(county, officers):
    complaint = stage_3(officers.officer)
    with pytest.raises(ValidationError, match="on or after the request for stage 3"):
        services.complaint_panel_record(
            by=officers.officer, complaint=complaint, panel_on=date(2026, 2, 27), findings_on=None
        )
    with pytest.raises(ValidationError, match="on or after the panel met"):
        services.complaint_panel_record(by=officers.officer, complaint=complaint, panel_on=date(2026, 3, 20),
                                        findings_on=date(2026, 3, 19))  # fmt: skip


def test_the_ombudsman_comes_after_the_councils_answer_once_and_decides_after_the_referral(county, officers):
    complaint = record(officers.officer)
    with pytest.raises(ValidationError, match="Stage 1 is still open"):
        services.ombudsman_refer(by=officers.officer, complaint=complaint, referred_on=date(2026, 1, 20))
    answer(officers.officer, complaint, date(2026, 1, 12))
    with pytest.raises(ValidationError, match="on or after the stage 1 response"):
        services.ombudsman_refer(by=officers.officer, complaint=complaint, referred_on=date(2026, 1, 9))
    services.ombudsman_refer(by=officers.officer, complaint=complaint, referred_on=date(2026, 2, 2))
    with pytest.raises(ValidationError, match="already gone to the Ombudsman"):
        services.ombudsman_refer(by=officers.officer, complaint=complaint, referred_on=date(2026, 2, 3))
    with pytest.raises(ValidationError, match="cannot start another stage"):
        services.complaint_stage_start(by=officers.officer, complaint=complaint, started_on=date(2026, 2, 3))
    with pytest.raises(ValidationError, match="on or after the complaint went to the Ombudsman"):
        services.ombudsman_decide(
            by=officers.officer, complaint=complaint, decision="upheld", decided_on=date(2026, 2, 1)
        )
    referral = services.ombudsman_decide(by=officers.officer, complaint=complaint, decision="premature",
                                         decided_on=date(2026, 3, 2))  # fmt: skip
    assert (referral.decision, OmbudsmanReferral.objects.count()) == ("premature", 1)
    with pytest.raises(ValidationError, match="decision was recorded on 2 March 2026"):
        services.ombudsman_decide(
            by=officers.officer, complaint=complaint, decision="upheld", decided_on=date(2026, 3, 3)
        )


def test_learning_actions_are_added_and_done_once(county, officers):
    complaint = record(officers.officer)
    with pytest.raises(ValidationError) as caught:
        services.learning_action_add(by=officers.officer, complaint=complaint, theme="", learning="", action="", owner="",
                                     due_on=None)  # fmt: skip
    assert set(messages_of(caught.value)) == {"theme", "learning", "action", "owner", "due_on"}
    action = services.learning_action_add(by=officers.officer, complaint=complaint, theme="communication",
                                          learning="Parents were not told who their worker was",
                                          action="Send a letter naming the worker", owner="Service manager, Aldermoor",
                                          due_on=date(2026, 12, 31))  # fmt: skip
    assert action.recorded_on == timezone.localdate()
    with pytest.raises(ValidationError, match="must be today or in the past"):
        services.learning_action_done(
            by=officers.officer, action=action, done_on=timezone.localdate() + timedelta(days=1)
        )
    services.learning_action_done(by=officers.officer, action=action, done_on=date(2026, 2, 1))
    with pytest.raises(ValidationError, match="already done on 1 February 2026"):
        services.learning_action_done(by=officers.officer, action=action, done_on=date(2026, 2, 2))
    assert LearningAction.objects.get().done_on == date(2026, 2, 1)


def test_a_compliment_is_recorded_and_bad_input_is_refused(county, officers):
    with pytest.raises(ValidationError) as caught:
        services.compliment_record(
            by=officers.officer, received_on=None, service="nope", from_who="", summary=""
        )
    assert set(messages_of(caught.value)) == {"received_on", "service", "from_who", "summary"}
    compliment = services.compliment_record(by=officers.officer, received_on=date(2026, 2, 3), service="care_leavers",
                                            from_who="child", summary="My adviser helped me find a flat")  # fmt: skip
    assert Compliment.objects.get() == compliment and compliment.authority_id == county.authority.pk
