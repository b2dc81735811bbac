"""The foundation as a person uses it: signing in and out, the timeout, refusals, the directory.

Given/when/then in the test names; axe checks every page (see conftest.py).
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from hearth.core.tests.factories import PASSWORD


def test_a_social_worker_signs_in_sees_their_work_and_the_directory_and_signs_out(visit, county):
    page = visit.sign_in("sw", PASSWORD)
    expect(page.get_by_role("heading", name="My work")).to_be_visible()
    expect(page.get_by_role("link", name="Ava Allocated")).to_be_visible()

    page.get_by_role("link", name="Staff directory").click()
    visit.axe()
    expect(page.get_by_role("heading", name="Staff directory")).to_be_visible()
    page.get_by_label("Name or job title").fill("okoro")
    page.get_by_role("button", name="Apply filters").click()
    visit.axe("after filtering")
    expect(page.get_by_role("cell", name=re.compile("Sam Okoro"))).to_be_visible()

    page.get_by_role("link", name="My work").click()
    page.get_by_role("link", name="Ava Allocated").click()
    visit.axe()
    expect(page.get_by_role("heading", name="Ava Allocated", exact=True)).to_be_visible()

    page.get_by_role("button", name="Sign out").first.click()
    visit.axe("after signing out")
    expect(page.get_by_text("You have signed out.")).to_be_visible()
    visit.goto("/")
    expect(page.get_by_role("heading", name="Sign in to Hearth")).to_be_visible()


def test_a_wrong_password_is_refused_with_an_error_summary(visit, county):
    page = visit.sign_in("sw", "not-my-password")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Enter a correct username and password")
    expect(page).to_have_title(re.compile("^Error: Sign in"))


def test_blank_sign_in_says_what_to_enter_and_links_to_the_fields(visit, county):
    page = visit.sign_in("", "")
    page.get_by_role("link", name="Enter your username").click()
    expect(page.get_by_label("Username")).to_be_focused()


def test_a_role_that_may_not_see_a_page_gets_a_403_page(visit, county):
    page = visit.sign_in("sw", PASSWORD)
    response = page.goto(visit.base_url + "/audit/")
    visit.axe()
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", name="You do not have access to this page")).to_be_visible()


def test_a_worker_from_another_district_is_refused_a_record(visit, county):
    page = visit.sign_in("ew", PASSWORD)
    response = page.goto(visit.base_url + f"/people/{county.allocated_child.pk}/")
    visit.axe()
    assert response is not None and response.status == 403
    expect(page.get_by_text("Ava")).to_have_count(0)


def test_an_administrator_sees_the_audit_log_filtered_by_person(visit, county):
    page = visit.sign_in("admin", PASSWORD)
    page.get_by_role("link", name="Audit log", exact=True).click()
    visit.axe()
    page.get_by_label("Person’s Hearth ID").fill("abc")
    page.get_by_role("button", name="Apply filters").click()
    visit.axe("with an error")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the person’s Hearth ID as a number")


def test_the_timeout_warning_lets_a_user_stay_signed_in_and_then_signs_them_out(visit, county, settings):
    settings.HEARTH_IDLE_TIMEOUT = 8
    settings.HEARTH_TIMEOUT_WARNING = 5
    page = visit.sign_in("sw", PASSWORD)
    dialog = page.get_by_role("dialog", name="You’re about to be signed out")
    expect(dialog).to_be_visible(timeout=6000)
    visit.axe("with the timeout warning open")
    dialog.get_by_role("button", name="Stay signed in").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("heading", name="My work")).to_be_visible()

    # Left alone, the warning comes back and the countdown signs the user out.
    expect(dialog).to_be_visible(timeout=6000)
    expect(page.get_by_role("heading", name="Sign in to Hearth")).to_be_visible(timeout=10000)
    visit.axe("after the timeout")
    expect(page.get_by_text("You were signed out because you did not use Hearth")).to_be_visible()


def test_the_information_pages_and_404_work_without_signing_in(visit, db):
    page = visit.goto("/accessibility/")
    expect(page.get_by_role("heading", name="Accessibility statement for Hearth")).to_be_visible()
    page.get_by_role("link", name="Privacy notice").click()
    visit.axe()
    expect(page.get_by_role("heading", name="Privacy notice")).to_be_visible()
    visit.goto("/no-such-page/")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
