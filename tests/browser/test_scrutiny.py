"""Scrutiny as democratic services use it: open the next meeting, add the Supporting Families (BRFC) and
complaints reports to its agenda, preview one, and download the agenda pack as a PDF. axe checks every page
(see conftest.py)."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from pathlib import Path

import pypdfium2 as pdfium
from django.utils import timezone
from playwright.sync_api import expect

from hearth.accounts.roles import Role
from hearth.core.reports import REPORTS
from hearth.core.tests.factories import PASSWORD, TeamFactory, UserFactory
from hearth.organisation.models import TeamKind
from hearth.scrutiny.models import Committee, CommitteeMeeting, CommitteeMember, MeetingStatus, MemberRole

COMMITTEE = "Children and Families Overview and Scrutiny Committee"


def _at(days: int) -> datetime:
    return timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=days), time(10)))


def _pdf_text(path: Path) -> tuple[int, str]:
    document = pdfium.PdfDocument(str(path))
    try:
        texts = []
        for page in document:
            text = page.get_textpage()
            texts.append(text.get_text_range())
            text.close()
            page.close()
        return len(texts), " ".join(" ".join(texts).split())
    finally:
        document.close()


def test_a_scrutiny_officer_adds_two_reports_to_the_next_meeting_and_downloads_the_agenda_pack(visit, county):
    # Given Brackenshire's scrutiny officer, and the committee with a meeting last month and two to come
    team = TeamFactory(
        district=county.aldermoor, name="Democratic services", kind=TeamKind.DEMOCRATIC_SERVICES
    )
    UserFactory(team=team, username="scrutiny", role=Role.SCRUTINY_OFFICER, practitioner_kind="")
    committee = Committee.objects.create(
        authority=county.authority, name=COMMITTEE, venue="Oak Room, County Buildings"
    )
    CommitteeMember.objects.create(authority=county.authority, committee=committee, name="Ann Beech",
                                   party="Conservative", role=MemberRole.CHAIR)  # fmt: skip
    for days, status in (
        (-30, MeetingStatus.HELD),
        (14, MeetingStatus.SCHEDULED),
        (63, MeetingStatus.SCHEDULED),
    ):
        CommitteeMeeting.objects.create(authority=county.authority, committee=committee, starts_at=_at(days),
                                        venue="Oak Room, County Buildings", status=status)  # fmt: skip
    brfc, complaints = REPORTS["brfc"].title, REPORTS["complaints"].title

    # When the officer opens Scrutiny from the navigation, then the committee
    page = visit.sign_in("scrutiny", PASSWORD)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Scrutiny").click()
    visit.axe("committees")
    page.get_by_role("link", name=COMMITTEE).click()
    visit.axe("the committee")
    expect(page.get_by_role("heading", name=COMMITTEE, exact=True)).to_be_visible()

    # and the next meeting, which the calendar lists first
    calendar = page.get_by_role("table", name="Meetings, the next one first")
    first = calendar.get_by_role("row").nth(1)
    expect(first).to_contain_text("Next meeting")
    first.get_by_role("link").click()
    visit.axe("the next meeting")
    expect(page.get_by_role("heading", name=re.compile("^Meeting on "))).to_be_visible()

    # and adds the BRFC report, with its figures as at today (the date offered)
    page.get_by_label("Report", exact=True).select_option(label=brfc)
    page.get_by_role("button", name="Add the report").click()
    visit.axe("BRFC added")
    expect(page.get_by_text("The report is added to the agenda")).to_be_visible()

    # a complaints report as at tomorrow is explained, and added once the date is put right
    tomorrow = timezone.localdate() + timedelta(days=1)
    page.get_by_label("Report", exact=True).select_option(label=complaints)
    page.get_by_label("Day").fill(str(tomorrow.day))
    page.get_by_label("Month").fill(str(tomorrow.month))
    page.get_by_label("Year").fill(str(tomorrow.year))
    page.get_by_role("button", name="Add the report").click()
    visit.axe("a date in the future")
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.get_by_role("alert")).to_contain_text(
        "The date the figures are as at must be today or in the past"
    )
    today = timezone.localdate()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_role("button", name="Add the report").click()
    visit.axe("complaints added")

    # Then both reports are on the agenda, in order
    agenda = page.get_by_role("table", name="Items in order")
    expect(agenda.get_by_role("row").nth(1)).to_contain_text(brfc)
    expect(agenda.get_by_role("row").nth(2)).to_contain_text(complaints)

    # and the BRFC report can be previewed as the pack will print it
    agenda.get_by_role("link", name=brfc).click()
    visit.axe("the BRFC preview")
    expect(page.get_by_role("heading", name=brfc, exact=True)).to_be_visible()
    expect(page.get_by_role("table").first).to_be_visible()
    page.get_by_role("link", name="Back to the agenda").click()
    visit.axe("back to the meeting")

    # and the agenda pack downloads as a PDF with both reports in it
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the agenda pack (PDF)").click()
    assert download.value.suggested_filename.endswith("-agenda-pack.pdf")
    path = Path(download.value.path())
    assert path.read_bytes().startswith(b"%PDF-")
    pages, text = _pdf_text(path)
    assert brfc in text and complaints in text and COMMITTEE in text
    assert f"Page 1 of {pages}" in text and pages >= 3


def test_a_scrutiny_officer_keeps_the_committee_s_members_calendar_and_work_programme(visit, county):
    # Given Brackenshire's scrutiny officer and a committee with no members yet
    team = TeamFactory(
        district=county.aldermoor, name="Democratic services", kind=TeamKind.DEMOCRATIC_SERVICES
    )
    UserFactory(team=team, username="scrutiny", role=Role.SCRUTINY_OFFICER, practitioner_kind="")
    page = visit.sign_in("scrutiny", PASSWORD)

    # When the officer adds the Corporate Parenting Panel from the Scrutiny page
    visit.goto("/scrutiny/")
    page.get_by_label("Name").fill("Corporate Parenting Panel")
    page.get_by_label("Where it usually meets (optional)").fill("Elm Room, County Buildings")
    page.get_by_role("button", name="Add the committee").click()
    visit.axe("committee added")
    page.get_by_role("link", name="Corporate Parenting Panel").click()
    visit.axe("the panel")

    # and adds a councillor without a party, which is explained, then with one
    page.get_by_text("Add a member").click()
    page.get_by_label("Name").fill("Ann Beech")
    page.get_by_label("Chair", exact=True).check()
    page.get_by_role("button", name="Add the member").click()
    visit.axe("a councillor with no party")
    expect(page.get_by_role("alert")).to_contain_text("Enter the councillor’s party, or Independent")
    page.get_by_label("Party").fill("Conservative")
    page.get_by_role("button", name="Add the member").click()
    visit.axe("member added")
    expect(page.get_by_role("cell", name="Councillor Ann Beech", exact=True)).to_be_visible()

    # and schedules a meeting in six weeks at the panel's usual venue
    day = timezone.localdate() + timedelta(weeks=6)
    page.get_by_text("Schedule a meeting").click()
    page.get_by_label("Day").first.fill(str(day.day))
    page.get_by_label("Month").first.fill(str(day.month))
    page.get_by_label("Year").first.fill(str(day.year))
    page.get_by_label("Start time").fill("14:00")
    page.get_by_role("button", name="Add to the calendar").click()
    visit.axe("meeting scheduled")
    calendar = page.get_by_role("table", name="Meetings, the next one first")
    expect(calendar).to_contain_text("Elm Room, County Buildings")
    expect(calendar).to_contain_text("Next meeting")

    # and puts the care leavers' offer on the work programme for that meeting, with its lead officer
    page.get_by_label("Item", exact=True).fill("Care leavers’ local offer")
    page.get_by_label("Meeting", exact=True).select_option(index=1)
    page.get_by_label("Lead officer (optional)").fill("Kate Bull, Head of Service")
    page.get_by_role("button", name="Add to the work programme").click()
    visit.axe("work programme item added")
    programme = page.get_by_role("table", name=re.compile("^Work programme"))
    expect(programme).to_contain_text("Lead officer: Kate Bull, Head of Service")

    # Then, once the panel has considered it, the outcome is recorded on the item's page
    programme.get_by_role("link", name="Care leavers’ local offer").click()
    visit.axe("the work programme item")
    page.get_by_label("Action or outcome").fill("Members agreed to champion the offer with employers.")
    page.get_by_role("button", name="Save the outcome").click()
    visit.axe("outcome saved")
    expect(page.get_by_text("The outcome is recorded")).to_be_visible()
