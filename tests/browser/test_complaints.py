"""Complaints as the customer relations team uses them: record a statutory complaint about a child, see its
stage 1 due date in working days, record the response, find the overdue complaints, record a compliment, and
read the figures in the complaints annual report. axe checks every page (see conftest.py)."""

from __future__ import annotations

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from hearth.accounts.roles import Role
from hearth.complaints.figures import year_containing
from hearth.complaints.models import Complaint, Compliment
from hearth.complaints.services import complaint_record
from hearth.core.calendar import add_working_days, working_days_between
from hearth.core.jinja import govuk_date
from hearth.core.tests.factories import PASSWORD, TeamFactory, UserFactory
from hearth.organisation.models import TeamKind
from tests.browser.forms import fill_date


def _figure(page: Page, table_name: re.Pattern[str], row: str) -> str:
    """The value beside the row heading `row` in the report table named `table_name`."""
    table = page.get_by_role("table", name=table_name)
    found = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=row, exact=True))
    return found.get_by_role("cell").last.inner_text().strip()


def test_a_complaints_officer_records_and_answers_a_complaint_and_reads_the_annual_report(visit, county):
    # Given Brackenshire's complaints officer in the customer relations team
    relations = TeamFactory(district=county.aldermoor, name="Customer relations", kind=TeamKind.CUSTOMER_RELATIONS,
                            county_wide=True)  # fmt: skip
    officer = UserFactory(team=relations, username="cleo", first_name="Cleo", last_name="Park",
                          role=Role.COMPLAINTS_OFFICER, practitioner_kind="")  # fmt: skip
    # and a statutory complaint received eight weeks ago that nobody has answered, long past its due date
    today = timezone.localdate()
    overdue = complaint_record(
        by=officer, kind="statutory", received_on=today - timedelta(weeks=8), how_received="letter",
        complainant_name="Lee Waiting", complainant_is="parent", service="children_in_care",
        subject="communication", summary="Nobody has answered my letter.",
    )  # fmt: skip
    child = county.allocated_child

    # When the officer opens Complaints from the navigation
    page = visit.sign_in("cleo", PASSWORD)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Complaints").click()
    visit.axe("complaints")
    expect(page.get_by_role("heading", name="Complaints", exact=True)).to_be_visible()
    expect(page.get_by_text("1 open complaint, 1 overdue.")).to_be_visible()

    # and records a complaint without filling anything in, which is explained and saves nothing
    page.get_by_role("link", name="Record a complaint").click()
    visit.axe("record a complaint")
    page.get_by_role("button", name="Record the complaint").click()
    visit.axe("an empty complaint")
    expect(page).to_have_title(re.compile("^Error: Record a complaint"))
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    for message in (
        "Select whether the complaint is statutory or corporate",
        "Enter the date the complaint was received",
        "Select how the complaint was received",
        "Enter the complainant’s name",
        "Select who the complainant is",
        "Select the service the complaint is about",
        "Select what the complaint is mainly about",
        "Enter a summary of the complaint",
    ):
        expect(summary).to_contain_text(message)
    assert Complaint.objects.count() == 1

    # and then fills it in: a parent's statutory complaint about Ava, received by phone three days ago
    received = today - timedelta(days=3)
    page.get_by_role("group", name="Which procedure is it handled under?").get_by_label(
        "Statutory (children’s social care)"
    ).check()
    fill_date(page, "Date the complaint was received", received)
    page.get_by_role("group", name="How was it received?").get_by_label("Phone").check()
    page.get_by_label("Complainant’s name").fill("Pat Example")
    page.get_by_role("group", name="Who is the complainant?").get_by_label("A parent or carer").check()
    page.get_by_label("Hearth ID of the child the complaint is about (optional)").fill(str(child.pk))
    page.get_by_label("Service", exact=True).select_option(label="Safeguarding and targeted services")
    page.get_by_label("Team (optional)").select_option(label="Aldermoor Safeguarding 1")
    page.get_by_label("What is it mainly about?").select_option(label="Delay in providing a service")
    page.get_by_label("Summary of the complaint").fill("The assessment took months. Pat wants an apology.")
    page.get_by_role("button", name="Record the complaint").click()
    visit.axe("complaint recorded")

    # Then its record shows the child, and stage 1 due ten working days after it was received
    complaint = Complaint.objects.exclude(pk=overdue.pk).get()
    expect(page.get_by_text(f"Complaint {complaint.pk} is recorded")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile(rf"^Complaint {complaint.pk}\b"))).to_contain_text(
        "Open"
    )
    expect(page.get_by_role("link", name="Ava Allocated")).to_be_visible()
    expect(page.get_by_role("heading", name="Stage 1: local resolution", exact=True)).to_be_visible()
    due = add_working_days(received, 10)
    assert due.weekday() < 5 and due >= received + timedelta(days=14)  # ten working days span two weekends
    left = working_days_between(today, due)
    expect(
        page.get_by_text(f"{govuk_date(due)} (due in {left} working day{'' if left == 1 else 's'})")
    ).to_be_visible()

    # When the officer records a response dated before the complaint was received, with no outcome
    fill_date(page, "Date of the response", received - timedelta(days=1))
    page.get_by_role("button", name="Record the response").click()
    visit.axe("a response before the complaint")
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.get_by_role("alert")).to_contain_text(
        f"The date of the response must be on or after stage 1 started ({govuk_date(received)})"
    )
    expect(page.get_by_role("alert")).to_contain_text("Select the outcome")
    complaint.refresh_from_db()
    assert complaint.is_open

    # and then puts it right: answered today, partly upheld
    fill_date(page, "Date of the response", today)
    page.get_by_role("group", name="Outcome").get_by_label("Partly upheld").check()
    page.get_by_label("What the response said (optional)").fill("We apologised for the delay.")
    page.get_by_role("button", name="Record the response").click()
    visit.axe("response recorded")

    # Then the stage is answered in time and the complaint closes
    expect(page.get_by_text("The response is recorded")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile(rf"^Complaint {complaint.pk}\b"))).to_contain_text(
        "Closed"
    )
    expect(page.get_by_text(f"{govuk_date(today)}, in time", exact=True)).to_be_visible()
    expect(page.get_by_text("Partly upheld", exact=True)).to_be_visible()

    # When the officer goes back to the list and shows only the overdue complaints
    page.get_by_role("link", name="Complaints", exact=True).first.click()
    visit.axe("back to the list")
    page.get_by_label("Only overdue complaints").check()
    page.get_by_role("button", name="Apply filters").click()
    visit.axe("overdue complaints")

    # Then only the unanswered one is listed, with how late it is in working days
    listed = page.get_by_role("table", name="1 complaint")
    expect(listed.get_by_role("link", name=f"Complaint {overdue.pk}", exact=True)).to_be_visible()
    expect(listed.get_by_role("link", name=f"Complaint {complaint.pk}", exact=True)).to_have_count(0)
    late = working_days_between(overdue.due_on, today)
    expect(listed).to_contain_text(f"Overdue by {late} working days")

    # When the officer records a compliment from a parent about the care leavers' service
    page.get_by_role("link", name="Compliments", exact=True).click()
    visit.axe("compliments")
    page.get_by_role("link", name="Record a compliment").click()
    visit.axe("record a compliment")
    fill_date(page, "Date the compliment was received", today)
    page.get_by_label("Service", exact=True).select_option(label="Care leavers")
    page.get_by_role("group", name="Who is it from?").get_by_label("A parent or carer").check()
    page.get_by_label("What the compliment said").fill("The personal adviser never gave up on my son.")
    page.get_by_role("button", name="Record the compliment").click()
    visit.axe("compliment recorded")

    # Then it is listed with the compliments
    expect(page.get_by_text("The compliment is recorded")).to_be_visible()
    compliments = page.get_by_role("table", name="1 compliment")
    expect(compliments).to_contain_text("Care leavers")
    expect(compliments).to_contain_text("The personal adviser never gave up on my son.")
    assert Compliment.objects.count() == 1

    # When the officer opens the complaints annual report, as at today
    visit.goto("/reports/complaints/")
    expect(
        page.get_by_role("heading", name="Complaints and compliments annual report", exact=True)
    ).to_be_visible()

    # Then this year so far counts both complaints received this year, the compliment, and the one complaint
    # still open, which is past its due date (none of it is in the last complete year, unless today is
    # 31 March, when the report has no "year so far")
    so_far = re.compile("^This year so far")
    if (today.month, today.day) == (3, 31):  # the year just ended is the report's own year: nothing "so far"
        expect(page.get_by_role("table", name=so_far)).to_have_count(0)
        return
    start = year_containing(today).start
    received_this_year = sum(1 for day in (received, overdue.received_on) if day >= start)
    assert _figure(page, so_far, "Statutory complaints received") == str(received_this_year)
    assert _figure(page, so_far, "Compliments received") == "1"
    assert _figure(page, so_far, f"Complaints open on {govuk_date(today)}") == "1"
    assert _figure(page, so_far, "Of those, past their due date") == "1"


def test_a_social_worker_who_opens_complaints_gets_the_403_page(visit, county):
    # Given a social worker, who does not handle complaints
    page = visit.sign_in("sw", PASSWORD)
    expect(page.get_by_role("navigation", name="Menu").get_by_role("link", name="Complaints")).to_have_count(
        0
    )

    # When they open the complaints page by its address
    response = page.goto(visit.base_url + "/complaints/")
    visit.axe("refused")

    # Then they are refused
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", name="You do not have access to this page")).to_be_visible()
