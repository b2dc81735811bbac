from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from hearth.care.episodes import NewPlacement, care_start
from hearth.care.missing import (
    hosted_record,
    interview_in_time,
    interview_record,
    missing_record,
    missing_return,
)
from hearth.care.models import MissingEpisode
from hearth.care.tests.factories import provider
from hearth.casework.models import Meeting

LONDON = ZoneInfo("Europe/London")


def at(day, hour=20):
    return datetime(2026, 1, 1, hour, tzinfo=LONDON) + timedelta(days=day)


def missing(county, day, kind="M", person=None):
    return missing_record(by=county.social_worker, person=person or county.allocated_child, kind=kind,
                          started_at=at(day), ended_at=at(day, 23))  # fmt: skip


def test_the_third_missing_episode_in_90_days_calls_an_intervention_meeting(county):
    assert [missing(county, d).escalation for d in (0, 30)] == [0, 0]
    third = missing(county, 60)
    assert third.escalation == 3
    meeting = Meeting.objects.get(kind="missing")
    assert (third.intervention, meeting.reason) == (meeting, "3 missing episodes in 90 days")


def test_episodes_more_than_90_days_apart_do_not_add_up(county):
    # day 0 is more than 90 days before day 95; days 50, 95 and 139 fall within 90 days
    assert [missing(county, d).escalation for d in (0, 50, 95, 139)] == [0, 0, 0, 3]


def test_3_5_and_9_each_escalate_once_in_90_days(county):
    levels = [missing(county, d).escalation for d in range(0, 90, 9)]  # 10 episodes in 90 days
    assert levels == [0, 0, 3, 0, 5, 0, 0, 0, 9, 0]
    assert Meeting.objects.filter(kind="missing").count() == 3


def test_absences_are_recorded_but_do_not_escalate(county):
    assert [missing(county, d, kind="A").escalation for d in (0, 10, 20, 30)] == [0, 0, 0, 0]
    assert not Meeting.objects.exists()


def test_an_overlapping_episode_is_refused(county):
    missing_record(by=county.social_worker, person=county.allocated_child, kind="M", started_at=at(0))
    with pytest.raises(ValidationError, match="already has a missing episode"):
        missing(county, 1)


def test_coming_back_before_going_missing_is_refused(county):
    with pytest.raises(ValidationError) as error:
        missing_record(by=county.social_worker, person=county.allocated_child, kind="M", started_at=at(5),
                       ended_at=at(4))  # fmt: skip
    assert error.value.message_dict == {"ended": ["The child cannot come back before they went missing"]}
    assert not MissingEpisode.objects.exists()


def test_the_return_interview_is_offered_within_72_hours(county):
    episode = missing_record(
        by=county.social_worker, person=county.allocated_child, kind="M", started_at=at(0)
    )
    with pytest.raises(ValidationError, match="Record when the child came back"):
        interview_record(by=county.social_worker, episode=episode, offered_at=at(1), outcome="accepted",
                         held_on=date(2026, 1, 3))  # fmt: skip
    missing_return(by=county.social_worker, episode=episode, ended_at=at(1, 8))
    episode = interview_record(by=county.social_worker, episode=episode, offered_at=at(3, 9), outcome="accepted",
                               held_on=date(2026, 1, 6))  # fmt: skip
    assert interview_in_time(episode) is True  # 73 hours later would not be
    late = missing(county, 20)
    interview_record(by=county.social_worker, episode=late, offered_at=at(24), outcome="declined")
    late.refresh_from_db()
    assert interview_in_time(late) is False


def test_who_is_responsible_is_recorded_with_each_episode(county):
    hosted_child, home_child = county.unallocated_child, county.allocated_child
    hosted_record(by=county.social_worker, person=hosted_child, home_authority="Stoke-on-Trent",
                  home_authority_code="861", started_on=date(2025, 12, 1))  # fmt: skip
    assert (missing(county, 0, person=hosted_child).responsible, missing(county, 0).responsible) == (
        "hosted",
        "home",
    )
    assert MissingEpisode.objects.get(person=hosted_child).home_authority == "Stoke-on-Trent"
    care_start(by=county.social_worker, person=home_child, started_on=date(2026, 1, 10), legal_status="V2",
               category_of_need="N1", placement=NewPlacement("U6", provider(county.authority)))  # fmt: skip
    assert missing(county, 20).responsible == "ours"
