from __future__ import annotations

from datetime import date

import pytest

from hearth.complaints.models import Complaint, ComplaintStage, Compliment
from hearth.complaints.services import complaint_stage_respond
from hearth.complaints.tests.conftest import record
from hearth.core.tests.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

PAGES = ["/complaints/", "/complaints/new/", "/complaints/compliments/", "/complaints/compliments/new/"]


def new_complaint(**changes):
    form = {"kind": "statutory", "received_on_0": "5", "received_on_1": "1", "received_on_2": "2026",
            "how_received": "phone", "complainant_name": "Pat Example", "complainant_is": "parent", "child": "",
            "service": "safeguarding", "team": "", "subject": "delay", "summary": "The assessment took months.",
            "handled_by": ""}  # fmt: skip
    return form | changes


@pytest.mark.parametrize("persona", ["social_worker", "team_manager", "analyst", "administrator"])
def test_staff_who_do_not_handle_complaints_are_refused(client, county, officers, persona):
    complaint = record(officers.officer)
    client.force_login(getattr(county, persona))
    for url in [*PAGES, f"/complaints/{complaint.pk}/"]:
        assert client.get(url).status_code == 403, url
    assert client.post("/complaints/new/", new_complaint()).status_code == 403
    assert Complaint.objects.count() == 1


def test_an_officer_sees_their_councils_complaints_and_never_another_councils(client, county, officers):
    ours = record(officers.officer, complainant_name="Pat Ours")
    theirs = record(officers.other, complainant_name="Terry Theirs")
    client.force_login(officers.officer)
    page = client.get("/complaints/").content.decode()
    assert f"Complaint {ours.pk}" in page and f"Complaint {theirs.pk}" not in page
    assert client.get(f"/complaints/{theirs.pk}/").status_code == 404
    client.force_login(officers.other)
    assert f"Complaint {ours.pk}" not in client.get("/complaints/").content.decode()


def test_the_list_shows_due_dates_in_working_days_and_filters_overdue_and_by_stage(client, county, officers):
    late = record(officers.officer, received_on=date(2026, 1, 5))
    answered = record(officers.officer, received_on=date(2026, 1, 6))
    complaint_stage_respond(
        by=officers.officer, complaint=answered, responded_on=date(2026, 1, 8), outcome="upheld"
    )
    client.force_login(officers.officer)
    page = client.get("/complaints/").content.decode()
    assert "Overdue by" in page and "working days" in page and "Closed 8 January 2026" in page
    overdue = client.get("/complaints/?overdue=on").content.decode()
    assert f"Complaint {late.pk}<" in overdue and f"Complaint {answered.pk}<" not in overdue
    assert "No complaints match" in client.get("/complaints/?stage=2").content.decode()


def test_a_filter_that_does_not_exist_is_explained(client, county, officers):
    client.force_login(officers.officer)
    response = client.get("/complaints/?stage=9&kind=nonsense")
    page = response.content.decode()
    assert response.status_code == 400
    assert (
        "Select a stage from the list" in page
        and "Select a procedure from the list" in page
        and "<title>Error:" in page
    )


def test_the_list_pages_take_the_same_number_of_queries_however_many_rows(client, county, officers):
    record(officers.officer)
    client.force_login(officers.officer)

    def more():
        for n in range(4):
            record(officers.officer, team=county.safeguarding, complainant_name=f"Person {n}")
        from hearth.complaints.services import compliment_record

        for _ in range(4):
            compliment_record(by=officers.officer, received_on=date(2026, 2, 2), service="send", from_who="parent",
                              summary="Thank you", team=county.safeguarding)  # fmt: skip

    assert_queries_do_not_grow(lambda: client.get("/complaints/"), more)
    assert_queries_do_not_grow(lambda: client.get("/complaints/compliments/"), more)


