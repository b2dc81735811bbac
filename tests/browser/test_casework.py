"""An assessment from "my work" to the manager's approval (the first part of issue 4)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from hearth.casework.services import referral_open
from hearth.core.tests.factories import PASSWORD


def test_a_social_worker_completes_an_assessment_and_the_manager_approves_it(visit, county):
    referral_open(by=county.front_door_officer, person=county.allocated_child,
                  referred_on=timezone.localdate() - timedelta(days=3), source="2A")  # fmt: skip
    page = visit.sign_in("sw", PASSWORD)
    expect(page.get_by_role("heading", name="Assessments to finish")).to_be_visible()
    page.get_by_role("table", name="1 assessments, soonest due first").get_by_role(
        "link", name="Ava Allocated"
    ).click()
    visit.axe()
    seen = timezone.localdate() - timedelta(days=1)
    group = page.get_by_role("group", name="Date the child was seen")
    group.get_by_label("Day").fill(str(seen.day))
    group.get_by_label("Month").fill(str(seen.month))
    group.get_by_label("Year").fill(str(seen.year))
    page.get_by_label("The child was seen alone").check()
    page.get_by_label("Neglect", exact=True).check()
    page.get_by_label("What happens next").select_option("cin")
    page.get_by_label("Analysis and summary").fill(
        "Routines have slipped; a child in need plan will support the family."
    )
    page.get_by_role("button", name="Save and send to my manager").click()
    visit.axe("submitted")
    expect(page.get_by_text("The assessment is with your manager for approval")).to_be_visible()
    page.get_by_role("button", name="Sign out").first.click()
    visit.axe()

    page = visit.sign_in("tm", PASSWORD)
    page.get_by_role("table", name="1 waiting for you").get_by_role("link", name="Ava Allocated").click()
    visit.axe()
    page.get_by_role("button", name="Approve").click()
    visit.axe("approved")
    expect(page.get_by_text("Assessment approved")).to_be_visible()
    visit.goto(f"/people/{county.allocated_child.pk}/chronology/")
    expect(page.get_by_text("Assessment completed: Child in need plan", exact=True)).to_be_visible()


def test_a_strategy_discussion_leads_to_a_conference_and_a_plan_with_its_dates(visit, county):
    page = visit.sign_in("sw", PASSWORD)
    visit.goto(f"/people/{county.allocated_child.pk}/")
    page.get_by_role("link", name="Record a strategy discussion").click()
    visit.axe()
    held = timezone.localdate() - timedelta(days=14)
    group = page.get_by_role("group", name="Date of the strategy discussion")
    group.get_by_label("Day").fill(str(held.day))
    group.get_by_label("Month").fill(str(held.month))
    group.get_by_label("Year").fill(str(held.year))
    page.get_by_role("group", name="Was a section 47 enquiry started?").get_by_label("Yes").check()
    page.get_by_label("Who took part").fill("Police, health, children's social care")
    page.get_by_role("button", name="Save").click()
    visit.axe("strategy recorded")
    expect(page.get_by_text("Initial child protection conference due")).to_be_visible()

    page.get_by_role("link", name="Record the conference").click()
    visit.axe()
    conference_day = timezone.localdate() - timedelta(days=2)
    group = page.get_by_role("group", name="Date of the conference")
    group.get_by_label("Day").fill(str(conference_day.day))
    group.get_by_label("Month").fill(str(conference_day.month))
    group.get_by_label("Year").fill(str(conference_day.year))
    page.get_by_role("group", name="Does the child need a child protection plan?").get_by_label("Yes").check()
    page.get_by_label("Category of abuse (for a new plan)").select_option("NEG")
    page.get_by_role("button", name="Record the conference").click()
    visit.axe("plan started")
    expect(page.get_by_text("On a child protection plan since")).to_be_visible()
    expect(page.get_by_text("Review child protection conference due")).to_be_visible()
    page.get_by_role("link", name="My work").click()
    visit.axe()
    expect(page.get_by_role("heading", name="Conferences due")).to_be_visible()


def test_a_team_manager_sees_caseloads_and_reallocates_a_child(visit, county):
    page = visit.sign_in("tm", PASSWORD)
    page.get_by_role("link", name="My team").click()
    visit.axe()
    expect(page.get_by_role("table", name="Caseloads and work due")).to_be_visible()
    page.get_by_role("link", name="Sam Okoro").click()
    visit.axe()
    page.get_by_label("Child to move").select_option(label="Ava Allocated (Allocated worker)")
    page.get_by_label("Move to").select_option(index=1)
    page.get_by_role("button", name="Reallocate").click()
    visit.axe("reallocated")
    expect(page.get_by_text("Ava Allocated is now allocated to")).to_be_visible()


def test_an_analyst_sees_caseloads_and_timeliness_by_district(visit, county):
    page = visit.sign_in("analyst", PASSWORD)
    page.get_by_role("link", name="Districts").click()
    visit.axe()
    expect(page.get_by_role("table", name="Districts")).to_be_visible()
