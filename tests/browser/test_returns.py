"""The Returns page as a performance analyst uses it: choose a collection year, check the returns, see what
is wrong by rule, and go to a child's record to put it right. axe checks every page (see conftest.py)."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import expect

from hearth.casework.services import referral_open
from hearth.core.tests.factories import PASSWORD


def test_an_analyst_checks_the_returns_and_goes_to_a_childs_record_to_fix_it(visit, county):
    # Given a child referred in 2025/26 whose disability and ethnicity were never recorded
    child = county.allocated_child
    referral_open(by=county.front_door_officer, person=child, referred_on=date(2025, 9, 1), source="2A")

    # When the analyst opens Returns from the navigation
    page = visit.sign_in("analyst", PASSWORD)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Returns").click()
    visit.axe()
    expect(page.get_by_role("heading", name="Statutory returns", exact=True)).to_be_visible()

    # a year that is not a collection year is explained
    page.get_by_label("Collection year").fill("2019")
    page.get_by_role("button", name="Choose year").click()
    visit.axe("bad year")
    expect(page.get_by_role("alert")).to_contain_text("Enter a collection year from 2020 to")
    expect(page).to_have_title(re.compile("^Error: Statutory returns"))

    # and chooses 2025/26
    page.get_by_label("Collection year").fill("2025/26")
    page.get_by_role("button", name="Choose year").click()
    visit.axe("year chosen")
    expect(page.get_by_role("heading", name="Returns for 2025/26", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Download the children in need census for 2025/26")).to_be_visible()

    # Then the check counts the children by rule
    page.get_by_role("button", name="Check the returns").click()
    visit.axe("checked")
    counts = page.get_by_role("table", name=re.compile("^Problems by rule"))
    row = counts.get_by_role("row", name=re.compile("Disability not recorded"))
    expect(row).to_contain_text("8540")
    expect(row).to_contain_text("CIN census")
    expect(row.get_by_role("cell").last).to_have_text("1")
    expect(counts.get_by_role("row", name=re.compile("Ethnicity not yet obtained"))).to_be_visible()

    # and each child found links to their record, where it can be put right
    found = page.get_by_role("table", name="Children found by rule 8540")
    expect(found).to_contain_text("Disability")
    found.get_by_role("link", name="Ava Allocated").click()
    visit.axe("the child's record")
    expect(page.get_by_role("heading", name="Ava Allocated", exact=True)).to_be_visible()
