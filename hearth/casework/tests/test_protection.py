from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from hearth.casework.models import Conference, Involvement, ProtectionPlan
from hearth.casework.protection import conference_record, statutory_visit_record, strategy_discussion_record
from hearth.chronology.models import ChronologyEntry


def started(county, held_on=date(2026, 8, 21)):
    return strategy_discussion_record(by=county.social_worker, person=county.allocated_child, held_on=held_on,
                                      section_47=True, attendees="Police, health, children's social care")  # fmt: skip


def test_a_section_47_makes_the_initial_conference_due_15_working_days_later(county):
    started(county)
    conference = Conference.objects.get(person=county.allocated_child)
    assert (conference.kind, conference.due_on) == (
        "initial",
        date(2026, 9, 14),
    )  # the August bank holiday skipped


def test_no_section_47_makes_no_conference(county):
    strategy_discussion_record(by=county.social_worker, person=county.allocated_child, held_on=date(2026, 8, 21),
                               section_47=False, attendees="Police, health")  # fmt: skip
    assert not Conference.objects.exists()


def test_a_plan_starts_with_its_core_group_and_first_review_dates(county):
    started(county)
    conference = conference_record(by=county.social_worker, conference=Conference.objects.get(), held_on=date(2026, 9, 11),
                                   plan_needed=True, category="NEG")  # fmt: skip
    plan = ProtectionPlan.objects.get(person=county.allocated_child)
    assert (plan.started_on, plan.core_group_due_on, plan.next_review_due_on) == (
        date(2026, 9, 11),
        date(2026, 9, 25),
        date(2026, 12, 11),
    )
    assert Conference.objects.get(plan=plan, held_on__isnull=True).due_on == date(2026, 12, 11)
    assert Involvement.objects.filter(
        person=county.allocated_child, kind="child_protection", ended_on__isnull=True
    ).exists()
    assert conference.held_on == date(2026, 9, 11)


def test_a_conference_before_the_strategy_discussion_is_refused(county):
    started(county)
    with pytest.raises(ValidationError) as caught:
        conference_record(by=county.social_worker, conference=Conference.objects.get(), held_on=date(2026, 8, 20),
                          plan_needed=True, category="NEG")  # fmt: skip
    assert "on or after the strategy discussion" in caught.value.message_dict["held_on"][0]
    assert not ProtectionPlan.objects.exists()


def test_a_plan_needs_its_category_and_cannot_overlap_another(county):
    started(county)
    with pytest.raises(ValidationError) as caught:
        conference_record(by=county.social_worker, conference=Conference.objects.get(), held_on=date(2026, 9, 1),
                          plan_needed=True, category="")  # fmt: skip
    assert "category" in caught.value.message_dict
    conference_record(by=county.social_worker, conference=Conference.objects.get(), held_on=date(2026, 9, 1),
                      plan_needed=True, category="PHY")  # fmt: skip
    started(county, held_on=date(2026, 9, 20))
    second = Conference.objects.get(kind="initial", held_on__isnull=True)
    with pytest.raises(ValidationError, match="already has a child protection plan"):
        conference_record(by=county.social_worker, conference=second, held_on=date(2026, 10, 1), plan_needed=True,
                          category="EMO")  # fmt: skip


def test_a_review_continues_the_plan_every_6_months_then_ends_it_and_steps_down(county):
    started(county, held_on=date(2025, 8, 22))
    conference_record(by=county.social_worker, conference=Conference.objects.get(), held_on=date(2025, 9, 11),
                      plan_needed=True, category="NEG")  # fmt: skip
    plan = ProtectionPlan.objects.get()
    assert plan.next_review_due_on == date(2025, 12, 11)
    conference_record(by=county.social_worker, conference=Conference.objects.get(plan=plan, held_on__isnull=True),
                      held_on=date(2025, 12, 10), plan_needed=True)  # fmt: skip
    plan.refresh_from_db()
    assert plan.next_review_due_on == date(2026, 6, 10)
    conference_record(by=county.social_worker, conference=Conference.objects.get(plan=plan, held_on__isnull=True),
                      held_on=date(2026, 6, 9), plan_needed=False)  # fmt: skip
    plan.refresh_from_db()
    assert plan.ended_on == date(2026, 6, 9)
    assert not Involvement.objects.filter(
        person=county.allocated_child, kind="child_protection", ended_on__isnull=True
    ).exists()
    assert Involvement.objects.filter(
        person=county.allocated_child, kind="social_care", ended_on__isnull=True
    ).exists()
    titles = list(
        ChronologyEntry.objects.filter(person=county.allocated_child).values_list("title", flat=True)
    )
    assert any(t.startswith("Child protection plan started (Neglect)") for t in titles)
    assert (
        "Review conference: the child protection plan ended; the child steps down to child in need" in titles
    )


def on_a_plan(county, start=date(2026, 11, 2)):
    started(county, held_on=start - timedelta(days=14))
    conference_record(by=county.social_worker, conference=Conference.objects.get(), held_on=start, plan_needed=True,
                      category="EMO")  # fmt: skip
    return ProtectionPlan.objects.get()


def test_a_plan_makes_the_first_visit_due_10_working_days_after_it_starts(county):
    plan = on_a_plan(county)
    assert plan.next_visit_due_on == date(2026, 11, 16)


def test_a_visit_makes_the_next_due_10_working_days_later_and_goes_on_the_chronology(county):
    plan = on_a_plan(county)
    statutory_visit_record(by=county.social_worker, person=county.allocated_child, visited_on=date(2026, 11, 20),
                           child_seen=True, seen_alone=True)  # fmt: skip
    plan.refresh_from_db()
    assert plan.next_visit_due_on == date(2026, 12, 4)
    assert ChronologyEntry.objects.filter(title__startswith="Statutory visit, child seen alone").exists()


def test_impossible_visits_are_refused(county):
    with pytest.raises(ValidationError, match="child on a child protection plan"):
        statutory_visit_record(by=county.social_worker, person=county.allocated_child, visited_on=date(2026, 11, 20),
                               child_seen=True, seen_alone=False)  # fmt: skip
    on_a_plan(county)
    with pytest.raises(ValidationError) as caught:
        statutory_visit_record(by=county.social_worker, person=county.allocated_child, visited_on=date(2026, 10, 1),
                               child_seen=False, seen_alone=True)  # fmt: skip
    assert set(caught.value.message_dict) == {"visited_on", "seen_alone"}


def test_my_work_lists_visits_due(client, county):
    from django.urls import reverse

    on_a_plan(county)
    client.force_login(county.social_worker)
    page = client.get(reverse("core:home")).content.decode()
    assert "Statutory visits" in page and "Overdue: due 16 November 2026" in page
