"""The front door as its officers and manager use it (issue 3's "done when")."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from hearth.core.tests.factories import PASSWORD, PersonFactory
from hearth.people.relationships import RelationshipType
from hearth.people.services import household_create, match_index_refresh, relationship_add


@pytest.fixture
def smiths(county):
    jayden = PersonFactory(district=county.aldermoor, given_name="Jayden", family_name="Smith",
                           date_of_birth=date(2016, 3, 4), sex="M")  # fmt: skip
    mum = PersonFactory(district=county.aldermoor, kind="adult", given_name="Kerry", family_name="Smith",
                        date_of_birth=date(1990, 6, 1), sex="F")  # fmt: skip
    for person in (jayden, mum):
        match_index_refresh(person)
    relationship_add(by=county.front_door_officer, person=mum, other=jayden, type=RelationshipType.PARENT)
    household = household_create(
        by=county.front_door_officer, name="Smith household, 4 Kiln Way", members=[mum, jayden]
    )
    return jayden, household


def test_a_contact_about_a_misspelt_child_is_linked_triaged_referred_and_signed_off(visit, county, smiths):
    jayden, household = smiths
    page = visit.sign_in("fd", PASSWORD)
    page.get_by_role("link", name="Front door").click()
    visit.axe()
    page.get_by_role("button", name="Record a contact").click()
    visit.axe("step 1")

    page.get_by_label("First name").fill("Jaden")
    page.get_by_label("Last name").fill("Smtih")
    dob = page.get_by_role("group", name="Date of birth")
    dob.get_by_label("Day").fill("4")
    dob.get_by_label("Month").fill("3")
    dob.get_by_label("Year").fill("2016")
    page.get_by_role("button", name="Search").click()
    visit.axe("search results")
    expect(page.get_by_role("heading", name="Jayden Smith")).to_be_visible()
    expect(page.get_by_text("Family name spelt nearly the same: Smtih and Smith")).to_be_visible()
    page.get_by_role("button", name=re.compile("Link as the child.*Jayden Smith")).click()
    visit.axe("linked")
    expect(page.get_by_text("Jayden Smith is linked to this contact")).to_be_visible()
    page.get_by_role("link", name="Continue").click()
    visit.axe("step 2")

    page.get_by_label("Where did the contact come from?").select_option("2A")
    page.get_by_label("Name of the person who got in touch").fill("Ms Patel")
    page.get_by_label("Their relationship to the child (optional)").fill("Class teacher")
    page.get_by_role("button", name="Continue").click()
    visit.axe("step 3")
    page.get_by_role("textbox").fill("Jayden has a bruise on his arm and says dad was angry.")
    page.get_by_role("button", name="Continue").click()
    visit.axe("step 4")
    page.get_by_label("Not asked, because asking could put a child at risk").check()
    page.get_by_role("button", name="Continue").click()
    visit.axe("check answers")
    expect(page.get_by_role("heading", name="Check the contact before you send it")).to_be_visible()
    page.get_by_role("button", name="Send to the front door queue").click()
    visit.axe("contact page")
    expect(page.get_by_text("The contact is in the front door queue")).to_be_visible()

    page.get_by_label("Red: a child may be at risk of significant harm now").check()
    page.get_by_label("Level 4: child protection or specialist").check()
    page.get_by_label("Referral to children’s social care").check()
    page.get_by_label("Reasons for the decision").fill("Injury with an account of anger at home.")
    page.get_by_role("button", name="Record the decision").click()
    visit.axe("decided")
    expect(page.get_by_text("Decision recorded")).to_be_visible()

    visit.goto(f"/people/{jayden.pk}/chronology/")
    expect(page.get_by_text("Referred to children’s social care", exact=True)).to_be_visible()
    visit.goto(f"/people/families/{household.pk}/chronology/")
    expect(page.get_by_text("Referred to children’s social care", exact=True)).to_be_visible()
    expect(page.get_by_text("Front door decision: Referral to children’s social care")).to_be_visible()
    page.get_by_role("button", name="Sign out").first.click()
    visit.axe("signed out")

    page = visit.sign_in("fdm", PASSWORD)
    page.get_by_role("link", name="Front door").click()
    visit.axe()
    page.get_by_role("link", name="1 decision waiting for your sign-off").click()
    visit.axe()
    page.get_by_role("link", name="Jayden Smith").click()
    visit.axe()
    page.get_by_label("Manager’s comment (optional)").fill("Agreed: strategy discussion to follow.")
    page.get_by_role("button", name="Sign off the decision").click()
    visit.axe("signed off")
    expect(page.get_by_text("Decision signed off")).to_be_visible()


def test_an_incomplete_contact_cannot_be_sent(visit, county):
    page = visit.sign_in("fd", PASSWORD)
    visit.goto("/front-door/")
    page.get_by_role("button", name="Record a contact").click()
    visit.axe()
    contact_id = page.url.rstrip("/").split("/")[-2]
    visit.goto(f"/front-door/contacts/{contact_id}/check/")
    page.get_by_role("button", name="Send to the front door queue").click()
    visit.axe("with errors")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Add the child the contact is about")
