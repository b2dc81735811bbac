from __future__ import annotations

from datetime import date, datetime
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from hearth.care.episodes import NewPlacement, care_change, care_start
from hearth.care.models import (
    AdoptionJourney,
    CareLeaver,
    LeaverContact,
    PeriodOfCare,
    ProspectiveAdopter,
    ProviderKind,
)
from hearth.care.tests.factories import provider
from hearth.casework.models import Conference
from hearth.casework.protection import conference_record, strategy_discussion_record
from hearth.casework.services import referral_open
from hearth.core.tests.factories import PersonFactory
from hearth.frontdoor.models import Contact, ContactStatus, ContactSubject
from hearth.returns.annex_a import COLUMNS, annex_a_lists, write_annex_a

ON = date(2026, 3, 31)  # the inspection; the six months run from 30 September 2025
LONDON = ZoneInfo("Europe/London")
DISABILITY = "Does the Child have a Disability"
ICPC_PLAN = "Did the Initial Child Protection Conference Result in a Child Protection Plan"
PROTECTED = "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)"


def pick(row, *headings):
    return [row[heading] for heading in headings]


def lists(county, on=ON):
    return annex_a_lists(authority=county.authority, on=on)


def contact(county, person, received_at, source="2A"):
    made = Contact.objects.create(authority=county.authority, received_at=received_at, source=source,
                                  status=ContactStatus.SIGNED_OFF)  # fmt: skip
    ContactSubject.objects.create(authority=county.authority, contact=made, person=person)
    return made


def test_the_workbook_has_a_worksheet_per_list_with_the_template_headings_bold_and_frozen(county):
    out = BytesIO()
    counts = write_annex_a(authority=county.authority, on=ON, out=out)
    assert counts == {f"List {n}": 0 for n in range(1, 12)}
    book = load_workbook(BytesIO(out.getvalue()))
    assert book.sheetnames == [f"List {n}" for n in range(1, 12)]
    for name in book.sheetnames:
        sheet = book[name]
        assert [c.value for c in sheet[1]] == COLUMNS[name]
        assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    assert COLUMNS["List 1"] == ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
                                 "Date of Contact", "Contact Source"]  # fmt: skip
    assert COLUMNS["List 3"][-2:] == ["Allocated Team", "Allocated Worker"]
    assert COLUMNS["List 11"][:3] == ["Individual adopter identifier", "Family identifier", "Gender"]
    assert "Placement Type" in COLUMNS["List 8"] and "Child's Legal Status" in COLUMNS["List 8"]


def test_a_contact_in_the_six_months_is_listed_for_each_child_and_one_before_them_is_not(county, jayden):
    inside = contact(county, jayden, datetime(2025, 9, 30, 9, 15, tzinfo=LONDON), source="6")
    ContactSubject.objects.create(authority=county.authority, contact=inside, person=county.allocated_child)
    contact(county, jayden, datetime(2025, 9, 29, 23, 30, tzinfo=LONDON))  # the day before the six months
    contact(county, jayden, datetime(2026, 4, 1, 8, 0, tzinfo=LONDON))  # after the inspection date
    rows = {row["Child Unique ID"]: row for row in lists(county)["List 1"]}
    assert set(rows) == {str(jayden.pk), str(county.allocated_child.pk)}  # one contact, two children
    assert rows[str(jayden.pk)] == {
        "Child Unique ID": str(jayden.pk), "Gender": "a) Male", "Ethnicity": "t) NOBT",
        "Date of Birth": date(2016, 3, 4), "Age of Child (Years)": 10,
        "Date of Contact": date(2025, 9, 30), "Contact Source": "6",
    }  # fmt: skip


