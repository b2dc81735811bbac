"""Adding a person as a front door officer would, with the duplicate check in the way of a second record."""

from __future__ import annotations

from playwright.sync_api import expect

from hearth.core.tests.factories import PASSWORD


def fill_child(page, given, family, day, month, year):
    page.get_by_label("First name").fill(given)
    page.get_by_label("Last name").fill(family)
    dob = page.get_by_role("group", name="Date of birth", exact=True)
    dob.get_by_label("Day").fill(day)
    dob.get_by_label("Month").fill(month)
    dob.get_by_label("Year").fill(year)


def test_a_front_door_officer_typing_a_misspelt_name_is_shown_the_existing_child(visit, county, jayden):
    page = visit.sign_in("fd", PASSWORD)
    page.get_by_role("link", name="People").click()
    visit.axe()
    page.get_by_role("link", name="Add a person").click()
    visit.axe()
    fill_child(page, "Jaden", "Smtih", "4", "3", "2016")
    page.get_by_role("button", name="Continue").click()
    visit.axe("duplicate check")
    expect(page.get_by_role("heading", name="Check whether Jaden Smtih is already on Hearth")).to_be_visible()
    expect(page.get_by_text("Family name spelt nearly the same: Smtih and Smith")).to_be_visible()
    page.get_by_role("link", name="Use this record").click()
    visit.axe()
    expect(page.get_by_role("heading", name="Jayden Smith", exact=True)).to_be_visible()


def test_bad_input_is_named_in_the_error_summary_and_links_to_the_field(visit, county):
    page = visit.sign_in("fd", PASSWORD)
    visit.goto("/people/add/")
    fill_child(page, "Amir", "Haddad", "31", "2", "2016")
    page.get_by_label("NHS number (optional)").fill("943 476 5918")
    page.get_by_role("button", name="Continue").click()
    visit.axe("with errors")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Date of birth must be a real date")
    expect(summary).to_contain_text("Enter a real NHS number")
    summary.get_by_role("link", name="Date of birth must be a real date, like 27 3 2015").click()
    expect(page.get_by_role("group", name="Date of birth", exact=True).get_by_label("Day")).to_be_focused()


def test_a_case_note_autosaves_as_a_draft_and_is_recorded_against_the_family(visit, county):
    from hearth.people.services import household_create

    household_create(by=county.front_door_officer, name="Allocated household",
                     members=[county.allocated_child, county.unallocated_child])  # fmt: skip
    page = visit.sign_in("sw", PASSWORD)
    visit.goto(f"/people/{county.allocated_child.pk}/")
    page.get_by_role("link", name="Write a case note").click()
    visit.axe()
    page.get_by_label("Una Unallocated").check()
    dob = page.get_by_role("group", name="Date it happened")
    dob.get_by_label("Day").fill("2")
    dob.get_by_label("Month").fill("11")
    dob.get_by_label("Year").fill("2026")
    page.get_by_label("Summary").fill("Home visit, both children seen")
    page.get_by_label("Note", exact=True).fill("Ava and Una showed me their room.")
    expect(page.get_by_text("Draft saved at")).to_be_visible(timeout=10_000)
    visit.axe("after autosave")
    page.get_by_role("button", name="Record the note").click()
    visit.axe("note")
    expect(page.get_by_role("heading", name="Home visit, both children seen")).to_be_visible()
    expect(page.get_by_role("link", name="Una Unallocated")).to_be_visible()
