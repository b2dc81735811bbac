"""The scrutiny pages: who may see them, what they show, and their forms."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from hearth.audit.models import AuditAction, AuditEvent
from hearth.scrutiny.agenda import agenda_item_add, agenda_report_add
from hearth.scrutiny.models import AgendaItem, AgendaKind, CommitteeMeeting, ProgrammeItem, ProgrammeKind
from hearth.scrutiny.services import programme_item_add

pytestmark = pytest.mark.django_db


def _date(prefix: str, day) -> dict[str, int]:
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


@pytest.fixture
def pages(scrutiny):
    report = agenda_report_add(by=scrutiny.officer, meeting=scrutiny.coming, report_key="families",
                               on=timezone.localdate())  # fmt: skip
    item = programme_item_add(by=scrutiny.officer, committee=scrutiny.committee, kind=ProgrammeKind.MEETING,
                              title="Missing children", meeting=scrutiny.coming)  # fmt: skip
    return [
        "/scrutiny/", f"/scrutiny/committees/{scrutiny.committee.pk}/", f"/scrutiny/meetings/{scrutiny.coming.pk}/",
        f"/scrutiny/meetings/{scrutiny.coming.pk}/agenda-pack.pdf", f"/scrutiny/agenda-items/{report.pk}/",
        f"/scrutiny/work-programme/{item.pk}/",
    ]  # fmt: skip


@pytest.mark.parametrize("persona", ["social_worker", "analyst", "administrator"])
def test_staff_without_the_scrutiny_capability_are_refused_every_page(client, county, pages, persona):
    client.force_login(getattr(county, persona))
    for path in pages:
        assert client.get(path).status_code == 403, path
    assert client.post(pages[2], {"form": "other", "other-kind": "apologies"}).status_code == 403
    assert AgendaItem.objects.count() == 1


def test_another_council_s_committees_are_never_shown(client, scrutiny, pages):
    client.force_login(scrutiny.other_officer)
    listing = client.get("/scrutiny/").content.decode()
    assert "Westmarch Scrutiny Panel" in listing and "Children and Families" not in listing
    for path in pages[1:]:
        assert client.get(path).status_code == 404, path
    client.force_login(scrutiny.officer)
    assert "Westmarch" not in client.get("/scrutiny/").content.decode()
    assert client.get(f"/scrutiny/meetings/{scrutiny.other_meeting.pk}/").status_code == 404


def test_the_committees_list_shows_each_chair_and_next_meeting(
    client, scrutiny, django_assert_max_num_queries
):
    client.force_login(scrutiny.officer)
    with django_assert_max_num_queries(8):
        text = client.get("/scrutiny/").content.decode()
    assert "Councillor Ann Beech" in text and f"/scrutiny/meetings/{scrutiny.coming.pk}/" in text


def test_the_committee_page_lists_members_the_calendar_next_first_and_the_work_programme(
    client, scrutiny, django_assert_max_num_queries
):
    for n in range(5):
        programme_item_add(by=scrutiny.officer, committee=scrutiny.committee, kind=ProgrammeKind.MEETING,
                           title=f"Item {n}", meeting=scrutiny.coming, lead_officer="Kate Bull")  # fmt: skip
    client.force_login(scrutiny.officer)
    with django_assert_max_num_queries(10):
        response = client.get(f"/scrutiny/committees/{scrutiny.committee.pk}/")
    text = response.content.decode()
    assert (
        text.index("Councillor Ann Beech")
        < text.index("Councillor Bob Spencer")
        < text.index("Councillor Zoe Adams")
    )
    coming, held = (f"/scrutiny/meetings/{m.pk}/" for m in (scrutiny.coming, scrutiny.held))
    assert text.index(coming) < text.index("Next meeting") < text.index(held)
    assert "Work programme" in text and "Lead officer: Kate Bull" in text and "Standing items" in text


def test_a_meeting_is_scheduled_from_the_committee_page_and_a_past_date_is_explained(client, scrutiny):
    client.force_login(scrutiny.officer)
    path = f"/scrutiny/committees/{scrutiny.committee.pk}/"
    past = timezone.localdate() - timedelta(days=3)
    response = client.post(
        path, {"form": "schedule", **_date("schedule-on", past), "schedule-starts": "10:00"}
    )
    text = response.content.decode()
    assert response.status_code == 200 and "<title>Error:" in text
    assert "The date of a new meeting must be today or in the future" in text
    later = timezone.localdate() + timedelta(days=60)
    response = client.post(
        path, {"form": "schedule", **_date("schedule-on", later), "schedule-starts": "14:30"}
    )
    assert response.status_code == 302
    assert CommitteeMeeting.objects.filter(committee=scrutiny.committee).count() == 3


def test_the_officer_adds_a_report_to_the_next_meeting_with_its_figures_as_at_a_date(client, scrutiny):
    client.force_login(scrutiny.officer)
    path = f"/scrutiny/meetings/{scrutiny.coming.pk}/"
    page = client.get(path).content.decode()
    today = timezone.localdate()
    for part, value in enumerate((today.day, today.month, today.year)):  # as at today unless changed
        assert f'name="report-on_{part}" type="text" value="{value}"' in page
    on = today - timedelta(days=7)
    response = client.post(path, {"form": "report", "report-report": "plain", **_date("report-on", on),
                                  "report-cover_note": "Report of the Cabinet Member."})  # fmt: skip
    assert response.status_code == 302
    item = AgendaItem.objects.get()
    assert (item.report_key, item.as_at, item.position) == ("plain", on, 1)


def test_a_report_date_in_the_future_and_a_report_not_offered_are_explained(client, scrutiny):
    client.force_login(scrutiny.officer)
    path = f"/scrutiny/meetings/{scrutiny.coming.pk}/"
    tomorrow = timezone.localdate() + timedelta(days=1)
    text = client.post(
        path, {"form": "report", "report-report": "families", **_date("report-on", tomorrow)}
    ).content.decode()
    assert "The date the figures are as at must be today or in the past" in text and "<title>Error:" in text
    text = client.post(
        path, {"form": "report", "report-report": "budget", **_date("report-on", tomorrow)}
    ).content.decode()
    assert "Choose one of the reports listed" in text
    assert not AgendaItem.objects.exists()


def test_items_are_added_put_in_order_and_removed_from_the_meeting_page(client, scrutiny):
    client.force_login(scrutiny.officer)
    path = f"/scrutiny/meetings/{scrutiny.coming.pk}/"
    for kind in ("apologies", "minutes"):
        assert client.post(path, {"form": "other", "other-kind": kind}).status_code == 302
    apologies, minutes = AgendaItem.objects.order_by("position")
    text = client.post(
        path, {"form": "other", "other-kind": "declarations", "other-position": "1"}
    ).content.decode()
    assert "Item 1 is already ‘Apologies’" in text
    text = client.post(path, {"form": "order", f"order-item_{apologies.pk}": "2",
                              f"order-item_{minutes.pk}": "2"}).content.decode()  # fmt: skip
    assert "are both number 2" in text
    response = client.post(
        path, {"form": "order", f"order-item_{apologies.pk}": "2", f"order-item_{minutes.pk}": "1"}
    )
    assert response.status_code == 302
    assert list(AgendaItem.objects.order_by("position").values_list("title", flat=True)) == [
        "Minutes of the last meeting", "Apologies"]  # fmt: skip
    assert client.post(path, {"form": "remove", "remove-choice": str(minutes.pk)}).status_code == 302
    assert list(AgendaItem.objects.values_list("position", "title")) == [(1, "Apologies")]


def test_a_past_meeting_offers_no_agenda_forms_and_refuses_a_post(client, scrutiny):
    client.force_login(scrutiny.officer)
    path = f"/scrutiny/meetings/{scrutiny.held.pk}/"
    assert "Add a report" not in client.get(path).content.decode()
    text = client.post(path, {"form": "other", "other-kind": "apologies"}).content.decode()
    assert "You can only change the agenda of a meeting still to come" in text
    assert not AgendaItem.objects.exists()


def test_the_preview_shows_the_report_as_the_pack_prints_it(client, scrutiny):
    item = agenda_report_add(by=scrutiny.officer, meeting=scrutiny.coming, report_key="families",
                             on=timezone.localdate(), cover_note="Members are asked to note the report.")  # fmt: skip
    client.force_login(scrutiny.officer)
    text = client.get(f"/scrutiny/agenda-items/{item.pk}/").content.decode()
    assert "Families worked with by month" in text and "<svg" in text and "Members are asked to note" in text
    assert "Download ‘" not in text  # no CSV links: the preview is the pack's item


def test_the_agenda_pack_downloads_as_a_pdf_and_is_audited(client, scrutiny):
    agenda_item_add(by=scrutiny.officer, meeting=scrutiny.coming, kind=AgendaKind.APOLOGIES)
    agenda_report_add(
        by=scrutiny.officer, meeting=scrutiny.coming, report_key="families", on=timezone.localdate()
    )
    client.force_login(scrutiny.officer)
    response = client.get(f"/scrutiny/meetings/{scrutiny.coming.pk}/agenda-pack.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    day = timezone.localtime(scrutiny.coming.starts_at).date().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="children-and-families-overview-and-scrutiny-committee-{day}-agenda-pack.pdf"'
    )
    assert response.content.startswith(b"%PDF-")
    event = AuditEvent.objects.latest("pk")
    assert event.action == AuditAction.EXPORT and event.summary.startswith(
        "Downloaded the agenda pack of Children"
    )


def test_the_outcome_of_a_work_programme_item_is_recorded_on_its_page(client, scrutiny):
    item = programme_item_add(by=scrutiny.officer, committee=scrutiny.committee, kind=ProgrammeKind.STANDING,
                              title="Serious case reviews")  # fmt: skip
    client.force_login(scrutiny.officer)
    path = f"/scrutiny/work-programme/{item.pk}/"
    assert "Enter what the committee decided" in client.post(path, {"form": "outcome"}).content.decode()
    assert (
        client.post(path, {"form": "outcome", "outcome-outcome": "Members noted the learning."}).status_code
        == 302
    )
    assert ProgrammeItem.objects.get().outcome == "Members noted the learning."
    assert client.post(path, {"form": "remove"}).status_code == 302
    assert not ProgrammeItem.objects.exists()