def test_a_referral_its_assessment_and_an_enquiry_appear_in_lists_3_to_7(county):
    child = county.allocated_child  # allocated to Sam Okoro from 5 January 2026
    referral_open(by=county.front_door_officer, person=child, referred_on=date(2026, 1, 12), source="2A")
    discussion = strategy_discussion_record(by=county.social_worker, person=child, held_on=date(2026, 1, 20),
                                            section_47=True, attendees="Police, health and children’s social care")  # fmt: skip
    conference = Conference.objects.get(strategy_discussion=discussion)
    conference_record(by=county.social_worker, conference=conference, held_on=date(2026, 2, 9), plan_needed=True,
                      category="NEG")  # fmt: skip
    found = lists(county)
    (referral,) = found["List 3"]
    assert pick(referral, "Date of referral", "Referral Source", "Referral NFA?",
                "Number of Referrals in Last 12 Months", "Allocated Worker") == [
        date(2026, 1, 12), "2A", "b) No", 0, "Sam Okoro",
    ]  # fmt: skip
    (assessment,) = found["List 4"]
    assert pick(assessment, "Continuous Assessment Date of Authorisation", DISABILITY) == [None, "c) Unknown"]
    (enquiry,) = found["List 5"]
    assert pick(enquiry, "Date of Initial Child Protection Conference", ICPC_PLAN) == [
        date(2026, 2, 9),
        "a) Yes",
    ]
    (episode,) = found["List 6"]
    assert pick(episode, "CIN Start Date", "Case Status") == [date(2026, 1, 12), "b) Child Protection plan"]
    (plan,) = found["List 7"]
    assert pick(plan, "Initial Category of Abuse", "Number of Previous Child Protection Plans") == [
        "a) Neglect",
        0,
    ]
    assert plan[PROTECTED] is None  # Hearth cannot say a child was not under police protection: left blank


def test_a_looked_after_child_is_in_list_8_with_their_placement_type_and_legal_status(county):
    child = county.allocated_child
    foster = provider(county.authority, name="The Hills")
    home = provider(county.authority, kind=ProviderKind.CHILDRENS_HOME, name="Hill House", ofsted_urn="SC123456",
                    place_provider="PR4", postcode="ST16 1AA", in_area=False)  # fmt: skip
    care_start(by=county.social_worker, person=child, started_on=date(2025, 11, 3), legal_status="V2",
               category_of_need="N1", placement=NewPlacement("U6", foster))  # fmt: skip
    care_change(by=county.social_worker, person=child, on=date(2026, 1, 19), legal_status="C1",
                placement=NewPlacement("K2", home), change_reason="CARPL")  # fmt: skip
    care_change(by=county.social_worker, person=child, on=date(2026, 2, 16), legal_status="C2")
    (row,) = lists(county)["List 8"]
    wanted = {
        "Date Started to be Looked After": date(2025, 11, 3), "Child's Category of Need": "N1",
        "Start date of current legal status": date(2026, 2, 16), "Child's Legal Status": "C2",
        "Start Date of Most Recent Placement": date(2026, 1, 19), "Placement Type": "K2", "Placement Provider": "PR4",
        "URN of Placement": "SC123456", "Placement Location": "b) Out", "LA of Placement": None,
        "Number of Placements in the Last 12 months": 2, "Date Ceased to be Looked After": None,
        "Allocated Team": "Aldermoor Safeguarding 1", "Allocated Worker": "Sam Okoro",
    }  # fmt: skip
    assert {heading: row[heading] for heading in wanted} == wanted
    # Looked after from 3 November 2025: not yet on an inspection the month before
    assert lists(county, on=date(2025, 10, 31))["List 8"] == []


def test_a_care_leaver_aged_17_to_21_is_in_list_9_with_what_their_latest_contact_found(county):
    leaver, too_old = county.allocated_child, county.unallocated_child
    for person, born in ((leaver, date(2007, 6, 1)), (too_old, date(2002, 6, 1))):
        person.date_of_birth = born
        person.save(update_fields=["date_of_birth"])
        PeriodOfCare.objects.create(authority=county.authority, person=person, started_on=born.replace(year=born.year + 13),
                                    ended_on=born.replace(year=born.year + 18), reason_ceased="E5")  # fmt: skip
        CareLeaver.objects.create(authority=county.authority, person=person, category="former_relevant",
                                  adviser=county.colleague)  # fmt: skip
    LeaverContact.objects.create(authority=county.authority, person=leaver, contacted_on=date(2026, 1, 10),
                                 in_touch="NO")  # fmt: skip
    LeaverContact.objects.create(authority=county.authority, person=leaver, contacted_on=date(2026, 3, 2),
                                 in_touch="YES", activity="F2", accommodation="D1")  # fmt: skip
    (row,) = lists(county)["List 9"]
    assert row["Child Unique ID"] == str(leaver.pk)
    assert [row[h] for h in COLUMNS["List 9"][6:]] == [
        "Aldermoor Safeguarding 1",
        "Sam Okoro",
        "b) Former relevant child",
        "a) Yes",
        "D",
        "a) Suitable",
        "F2",
    ]


