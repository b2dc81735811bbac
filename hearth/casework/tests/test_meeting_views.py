"""The pages for plans, meetings, family group conferences, tools and panels: they work, show errors
beside the fields, and refuse a worker from another district."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from hearth.accounts.roles import Role
from hearth.casework.fgc import fgc_request
from hearth.casework.meetings import meeting_create
from hearth.casework.models import Meeting, MeetingKind, Plan, PlanStatus
from hearth.casework.plans import plan_start
from hearth.casework.services import involvement_open
from hearth.core.tests.factories import UserFactory


@pytest.fixture
def plan(county):
    involvement_open(by=county.social_worker, person=county.allocated_child, kind="social_care",
                     started_on=date(2026, 6, 1))  # fmt: skip
    return plan_start(
        by=county.social_worker, person=county.allocated_child, kind="cin", started_on=date(2026, 6, 15)
    )


def test_the_person_page_lists_casework_and_starts_a_plan(client, county):
    child = county.allocated_child
    involvement_open(by=county.social_worker, person=child, kind="early_help", started_on=date(2026, 6, 1))
    client.force_login(county.social_worker)
    page = client.get(reverse("people:detail", args=[child.pk])).content.decode()
    assert "since 1 June 2026" in page and "Request a family group conference" in page
    url = reverse("people:details", args=[child.pk, "start-plan"])
    response = client.post(
        url, {"kind": "cin", "started_on_0": "15", "started_on_1": "6", "started_on_2": "2026"}
    )
    assert "needs an open children’s social care involvement" in response.content.decode()
    response = client.post(
        url, {"kind": "family", "started_on_0": "15", "started_on_1": "6", "started_on_2": "2026"}
    )
    assert response.url == reverse("casework:plan", args=[Plan.objects.get().pk])


def test_the_plan_page_saves_submits_and_the_manager_agrees(client, county, plan):
    url = reverse("casework:plan", args=[plan.pk])
    client.force_login(county.social_worker)
    client.post(url, {"form": "action", "action-description": "Meet the school", "action-owner": county.social_worker.pk,
                      "action-due_on_0": "1", "action-due_on_1": "7", "action-due_on_2": "2026"})  # fmt: skip
    form = {"form": "plan", "plan-version": plan.version, "plan-needs": "Needs", "plan-outcomes": "Outcomes"}
    assert client.post(url, form).status_code == 302
    stale = client.post(url, {**form, "plan-needs": "Overwritten?"}).content.decode()
    assert "Someone saved this plan while you were working on it" in stale
    assert Plan.objects.get().needs == "Needs"
    assert client.post(url, {**form, "plan-version": plan.version + 1, "submit": "yes"}).status_code == 302
    client.force_login(county.team_manager)
    assert "Plans to agree" in client.get(reverse("core:home")).content.decode()
    client.post(url, {"form": "decide", "decide-comment": "", "decision": "approve"})
    assert Plan.objects.get().status == PlanStatus.AGREED


def test_a_worker_from_another_district_is_refused(client, county, plan):
    meeting = meeting_create(by=county.social_worker, person=county.allocated_child, kind=MeetingKind.MARAC)
    fgc = fgc_request(by=county.social_worker, person=county.allocated_child, reason="Family support")
    client.force_login(county.other_district_worker)
    for url in (reverse("casework:plan", args=[plan.pk]), reverse("casework:meeting", args=[meeting.pk]),
                reverse("casework:fgc", args=[fgc.pk]), reverse("casework:tools", args=[county.allocated_child.pk]),
                reverse("casework:tool-new", args=[county.allocated_child.pk, "dash"])):  # fmt: skip
        assert client.get(url).status_code in (403, 404), url
    assert county.allocated_child.full_name not in client.get(reverse("casework:panels")).content.decode()


def test_the_meeting_page_arranges_invites_and_shows_errors_beside_fields(client, county):
    meeting = meeting_create(by=county.social_worker, person=county.allocated_child, kind=MeetingKind.MARAC,
                             reason="DASH: high risk")  # fmt: skip
    url = reverse("casework:meeting", args=[meeting.pk])
    client.force_login(county.social_worker)
    bad = {"form": "arrange", "arrange-on_0": "1", "arrange-on_1": "12", "arrange-on_2": "2026",
           "arrange-starts": "14:00", "arrange-ends": "9am", "arrange-location": "Police station"}  # fmt: skip
    page = client.post(url, bad).content.decode()
    assert "Enter the time as hours and minutes" in page and "There is a problem" in page
    assert Meeting.objects.get().starts_at is None
    client.post(url, {**bad, "arrange-ends": "15:30"})
    client.post(url, {"form": "attendee", "attendee-name": "PC Shaw", "attendee-role": "Police"})
    invitation = client.get(reverse("casework:invitation", args=[meeting.pk])).content.decode()
    assert "2pm" in invitation and "3:30pm" in invitation and "PC Shaw (Police)" in invitation
    assert county.allocated_child.full_name in client.get(reverse("casework:panels")).content.decode()


def test_the_tool_page_is_built_from_the_definition_and_scores(client, county):
    client.force_login(county.social_worker)
    url = reverse("casework:tool-new", args=[county.allocated_child.pk, "neglect"])
    page = client.get(url).content.decode()
    assert "Physical care" in page and "Nutrition" in page
    assert "Answer this question" in client.post(url, {"physical_1": "3"}).content.decode()
    from hearth.casework.tools.engine import definition

    spec = definition("neglect").spec
    answers = {item["id"]: "2" for area in spec["areas"] for item in area["items"]}
    response = client.post(url, answers)
    assert "Highest area grade 2" in client.get(response.url).content.decode()


def test_a_head_of_service_sees_district_figures_and_records_but_changes_nothing(client, county):
    head = UserFactory(team=county.central, username="hos", role=Role.HEAD_OF_SERVICE, practitioner_kind="")
    client.force_login(head)
    assert client.get(reverse("casework:districts")).status_code == 200
    assert client.get(reverse("people:detail", args=[county.eastwold_child.pk])).status_code == 200
    assert (
        client.get(reverse("people:details", args=[county.allocated_child.pk, "start-plan"])).status_code
        == 403
    )
