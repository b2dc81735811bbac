from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.casework.dashboard import team_dashboard
from hearth.casework.models import Assessment, Involvement, ProtectionPlan
from hearth.casework.services import referral_open
from hearth.core.tests.factories import AllocationFactory, PersonFactory
from hearth.core.tests.queries import assert_queries_do_not_grow
from hearth.people.models import Allocation
from hearth.people.services import allocation_reallocate


def test_the_dashboard_weights_child_protection_and_counts_due_work(county):
    child = county.allocated_child  # allocated to the social worker
    Involvement.objects.create(
        authority=county.authority, person=child, kind="child_protection", started_on=date(2026, 1, 5)
    )
    ProtectionPlan.objects.create(authority=county.authority, person=child, category="NEG", started_on=date(2026, 1, 5),
                                  core_group_due_on=date(2026, 1, 19), next_review_due_on=date(2026, 4, 5),
                                  next_visit_due_on=date.today() - timedelta(days=1))  # fmt: skip
    referral_open(by=county.front_door_officer, person=county.moved_child, referred_on=date.today() - timedelta(days=90),
                  source="6")  # fmt: skip
    rows = {r.worker.username: r for r in team_dashboard(user=county.team_manager)}
    sam = rows["sw"]
    assert (sam.children, sam.weighted) == (2, 2.5)  # one child on a plan (1.5), one in need (1.0)
    assert (sam.visits_overdue, sam.assessments, sam.assessments_overdue) == (1, 1, 1)
    assert "tm" not in rows and set(rows) == {"sw", "colleague"}


def test_the_dashboard_counts_overdue_meetings_and_actions(county):
    from hearth.casework.meetings import action_add, meeting_create, meeting_record

    child, sam = county.allocated_child, county.social_worker
    meeting_create(by=sam, person=child, kind="core_group", due_on=date.today() - timedelta(days=2))
    meeting_create(by=sam, person=child, kind="cin_review", due_on=date.today() + timedelta(days=20))
    held = meeting_create(by=sam, person=child, kind="marac")
    meeting_record(by=sam, meeting=held, held_on=date.today(), attended=set(), decisions="Safety plan")
    action_add(by=sam, meeting=held, description="Call the IDVA", owner=sam, due_on=date.today())
    late = action_add(by=sam, meeting=held, description="Refer to housing", owner=sam, due_on=date.today())
    type(late).objects.filter(pk=late.pk).update(due_on=date.today() - timedelta(days=1))
    row = {r.worker.username: r for r in team_dashboard(user=county.team_manager)}["sw"]
    assert (row.meetings_overdue, row.actions_overdue) == (1, 1)


def test_only_team_managers_have_a_dashboard(client, county):
    assert team_dashboard(user=county.social_worker) == []
    client.force_login(county.social_worker)
    assert client.get(reverse("casework:team")).status_code == 403


def test_the_dashboard_query_count_does_not_grow_with_children(client, county):
    client.force_login(county.team_manager)

    def more():
        for _ in range(15):
            AllocationFactory(person=PersonFactory(district=county.aldermoor), worker=county.colleague)

    assert_queries_do_not_grow(lambda: client.get(reverse("casework:team")), more)


def test_reallocation_ends_one_allocation_and_starts_another(county):
    allocation = Allocation.objects.get(person=county.allocated_child)
    moved = allocation_reallocate(by=county.team_manager, allocation=allocation, to=county.colleague)
    allocation.refresh_from_db()
    assert allocation.ended_on == date.today() and moved.worker == county.colleague and moved.ended_on is None
    with pytest.raises(ValidationError):
        allocation_reallocate(by=county.team_manager, allocation=allocation, to=county.colleague)


def test_reallocating_through_the_page(client, county):
    allocation = Allocation.objects.get(person=county.allocated_child)
    client.force_login(county.team_manager)
    url = reverse("casework:reallocate", kwargs={"worker_id": county.social_worker.pk})
    assert "Select a child" in client.post(url, {"allocation": "", "to": ""}).content.decode()
    assert client.post(url, {"allocation": allocation.pk, "to": county.colleague.pk}).status_code == 302
    assert (
        Allocation.objects.get(person=county.allocated_child, ended_on__isnull=True).worker
        == county.colleague
    )
    other = reverse("casework:reallocate", kwargs={"worker_id": county.other_district_worker.pk})
    assert client.get(other).status_code == 404  # not in the manager's team
    assert Assessment.objects.count() == 0


def test_the_district_overview_counts_caseloads_and_timeliness(client, county):
    from hearth.casework.dashboard import districts_overview

    referral_open(by=county.front_door_officer, person=county.allocated_child, referred_on=date.today() - timedelta(days=100),
                  source="6")  # fmt: skip
    Assessment.objects.update(
        status="approved", completed_on=date.today() - timedelta(days=1)
    )  # after its due date
    rows = {r.name: r for r in districts_overview(user=county.analyst)}
    aldermoor = rows["Aldermoor"]
    assert aldermoor.children == 1  # Ava (Mo is allocated too but lives in Eastwold)
    assert (aldermoor.completed_year, aldermoor.in_time_percent) == (1, 0)
    assert districts_overview(user=county.social_worker) == []
    client.force_login(county.analyst)
    page = client.get(reverse("casework:districts")).content.decode()
    assert "Caseloads and timeliness by district" in page and "Aldermoor" in page
    client.force_login(county.social_worker)
    assert client.get(reverse("casework:districts")).status_code == 403


def test_the_district_overview_query_count_does_not_grow(client, county):
    client.force_login(county.analyst)

    def more():
        for _ in range(10):
            AllocationFactory(
                person=PersonFactory(district=county.eastwold), worker=county.other_district_worker
            )

    assert_queries_do_not_grow(lambda: client.get(reverse("casework:districts")), more)
