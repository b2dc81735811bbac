"""The demo county's complaints and compliments: a small county (scale 0.1) built once for the module and
rolled back after it, made as on Wednesday 18 November 2026."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import pairwise
from types import SimpleNamespace
from unittest.mock import patch

import pytest
from django.db import transaction
from pytest_django import DjangoDbBlocker

from hearth.complaints import procedures
from hearth.complaints.models import (
    Complaint,
    ComplaintChild,
    ComplaintStage,
    Compliment,
    LearningAction,
    OmbudsmanReferral,
)
from hearth.complaints.report import complaints_section
from hearth.organisation.models import Authority
from hearth.people.models import Allocation
from hearth.synth.complaints import make_complaints
from hearth.synth.county import synth_county

TODAY = date(2026, 11, 18)
SCALE = 0.1


@pytest.fixture(scope="module")
def county(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[SimpleNamespace]:
    with django_db_blocker.unblock(), transaction.atomic():
        with patch("hearth.synth.county.make_complaints", return_value={}):  # made below, to be measured
            synth_county(seed=11, scale=SCALE, today=TODAY)
        authority = Authority.objects.get(dfe_code="999")
        made = make_complaints(seed=11, authority=authority, today=TODAY, scale=SCALE)
        yield SimpleNamespace(authority=authority, made=made)
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def complete_years():
    return [(date(y, 4, 1), date(y + 1, 3, 31)) for y in (2023, 2024, 2025)]


def test_each_year_has_about_the_seeds_volumes_times_the_scale(county):
    for start, end in complete_years():
        received = Counter(
            Complaint.objects.filter(received_on__range=(start, end)).values_list("kind", flat=True)
        )
        assert 112 * SCALE * 0.7 <= received["statutory"] <= 112 * SCALE * 1.3
        assert 121 * SCALE * 0.7 <= received["corporate"] <= 121 * SCALE * 1.3
        compliments = Compliment.objects.filter(received_on__range=(start, end)).count()
        assert 242 * SCALE * 0.8 <= compliments <= 242 * SCALE * 1.2
    assert (
        county.made["complaints"] == Complaint.objects.count()
        and county.made["compliments"] == Compliment.objects.count()
    )


def test_statutory_complaints_are_about_real_children_allocated_to_the_team_and_corporate_ones_name_none(
    county,
):
    links = ComplaintChild.objects.select_related("complaint", "child")
    statutory = Complaint.objects.filter(kind="statutory").count()
    assert statutory == county.made["statutory"] and links.count() >= 0.9 * statutory
    assert not links.filter(complaint__kind="corporate").exists()
    assert not links.filter(child__access_level="sealed").exists()
    for link in links:
        c = link.complaint
        assert link.child.authority_id == county.authority.pk and link.child.kind == "child"
        assert Allocation.objects.filter(person=link.child, team_id=c.team_id).exists()


def test_stages_go_in_order_with_one_open_at_most_and_the_dates_and_due_dates_the_procedures_give(county):
    by_complaint: dict[int, list[ComplaintStage]] = {}
    for stage in ComplaintStage.objects.order_by("complaint_id", "number"):
        by_complaint.setdefault(stage.complaint_id, []).append(stage)
    for complaint in Complaint.objects.all():
        stages = by_complaint[complaint.pk]
        assert [s.number for s in stages] == list(range(1, len(stages) + 1))
        assert stages[0].started_on == complaint.received_on < TODAY
        for before, after in pairwise(stages):
            assert before.responded_on is not None and before.responded_on <= after.started_on
        assert all(s.responded_on for s in stages[:-1])
        rule = procedures.stage_rule(complaint.kind, stages[-1].number)
        for s in stages:
            rule = procedures.stage_rule(complaint.kind, s.number)
            assert s.first_due_on == procedures.step_dues(rule, s.started_on, {})["response"]
            if s.extended_to:
                assert s.first_due_on < s.extended_to <= procedures.latest_extension(rule, s.started_on)
            if s.responded_on:
                assert s.responded_on < TODAY
                done = {"panel": s.panel_on, "findings": s.findings_on, "response": s.responded_on}
                expected = (
                    None
                    if s.outcome == "withdrawn"
                    else procedures.answered_in_time(rule, s.started_on, done, s.extended_to)
                )
                assert s.in_time == expected
        last = stages[-1]
        assert complaint.stage == last.number
        if last.responded_on:
            assert (complaint.closed_on, complaint.due_on) == (last.responded_on, None)
        else:
            assert complaint.closed_on is None and complaint.due_on == last.due_on


def test_about_61_percent_of_responses_are_in_time_and_some_complaints_go_further(county):
    answered = ComplaintStage.objects.exclude(outcome="withdrawn").filter(responded_on__isnull=False)
    share = answered.filter(in_time=True).count() / answered.count()
    assert 0.45 <= share <= 0.77
    assert ComplaintStage.objects.filter(number=2).exists()
    assert ComplaintStage.objects.filter(extended_to__isnull=False).exists()


def test_the_complaints_persona_has_open_complaints_due_this_week(county):
    friday = TODAY + timedelta(days=4 - TODAY.weekday())
    mine = Complaint.objects.filter(
        handled_by__username="complaints", closed_on__isnull=True, due_on__range=(TODAY, friday)
    )
    assert mine.count() >= 4
    assert mine.filter(stage=2).exists()


def test_learning_and_the_ombudsman_follow_their_complaints(county):
    for action in LearningAction.objects.select_related("complaint"):
        assert action.recorded_on >= action.complaint.received_on and action.recorded_on < TODAY
        assert action.done_on is None or action.recorded_on <= action.done_on < TODAY
    for referral in OmbudsmanReferral.objects.select_related("complaint"):
        assert (
            referral.complaint.closed_on is not None
            and referral.complaint.closed_on <= referral.referred_on < TODAY
        )
        assert referral.decided_on is None or referral.referred_on <= referral.decided_on < TODAY
    assert LearningAction.objects.exists()


def test_the_same_seed_and_day_give_the_same_complaints(county):
    first = list(
        Complaint.objects.order_by("pk").values_list("kind", "received_on", "service", "complainant_name")
    )
    with transaction.atomic():
        again = make_complaints(seed=11, authority=county.authority, today=TODAY, scale=SCALE)
        second = list(
            Complaint.objects.order_by("pk").values_list("kind", "received_on", "service", "complainant_name")
        )
        transaction.set_rollback(True)
    assert again == county.made and second[len(first) :] == first


def test_the_annual_report_reads_the_demo_complaints(county):
    section = complaints_section(authority_id=county.authority.pk, on=TODAY)
    total = section.table("in-time").rows[-1]
    assert total[0] == "All responses" and total[3] > 0 and 35 <= total[4] <= 85