def test_children_with_a_plan_for_adoption_and_their_adopters_are_in_lists_10_and_11(county):
    child = county.allocated_child
    period = PeriodOfCare.objects.create(
        authority=county.authority, person=child, started_on=date(2024, 5, 1)
    )
    adopters = ProspectiveAdopter.objects.create(
        authority=county.authority, name="Mr and Mrs Kaur", agency="Regional adoption agency", stage="matched",
        number=2, sex="MF", stage_dates={"enquiry": "2025-01-10", "stage_one": "2025-02-01",
                                         "stage_two": "2025-04-01", "approved": "2025-09-01", "matched": "2026-02-02"},
    )  # fmt: skip
    AdoptionJourney.objects.create(authority=county.authority, person=child, period=period,
                                   should_be_placed_on=date(2025, 6, 2), placement_order_on=date(2025, 9, 15),
                                   matched_on=date(2026, 2, 2), adopter=adopters)  # fmt: skip
    found = lists(county)
    (journey,) = found["List 10"]
    assert (journey["Family identifier"], journey["Date the Child Entered Care"], journey["Date of Placement Order"]) == (
        str(adopters.pk), date(2024, 5, 1), date(2025, 9, 15),
    )  # fmt: skip
    assert [(r["Individual adopter identifier"], r["Gender"]) for r in found["List 11"]] == [
        (f"{adopters.pk}-1", "a) Male"), (f"{adopters.pk}-2", "b) Female"),
    ]  # fmt: skip
    assert found["List 11"][0]["Date application approved"] == date(2025, 9, 1)
    assert found["List 11"][0]["Ethnicity"] is None  # not recorded for adopters


def test_dates_are_written_as_excel_dates_shown_dd_mm_yyyy(county, jayden):
    contact(county, jayden, datetime(2026, 2, 3, 10, 0, tzinfo=LONDON))
    out = BytesIO()
    assert write_annex_a(authority=county.authority, on=ON, out=out)["List 1"] == 1
    cell = load_workbook(BytesIO(out.getvalue()))["List 1"]["F2"]
    assert (cell.value, cell.number_format, cell.is_date) == (datetime(2026, 2, 3), "DD/MM/YYYY", True)


def test_the_lists_take_as_many_queries_for_many_children_as_for_one(county):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            lists(county)
        return len(captured)

    contact(county, county.allocated_child, datetime(2026, 2, 3, 10, 0, tzinfo=LONDON))
    one = queries()
    for n in range(4):
        contact(
            county, PersonFactory(district=county.aldermoor), datetime(2026, 2, 4 + n, 10, 0, tzinfo=LONDON)
        )
    assert queries() == one


def test_the_command_writes_a_workbook_that_openpyxl_reads_back(county, jayden, tmp_path, capsys):
    contact(county, jayden, datetime(2026, 2, 3, 10, 0, tzinfo=LONDON))
    out = tmp_path / "annex-a.xlsx"
    call_command("returns", "annex-a", "--out", str(out), "--on", "2026-03-31", "--authority", "999")
    printed = capsys.readouterr().out
    assert (
        "inspection on 31/03/2026" in printed and "List 1: 1 rows" in printed and "List 11: 0 rows" in printed
    )
    book = load_workbook(out, read_only=True)
    first = next(book["List 1"].iter_rows(min_row=2, values_only=True))
    assert first[0] == str(jayden.pk)


def test_the_command_explains_a_wrong_inspection_date_and_a_missing_year(county, tmp_path):
    with pytest.raises(CommandError, match="--on must be a date written YYYY-MM-DD"):
        call_command("returns", "annex-a", "--out", str(tmp_path / "a.xlsx"), "--on", "31/03/2026",
                     "--authority", "999")  # fmt: skip
    with pytest.raises(CommandError, match="Give the collection year for the cin return with --year"):
        call_command("returns", "cin", "--out", str(tmp_path / "cin.xml"), "--authority", "999")
