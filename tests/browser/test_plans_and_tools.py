"""A child in need plan written, sent and agreed; a DASH completed at high risk reaching the MARAC list; a
family group conference requested. Every page is checked with axe."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from hearth.casework.services import involvement_open
from hearth.casework.tools.engine import definition
from hearth.core.tests.factories import PASSWORD


def test_a_plan_is_written_sent_and_agreed(visit, county):
    today = timezone.localdate()
    child = county.allocated_child
    involvement_open(
        by=county.social_worker, person=child, kind="social_care", started_on=today - timedelta(days=30)
    )
    page = visit.sign_in("sw", PASSWORD)
    visit.goto(f"/people/{child.pk}/")
    page.get_by_role("link", name="Start a child in need plan or an early help family plan").click()
    visit.axe()
    page.get_by_label("Child in need plan").check()
    page.get_by_role("button", name="Save").click()
    visit.axe("refused without a date")
    expect(page.get_by_role("link", name="Enter the date the plan starts")).to_be_visible()
    group = page.get_by_role("group", name="Date the plan starts")
    group.get_by_label("Day").fill(str(today.day))
    group.get_by_label("Month").fill(str(today.month))
    group.get_by_label("Year").fill(str(today.year))
    page.get_by_role("button", name="Save").click()
    visit.axe("plan started")
    page.get_by_label("What needs to be done").fill("Weekly parenting sessions")
    page.get_by_label("Who will do it").select_option(label="Sam Okoro")
    group = page.get_by_role("group", name="Due by")
    due = today + timedelta(days=14)
    group.get_by_label("Day").fill(str(due.day))
    group.get_by_label("Month").fill(str(due.month))
    group.get_by_label("Year").fill(str(due.year))
    page.get_by_role("button", name="Add the action").click()
    visit.axe("action added")
    page.get_by_label("What we are worried about").fill("Ava is often late to school and hungry.")
    page.get_by_label("What needs to change").fill("Ava arrives on time, fed, every day.")
    page.get_by_role("button", name="Save and send to your manager").click()
    visit.axe("sent")
    expect(page.get_by_text("The plan is with your manager for approval")).to_be_visible()
    page.get_by_role("button", name="Sign out").first.click()
    visit.axe()

    page = visit.sign_in("tm", PASSWORD)
    page.get_by_role("table", name="1 waiting for you").get_by_role("link", name="Ava Allocated").click()
    visit.axe()
    page.get_by_role("button", name="Agree the plan").click()
    visit.axe("agreed")
    expect(page.get_by_text("Child in need review")).to_be_visible()


def test_a_high_risk_dash_reaches_the_marac_list_and_a_conference_is_requested(visit, county):
    child = county.allocated_child
    page = visit.sign_in("sw", PASSWORD)
    visit.goto(f"/people/{child.pk}/tools/")
    page.get_by_role("link", name="Complete the Domestic abuse risk checklist (DASH)").click()
    visit.axe()
    questions = definition("dash").spec["questions"]
    for n, question in enumerate(questions[:-1]):
        page.get_by_role("group", name=question["text"]).get_by_label(
            "Yes" if n < 15 else "No", exact=True
        ).check()
    page.get_by_role("button", name="Score and save").click()
    visit.axe("one question unanswered")
    expect(page.get_by_role("link", name="Answer this question")).to_be_visible()
    page.get_by_role("group", name=questions[-1]["text"]).get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Score and save").click()
    visit.axe("scored")
    expect(page.get_by_text("High risk: refer to MARAC (15 of 24 answered yes)")).to_be_visible()
    page.get_by_role("link", name="Panels").click()
    visit.axe()
    page.get_by_role("link", name="Ava Allocated").click()
    visit.axe()
    expect(page.get_by_role("heading", name="MARAC (domestic abuse risk conference)")).to_be_visible()

    visit.goto(f"/people/{child.pk}/change/request-fgc/")
    page.get_by_label("Why would a family group conference help?").fill(
        "Grandparents want to help keep Ava safe."
    )
    page.get_by_role("button", name="Save").click()
    visit.axe("requested")
    page.get_by_label("Coordinator").select_option(label="Sam Okoro")
    page.get_by_role("button", name="Allocate the coordinator").click()
    visit.axe("coordinator allocated")
    expect(page.get_by_text("The coordinator is allocated")).to_be_visible()
