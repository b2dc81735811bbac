"""The annual report's figures, pinned on small hand-built records (written straight to the tables, so any
date and outcome can be set)."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from hearth.complaints.figures import last_complete_year
from hearth.complaints.models import Complaint, ComplaintStage, Compliment, LearningAction, OmbudsmanReferral
from hearth.complaints.report import complaints_section
from hearth.core.reports import NO_DATA

pytestmark = pytest.mark.django_db
ON = date(2026, 6, 1)  # the report covers 2025/26, beside 2024/25


def complaint(user, *, received, kind="statutory", service="safeguarding", team=None, subject="communication",
              stages=(), name="Pat Secret"):  # fmt: skip
    made = Complaint.objects.create(
        authority_id=user.authority_id, kind=kind, received_on=received, how_received="email", complainant_name=name,
        complainant_is="parent", service=service, team=team, subject=subject, summary="A summary", handled_by=user,
        recorded_by=user, recorded_at=timezone.now(), stage=max(1, len(stages)),
    )  # fmt: skip
    for number, (started, responded, outcome, in_time, extended) in enumerate(stages, 1):
        ComplaintStage.objects.create(authority_id=user.authority_id, complaint=made, number=number, started_on=started,
                                      first_due_on=started, due_on=started, responded_on=responded, outcome=outcome,
                                      in_time=in_time, extended_to=extended)  # fmt: skip
    return made


def compliment(user, on, service="safeguarding"):
    Compliment.objects.create(authority_id=user.authority_id, received_on=on, service=service, from_who="parent",
                              summary="Thank you", recorded_by=user, recorded_at=timezone.now())  # fmt: skip


def action(c, user, recorded, due, done, theme="communication"):
    LearningAction.objects.create(authority_id=user.authority_id, complaint=c, theme=theme, learning="l", action="a",
                                  owner="o", due_on=due, done_on=done, recorded_on=recorded, recorded_by=user)  # fmt: skip


@pytest.fixture
def records(county, officers):
    u = officers.officer
    d = date
    complaint(u, received=d(2025, 5, 1), stages=[(d(2025, 5, 1), d(2025, 5, 10), "not_upheld", True, None)])
    s2 = complaint(u, received=d(2025, 6, 2), team=county.safeguarding, stages=[
        (d(2025, 6, 2), d(2025, 6, 30), "partly_upheld", False, None),
        (d(2025, 7, 1), d(2025, 8, 20), "upheld", True, d(2025, 8, 29))])  # fmt: skip
    OmbudsmanReferral.objects.create(authority_id=u.authority_id, complaint=s2, referred_on=d(2025, 9, 1),
                                     decision="upheld", decided_on=d(2025, 12, 1))  # fmt: skip
    open_one = complaint(u, received=d(2026, 3, 30), team=county.safeguarding, subject="delay",
                         stages=[(d(2026, 3, 30), None, "", None, None)])  # fmt: skip
    complaint(u, received=d(2025, 4, 10), kind="corporate", service="send",
              stages=[(d(2025, 4, 10), d(2025, 4, 20), "withdrawn", None, None)])  # fmt: skip
    complaint(u, received=d(2025, 10, 10), kind="corporate", service="send",
              stages=[(d(2025, 10, 10), d(2025, 10, 20), "upheld", True, None)])  # fmt: skip
    complaint(u, received=d(2024, 6, 1), stages=[(d(2024, 6, 1), d(2024, 6, 10), "not_upheld", False, None)])
    complaint(u, received=d(2025, 3, 31), kind="corporate",  # received last year, answered this year
              stages=[(d(2025, 3, 31), d(2025, 4, 2), "upheld", True, None)])  # fmt: skip
    for day, service in [(d(2025, 5, 5), "safeguarding"), (d(2025, 7, 7), "safeguarding"), (d(2026, 1, 6), "send"),
                         (d(2024, 9, 9), "safeguarding"), (d(2026, 5, 1), "send")]:  # fmt: skip
        compliment(u, day, service)
    action(s2, u, d(2025, 6, 15), d(2025, 7, 1), d(2025, 6, 30))
    action(s2, u, d(2025, 9, 1), d(2025, 10, 1), d(2025, 11, 1))
    action(open_one, u, d(2025, 9, 2), d(2025, 10, 1), None, theme="delay")
    complaint(
        officers.other, received=d(2025, 5, 1), stages=[(d(2025, 5, 1), d(2025, 5, 2), "upheld", True, None)]
    )
    return county


def rows(section, key):
    return {row[0]: list(row[1:]) for row in section.table(key).rows}


def test_the_report_covers_the_last_financial_year_that_ended_on_or_before_its_date():
    assert last_complete_year(date(2019, 10, 1)).label == "2018/19"
    assert last_complete_year(date(2026, 3, 31)).label == "2025/26"
    assert last_complete_year(date(2026, 3, 30)).label == "2024/25"


def test_complaints_are_counted_at_each_stage_they_reach_beside_last_year(records):
    section = complaints_section(authority_id=records.authority.pk, on=ON)
    assert section.title == "Complaints and compliments annual report 2025/26"
    assert section.table("stages").head == ("Procedure and stage", "2024/25", "2025/26", "Change")
    stages = rows(section, "stages")
    assert stages["Statutory: stage 1: local resolution"] == [1, 3, 200.0]
    assert stages["Statutory: stage 2: investigation"] == [
        0,
        1,
        None,
    ]  # no stage 2 last year: no change to give
    assert stages["Statutory: stage 3: review panel"] == [0, 0, None]
    assert stages["Corporate: stage 1"] == [1, 2, 100.0]
    assert stages["Compliments"] == [1, 3, 200.0]


def test_the_share_in_time_counts_responses_sent_in_the_year_without_withdrawals(records):
    in_time = rows(complaints_section(authority_id=records.authority.pk, on=ON), "in-time")
    assert in_time["Statutory: stage 1: local resolution"] == [1, 0.0, 2, 50.0, 0]
    assert in_time["Statutory: stage 2: investigation"] == [0, None, 1, 100.0, 1]  # in time by its extension
    assert in_time["Corporate: stage 1"] == [0, None, 2, 100.0, 0]  # the withdrawn one is left out
    assert in_time["All responses"] == [1, 0.0, 5, 80.0, 1]


def test_outcomes_services_teams_and_themes(records):
    section = complaints_section(authority_id=records.authority.pk, on=ON)
    outcomes = rows(section, "outcomes")
    assert section.table("outcomes").head[1:] == (
        "Statutory 2024/25",
        "Statutory 2025/26",
        "Corporate 2024/25",
        "Corporate 2025/26",
    )
    assert outcomes["Upheld"] == [0, 1, 0, 2] and outcomes["Withdrawn"] == [0, 0, 0, 1]
    assert outcomes["All responses"] == [1, 3, 0, 3]
    services = rows(section, "by-service")
    assert services["Safeguarding and targeted services"] == [1, 3, 1, 0, 1, 2]
    assert services["Special educational needs and disabilities (SEND)"] == [0, 0, 0, 2, 0, 1]
    assert services["All services"] == [1, 3, 1, 2, 1, 3]
    teams = rows(section, "by-team")
    assert teams["Aldermoor Safeguarding 1"] == [0, 2] and teams["No team recorded"] == [2, 3]
    assert rows(section, "by-subject")["Delay in providing a service"] == [0, 1]


def test_learning_actions_by_theme_done_and_done_by_their_due_date(records):
    learning = rows(complaints_section(authority_id=records.authority.pk, on=ON), "learning")
    assert learning["Communication"] == [0, 2, 2, 50.0]
    assert learning["Delay in providing a service"] == [0, 1, 0, 0.0]
    assert learning["Policy or procedure"] == [0, 0, 0, None]  # nothing agreed: no data, not 0%
    assert learning["All themes"] == [0, 3, 2, pytest.approx(33.33, abs=0.01)]


def test_ombudsman_referrals_and_decisions_and_the_year_so_far(records):
    section = complaints_section(authority_id=records.authority.pk, on=ON)
    ombudsman = rows(section, "ombudsman")
    assert ombudsman["Complaints that went to the Ombudsman"] == [0, 1]
    assert ombudsman["Decision: upheld: fault found"] == [0, 1]
    so_far = rows(section, "so-far")
    assert so_far["Compliments received"] == [1] and so_far["Statutory complaints received"] == [0]
    assert so_far["Complaints open on 1 June 2026"] == [1] and so_far["Of those, past their due date"] == [1]
    assert so_far["Responses sent within the timescale"] == ["no data"]
    assert "80% of responses were sent within the timescale, against a target of 80% (0% in 2024/25)" in \
        " ".join(section.blocks[0].paragraphs)  # fmt: skip


def test_a_report_dated_the_last_day_of_the_year_has_no_year_so_far(records):
    section = complaints_section(authority_id=records.authority.pk, on=date(2026, 3, 31))
    with pytest.raises(KeyError):
        section.table("so-far")


def test_a_council_with_no_complaints_gets_no_data_not_zero_percent(county):
    section = complaints_section(authority_id=county.authority.pk, on=ON)
    in_time = section.table("in-time")
    assert in_time.cells()[-1] == ["All responses", "0", NO_DATA, "0", NO_DATA, "0"]
    assert rows(section, "stages")["Compliments"] == [0, 0, None]
    assert "No responses were sent in 2025/26" in " ".join(section.blocks[0].paragraphs)
    assert section.table("in-time-by-year").cells()[0][2] == NO_DATA


def test_every_chart_has_its_table_and_definitions_are_given(records):
    section = complaints_section(authority_id=records.authority.pk, on=ON)
    charts = [b for b in section.blocks if hasattr(b, "svg")]
    assert len(charts) == 2 and all(section.table(c.table_key) for c in charts)
    assert all("<svg" in c.svg for c in charts)
    assert rows(section, "by-month")["Jun 2025"] == [1, 0, 0]
    assert {term for term, _ in section.definitions} >= {"Within the timescale", "Working days", "Ombudsman"}


def test_hearth_report_complaints_prints_the_tables_as_csv_and_names_nobody(records):
    out = StringIO()
    call_command(
        "report", "complaints", "--format", "csv", "--authority", "999", "--on", "2026-06-01", stdout=out
    )
    text = out.getvalue()
    assert "# Complaints at each stage and compliments\nProcedure and stage,2024/25,2025/26,Change\n" in text
    assert "All responses,1,0.0,5,80.0,1" in text
    printed = StringIO()
    call_command("report", "complaints", "--authority", "999", "--on", "2026-06-01", stdout=printed)
    assert "Complaints and compliments annual report 2025/26" in printed.getvalue()
    for shown in (text, printed.getvalue()):
        assert "Pat Secret" not in shown and "Cleo" not in shown


def test_the_report_page_shows_the_section_with_its_charts_and_csv_links(client, records, officers):
    client.force_login(officers.officer)
    response = client.get("/reports/complaints/?on_0=1&on_1=6&on_2=2026")
    page = response.content.decode()
    assert response.status_code == 200
    assert "the financial year 1 April 2025 to 31 March 2026" in page and page.count("<svg") == 2
    assert "Pat Secret" not in page
    csv = client.get("/reports/complaints/in-time.csv?on_0=1&on_1=6&on_2=2026")
    assert csv.status_code == 200 and "All responses,1,0.0,5,80.0,1" in csv.content.decode()
