"""The demo county's plans, meetings, actions, tools and family group conferences: one small county, built
once for the module and rolled back after it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import pairwise

import pytest
from django.db import transaction
from django.db.models import Count, F, Max, Q
from django.utils import timezone
from pytest_django import DjangoDbBlocker

from hearth.accounts.models import User
from hearth.accounts.roles import Role
from hearth.casework.models import (
    Assessment,
    CaseAction,
    Conference,
    FamilyGroupConference,
    Involvement,
    Meeting,
    MeetingAttendee,
    MeetingKind,
    Plan,
    PlanStatus,
    ProtectionPlan,
    ToolResponse,
)
from hearth.casework.timescales import next_core_group_due
from hearth.casework.tools.engine import definition, score
from hearth.chronology.models import ChronologyEntry
from hearth.core.calendar import is_working_day
from hearth.people.models import Allocation
from hearth.synth.county import synth_county


@pytest.fixture(scope="module")
def county(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[date]:
    with django_db_blocker.unblock(), transaction.atomic():
        synth_county(seed=5, scale=0.05)
        yield date.today()
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def test_every_open_protection_plan_has_its_next_core_group_due_and_older_ones_a_held_first(county):
    plans = ProtectionPlan.objects.filter(ended_on__isnull=True)
    assert plans.exists()
    for plan in plans:
        meetings = Meeting.objects.filter(protection_plan=plan, kind=MeetingKind.CORE_GROUP).order_by(
            "due_on"
        )
        waiting = [m for m in meetings if m.held_on is None]
        held = [m for m in meetings if m.held_on is not None]
        assert len(waiting) == 1, plan.pk
        if plan.core_group_due_on < county - timedelta(days=30):
            assert held and held[0].due_on == plan.core_group_due_on
            assert waiting[0].due_on == next_core_group_due(held[-1].held_on)
        if not held:
            assert waiting[0].due_on == plan.core_group_due_on
    first = Meeting.objects.filter(kind=MeetingKind.CORE_GROUP, held_on__isnull=False).first()
    assert first is not None and first.attendees.filter(user__isnull=False).exists()
    assert first.attendees.filter(role="Mother").exists() and first.decisions


def test_no_child_has_two_open_plans_of_one_kind_and_each_belongs_to_an_open_involvement_of_its_kind(county):
    assert (
        not Plan.objects.filter(ended_on__isnull=True)
        .values("person", "kind")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    wrong = Plan.objects.exclude(
        Q(kind="cin", involvement__kind="social_care") | Q(kind="family", involvement__kind="early_help")
    )
    assert not wrong.exists()
    assert not Plan.objects.filter(started_on__lt=F("involvement__started_on")).exists()
    on_plans = ProtectionPlan.objects.filter(ended_on__isnull=True).values("person_id")
    assert not Plan.objects.filter(person__in=on_plans, kind="cin").exists()


def test_agreed_plans_have_their_next_review_due_and_past_reviews_held_after_the_plan_started(county):
    agreed = Plan.objects.filter(status=PlanStatus.AGREED)
    assert agreed.filter(kind="cin").exists() and agreed.filter(kind="family").exists()
    for plan in agreed:
        waiting = list(plan.meetings.filter(held_on__isnull=True))
        assert [m.due_on for m in waiting] == [plan.next_review_due_on], plan.pk
        assert plan.decided_by is not None and plan.decided_by.role == Role.TEAM_MANAGER
    assert not Meeting.objects.filter(plan__isnull=False, held_on__lt=F("plan__started_on")).exists()
    assert not Meeting.objects.filter(held_on__gte=county).exists()
    overdue = Meeting.objects.filter(held_on__isnull=True, due_on__lt=county, plan__isnull=False)
    assert 0 < overdue.count() < Meeting.objects.filter(held_on__isnull=True, plan__isnull=False).count() / 4


def test_nothing_has_happened_yet_that_is_still_to_come(county):
    now = timezone.now()
    assert not Plan.objects.filter(
        Q(decided_at__gt=now) | Q(submitted_at__gt=now) | Q(started_on__gt=county)
    ).exists()
    assert not Plan.objects.filter(decided_at__lt=F("submitted_at")).exists()
    assert not ToolResponse.objects.filter(completed_at__gt=now).exists()
    assert not ChronologyEntry.objects.filter(
        kind__in=["plan", "meeting", "tool"], occurred_at__gt=now
    ).exists()
    assert not Meeting.objects.filter(held_on__isnull=True, starts_at__lte=now).exists()
    assert not Meeting.objects.filter(invitations_sent_at__gt=now).exists()


def test_actions_fall_due_after_their_meeting_and_some_are_overdue(county):
    assert not CaseAction.objects.filter(due_on__lt=F("meeting__held_on")).exists()
    assert not CaseAction.objects.filter(done_on__gt=county).exists()
    assert not CaseAction.objects.filter(owner__isnull=True, owner_name="").exists()
    assert CaseAction.objects.filter(done_on__isnull=True, due_on__lt=county).exists()
    assert CaseAction.objects.filter(done_on__isnull=False).exists()


def test_every_child_open_to_early_help_has_a_key_worker_an_assessment_and_a_family_plan(county):
    open_early_help = set(
        Involvement.objects.filter(kind="early_help", ended_on__isnull=True).values_list(
            "person_id", flat=True
        )
    )
    assert open_early_help
    keyed = Allocation.objects.filter(role="Key worker", ended_on__isnull=True).values_list(
        "person_id", flat=True
    )
    assert open_early_help <= set(keyed)
    assert open_early_help <= set(
        ToolResponse.objects.filter(key="early_help").values_list("person_id", flat=True)
    )
    assert open_early_help <= set(Plan.objects.filter(kind="family").values_list("person_id", flat=True))


def test_tool_scores_are_what_the_engine_gives_for_their_answers(county):
    for response in ToolResponse.objects.all():
        result = score(definition(response.key, response.version), response.answers)
        assert (response.level, response.score, response.summary) == (
            result.level,
            result.score,
            result.summary,
        )
    assert ToolResponse.objects.filter(key="neglect").exists()


@pytest.mark.parametrize(
    ("key", "kind"), [("dash", MeetingKind.MARAC), ("exploitation", MeetingKind.EXPLOITATION)]
)
def test_every_high_risk_score_has_its_panel_meeting(county, key, kind):
    high = set(ToolResponse.objects.filter(key=key, level="high").values_list("person_id", flat=True))
    assert high
    assert high == set(Meeting.objects.filter(kind=kind).values_list("person_id", flat=True))
    held = Meeting.objects.filter(kind=kind, held_on__isnull=False)
    assert MeetingAttendee.objects.filter(meeting__in=held, role="Police").exists() or not held


def test_family_group_conferences_are_at_each_level_and_closed_ones_are_reviewed_or_declined(county):
    levels = Counter(FamilyGroupConference.objects.values_list("level", flat=True))
    assert set(levels) == {"Early help", "Child in need", "Child protection"}
    for fgc in FamilyGroupConference.objects.filter(closed_on__isnull=False):
        reviewed = fgc.meetings.filter(kind=MeetingKind.FGC_REVIEW, held_on__isnull=False).exists()
        assert reviewed == (fgc.outcome != "declined"), fgc.pk
        assert not fgc.meetings.filter(held_on__isnull=True).exists()
    assert FamilyGroupConference.objects.filter(closed_on__isnull=True, coordinator__isnull=False).exists()


def test_the_demo_social_worker_and_their_manager_have_work_to_show(county):
    worker = User.objects.get(username="sw.aldermoor")
    mine = Allocation.objects.filter(worker=worker, ended_on__isnull=True).values("person_id")
    soon = county + timedelta(days=14)
    assert Plan.objects.filter(person__in=mine, kind="cin", next_review_due_on__range=(county, soon)).exists()
    assert Meeting.objects.filter(person__in=mine, kind=MeetingKind.CORE_GROUP, held_on__isnull=True).exists()
    assert CaseAction.objects.filter(owner=worker, done_on__isnull=True, due_on__lt=county).exists()
    assert CaseAction.objects.filter(owner=worker, done_on__isnull=True, due_on__gte=county).exists()
    assert FamilyGroupConference.objects.filter(
        person__in=mine, closed_on__isnull=True, coordinator__isnull=False
    )
    waiting = Plan.objects.filter(
        created_by__team__name="Aldermoor Safeguarding 1", status=PlanStatus.SUBMITTED
    )
    assert 2 <= waiting.count() <= 3


def test_the_head_of_service_persona_is_there_with_their_role(county):
    hos = User.objects.get(username="hos")
    assert hos.role == Role.HEAD_OF_SERVICE and hos.job_title == "Head of service"


def test_records_made_after_the_build_get_new_ids(county):
    # The build numbers these rows itself; PostgreSQL's sequences must have been moved past them.
    plan = Plan.objects.select_related("person", "created_by").first()
    assert plan is not None
    person, by, today = plan.person, plan.created_by, county
    made = [
        Plan.objects.create(authority_id=person.authority_id, person=person, involvement_id=plan.involvement_id,
                            kind=plan.kind, started_on=today, ended_on=today, created_by=by),
        Meeting.objects.create(authority_id=person.authority_id, person=person, kind=MeetingKind.FGC),
        FamilyGroupConference.objects.create(authority_id=person.authority_id, person=person, requested_on=today,
                                             requested_by=by, level="Child in need", reason="To plan"),
        ToolResponse.objects.create(authority_id=person.authority_id, person=person, key="dash", version=1, title="",
                                    answers={}, level="below", summary="", completed_by=by, completed_at=timezone.now()),
    ]  # fmt: skip
    for record in made:
        assert record.pk > type(record).objects.exclude(pk=record.pk).aggregate(last=Max("pk"))["last"]


# The CIN census (hearth.returns.cin) reports each social care involvement as an episode of need with the
# assessments, plans and protection modules that fall in it; these are the DfE validator's rules on them.


def test_a_childs_social_care_episodes_never_overlap_only_the_latest_is_open_and_none_before_birth(county):
    episodes = Involvement.objects.filter(kind="social_care").select_related("person", "referral")
    by_child: dict[int, list[Involvement]] = {}
    for episode in episodes.order_by("person_id", "started_on", "pk"):
        by_child.setdefault(episode.person_id, []).append(episode)
        born = episode.person.date_of_birth
        assert born is None or episode.started_on >= born, episode.pk  # rule 8606
        assert episode.ended_on is None or episode.started_on <= episode.ended_on <= county, episode.pk
        if episode.referral is not None:
            assert episode.referral.referred_on == episode.started_on, episode.pk
    assert any(len(e) > 1 for e in by_child.values())  # some children are referred again after a closure
    for child, history in by_child.items():  # rules 8820, 8815, 8816
        for before, after in pairwise(history):
            assert before.ended_on is not None and before.ended_on < after.started_on, child
    assert not Allocation.objects.filter(started_on__lt=F("person__date_of_birth")).exists()


def test_a_closed_episodes_assessments_were_completed_by_its_closure(county):
    closed = Involvement.objects.filter(kind="social_care", ended_on__isnull=False)
    assert closed.exists() and set(closed.values_list("closure_reason", flat=True)) <= {"RC8", "RC9"}
    for episode in closed:  # rules 8565, 8867
        within = Assessment.objects.filter(
            person_id=episode.person_id, started_on__range=(episode.started_on, episode.ended_on)
        )
        assert within.exists(), episode.pk  # each closes after its assessment (8825Q)
        assert not within.filter(Q(completed_on__isnull=True) | Q(completed_on__gt=episode.ended_on)).exists()
    assert not Assessment.objects.filter(
        referral__isnull=False, started_on__lt=F("referral__referred_on")
    ).exists()
    assert not Assessment.objects.filter(completed_on__lt=F("started_on")).exists()


def test_a_child_has_one_assessment_in_progress_at_a_time(county):
    last: dict[int, Assessment] = {}
    for assessment in Assessment.objects.order_by("person_id", "started_on", "pk"):  # rules 8896, 8863Q
        before = last.get(assessment.person_id)
        assert before is None or (
            before.completed_on is not None and before.completed_on < assessment.started_on
        ), assessment.pk
        last[assessment.person_id] = assessment
    assert Assessment.objects.filter(completed_on__isnull=True).exists()


def test_every_protection_plan_starts_at_its_initial_conference_on_a_working_day_in_the_childs_episode(
    county,
):
    plans = ProtectionPlan.objects.select_related("person")
    assert plans.exists()
    for plan in plans:  # rules 2883, 2885, 8875, 8565
        initial = Conference.objects.select_related("strategy_discussion").get(
            person=plan.person, kind="initial"
        )
        discussion = initial.strategy_discussion
        assert discussion is not None and discussion.section_47, plan.pk
        assert initial.held_on == plan.started_on and is_working_day(plan.started_on), plan.pk
        assert plan.person.date_of_birth < discussion.held_on < plan.started_on, plan.pk
        episode = Involvement.objects.get(person=plan.person, kind="social_care", ended_on__isnull=True)
        assert episode.started_on <= discussion.held_on, plan.pk


def test_child_in_need_plans_start_in_their_open_episode_after_the_child_was_born(county):
    plans = Plan.objects.filter(kind="cin").select_related("involvement", "person")
    assert plans.exists()
    for plan in plans:
        assert plan.involvement.ended_on is None, plan.pk
        assert plan.person.date_of_birth <= plan.involvement.started_on <= plan.started_on, plan.pk