def test_recording_a_complaint_goes_to_its_page(client, county, officers):
    client.force_login(officers.officer)
    response = client.post(
        "/complaints/new/",
        new_complaint(child=str(county.allocated_child.pk), team=str(county.safeguarding.pk)),
    )
    complaint = Complaint.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/complaints/{complaint.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert (
        "Ava Allocated" in page and "Stage 1: local resolution" in page and "Aldermoor Safeguarding 1" in page
    )


def test_bad_input_shows_the_errors_and_saves_nothing(client, county, officers):
    client.force_login(officers.officer)
    response = client.post("/complaints/new/", new_complaint(kind="", received_on_0="", received_on_1="", received_on_2="",
                                                             complainant_name="", summary=""))  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200 and "<title>Error:" in page and "There is a problem" in page
    for message in ("Select whether the complaint is statutory or corporate", "Enter the date the complaint was received",
                    "Enter the complainant’s name", "Enter a summary of the complaint"):  # fmt: skip
        assert message in page
    page = client.post(
        "/complaints/new/", new_complaint(received_on_0="31", received_on_1="2")
    ).content.decode()
    assert "Date the complaint was received must be a real date, like 27 3 2015" in page
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("child", ["sealed_child", "other_child"])
def test_a_child_the_officer_cannot_see_cannot_be_linked(client, county, officers, child):
    client.force_login(officers.officer)
    response = client.post("/complaints/new/", new_complaint(child=str(getattr(county, child).pk)))
    assert "There is no child with that Hearth ID whose record you can see" in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_restricted_child_shows_only_their_name_and_a_sealed_one_not_at_all(client, county, officers):
    restricted = record(officers.officer, child=county.restricted_child)
    sealed = record(officers.officer, child=county.sealed_child)
    client.force_login(officers.officer)
    page = client.get(f"/complaints/{restricted.pk}/").content.decode()
    assert "Rhea Restricted" in page and "restricted record: you see only the name" in page
    page = client.get(f"/complaints/{sealed.pk}/").content.decode()
    assert "Sid" not in page and "Sealed" not in page and "No child linked" in page
    client.force_login(county.colleague)  # named on both grants, but not a complaints officer
    assert client.get(f"/complaints/{sealed.pk}/").status_code == 403


def test_a_stage_out_of_order_is_refused_on_the_page_and_nothing_is_saved(client, county, officers):
    complaint = record(officers.officer)
    client.force_login(officers.officer)
    url = f"/complaints/{complaint.pk}/"
    response = client.post(
        url,
        {
            "form": "stage",
            "stage-started_on_0": "20",
            "stage-started_on_1": "1",
            "stage-started_on_2": "2026",
        },
    )
    page = response.content.decode()
    assert (
        response.status_code == 200
        and "Stage 1 is still open: record its response before starting stage 2" in page
    )
    assert ComplaintStage.objects.count() == 1


def test_an_officer_extends_answers_and_escalates_from_the_page(client, county, officers):
    complaint = record(officers.officer, received_on=date(2025, 12, 22))
    client.force_login(officers.officer)
    url = f"/complaints/{complaint.pk}/"
    too_late = {"form": "extend", "extend-new_due_on_0": "23", "extend-new_due_on_1": "1", "extend-new_due_on_2": "2026",
                "extend-reason": "Waiting for records"}  # fmt: skip
    assert "the latest due date is 22 January 2026" in client.post(url, too_late).content.decode()
    assert client.post(url, too_late | {"extend-new_due_on_0": "22"}).status_code == 302
    answer = {"form": "respond", "respond-responded_on_0": "21", "respond-responded_on_1": "1", "respond-responded_on_2": "2026",
              "respond-outcome": "partly_upheld", "respond-summary": "We apologise for the delay."}  # fmt: skip
    assert client.post(url, answer).status_code == 302
    escalate = {
        "form": "stage",
        "stage-started_on_0": "26",
        "stage-started_on_1": "1",
        "stage-started_on_2": "2026",
    }
    assert client.post(url, escalate).status_code == 302
    page = client.get(url).content.decode()
    assert (
        "Stage 2: investigation" in page
        and "From 8 January 2026 to 22 January 2026: Waiting for records" in page
    )
    assert "21 January 2026, in time" in page and "Partly upheld" in page
    stage_2 = ComplaintStage.objects.get(number=2)
    assert stage_2.due_on == date(2026, 3, 2)


def test_learning_and_the_ombudsman_are_recorded_from_the_page(client, county, officers):
    complaint = record(officers.officer)
    complaint_stage_respond(
        by=officers.officer, complaint=complaint, responded_on=date(2026, 1, 9), outcome="upheld"
    )
    client.force_login(officers.officer)
    url = f"/complaints/{complaint.pk}/"
    action = {"form": "action", "action-theme": "communication", "action-learning": "Calls were not returned",
              "action-action": "Call back within 2 working days", "action-owner": "Team manager, Aldermoor",
              "action-due_on_0": "1", "action-due_on_1": "3", "action-due_on_2": "2026"}  # fmt: skip
    assert client.post(url, action).status_code == 302
    refer = {
        "form": "refer",
        "refer-referred_on_0": "2",
        "refer-referred_on_1": "3",
        "refer-referred_on_2": "2026",
    }
    assert client.post(url, refer).status_code == 302
    decide = {"form": "decide", "decide-decision": "upheld", "decide-decided_on_0": "1", "decide-decided_on_1": "2",
              "decide-decided_on_2": "2026"}  # fmt: skip
    page = client.post(url, decide).content.decode()
    assert (
        "The date of the Ombudsman’s decision must be on or after the complaint went to the Ombudsman" in page
    )
    page = client.post(url, decide | {"decide-decided_on_1": "6"}, follow=True).content.decode()
    assert "Upheld: fault found, 1 June 2026" in page and "Call back within 2 working days" in page


def test_compliments_are_listed_and_recorded(client, county, officers):
    client.force_login(officers.officer)
    bad = client.post(
        "/complaints/compliments/new/", {"service": "", "from_who": "", "summary": ""}
    ).content.decode()
    assert (
        "Enter the date the compliment was received" in bad
        and "Select a service" in bad
        and not Compliment.objects.exists()
    )
    form = {"received_on_0": "3", "received_on_1": "2", "received_on_2": "2026", "service": "care_leavers",
            "team": "", "from_who": "child", "summary": "My adviser helped me find a flat"}  # fmt: skip
    assert client.post("/complaints/compliments/new/", form).status_code == 302
    page = client.get("/complaints/compliments/").content.decode()
    assert "My adviser helped me find a flat" in page and "1 compliment" in page
    client.force_login(officers.other)
    assert "My adviser" not in client.get("/complaints/compliments/").content.decode()
