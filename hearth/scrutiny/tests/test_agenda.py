"""A meeting's agenda: report items as at a date, plain items, the order, and what is refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.audit.models import AuditEvent
from hearth.scrutiny import agenda
from hearth.scrutiny.agenda import agenda_item_add, agenda_item_remove, agenda_reorder, agenda_report_add
from hearth.scrutiny.models import AgendaItem, AgendaKind, CommitteeMeeting, MeetingStatus
from hearth.scrutiny.tests.conftest import at

pytestmark = pytest.mark.django_db


def _titles(meeting: CommitteeMeeting) -> list[tuple[int, str]]:
    return list(meeting.agenda.order_by("position").values_list("position", "title"))


def _standard_agenda(scrutiny) -> list[AgendaItem]:
    by, meeting = scrutiny.officer, scrutiny.coming
    return [
        agenda_item_add(by=by, meeting=meeting, kind=AgendaKind.APOLOGIES),
        agenda_item_add(by=by, meeting=meeting, kind=AgendaKind.DECLARATIONS),
        agenda_item_add(by=by, meeting=meeting, kind=AgendaKind.MINUTES),
        agenda_report_add(by=by, meeting=meeting, report_key="families", on=timezone.localdate()),
    ]


def test_plain_items_take_their_usual_titles_and_are_numbered_in_turn(scrutiny):
    _standard_agenda(scrutiny)
    assert _titles(scrutiny.coming) == [(1, "Apologies"), (2, "Declarations of interest"),
                                        (3, "Minutes of the last meeting"), (4, "Families report")]  # fmt: skip


def test_a_report_item_keeps_its_report_and_the_date_its_figures_are_as_at(scrutiny):
    on = timezone.localdate() - timedelta(days=10)
    item = agenda_report_add(by=scrutiny.officer, meeting=scrutiny.coming, report_key="plain", on=on,
                             title="Complaints: half year", cover_note="Report of the Cabinet Member.")  # fmt: skip
    assert (item.kind, item.report_key, item.as_at, item.title) == (
        "report",
        "plain",
        on,
        "Complaints: half year",
    )
    event = AuditEvent.objects.latest("pk")
    assert event.summary.startswith("Added the report ‘Complaints: half year’ as at")
    assert (event.object_type, event.object_id) == ("scrutiny.committeemeeting", str(scrutiny.coming.pk))


def test_the_figures_are_as_at_the_day_the_agenda_was_published_or_else_today(scrutiny):
    today = timezone.localdate()
    assert agenda.default_as_at(scrutiny.coming) == today
    scrutiny.coming.published_on = today - timedelta(days=3)
    assert agenda.default_as_at(scrutiny.coming) == today - timedelta(days=3)


def test_a_report_that_does_not_exist_is_refused(scrutiny):
    with pytest.raises(ValidationError) as error:
        agenda_report_add(
            by=scrutiny.officer, meeting=scrutiny.coming, report_key="budget", on=timezone.localdate()
        )
    assert error.value.message_dict == {
        "report": ["There is no report called ‘budget’. Choose one of: Families report, Complaints summary"]
    }
    assert not AgendaItem.objects.exists()


def test_figures_cannot_be_as_at_a_day_in_the_future(scrutiny):
    with pytest.raises(ValidationError) as error:
        agenda_report_add(by=scrutiny.officer, meeting=scrutiny.coming, report_key="families",
                          on=timezone.localdate() + timedelta(days=1))  # fmt: skip
    assert error.value.message_dict == {"on": ["The date the figures are as at must be today or in the past"]}
    with pytest.raises(ValidationError) as error:
        agenda_report_add(by=scrutiny.officer, meeting=scrutiny.coming, report_key="families", on=None)
    assert error.value.message_dict == {"on": ["Enter the date the figures are as at"]}
    assert not AgendaItem.objects.exists()


def test_figures_cannot_be_as_at_a_day_after_the_meeting(scrutiny):
    # A report previewed for a meeting that has taken place: its figures must be from before it.
    day = timezone.localtime(scrutiny.held.starts_at).date()
    with pytest.raises(ValidationError) as error:
        agenda.check_as_at(scrutiny.held, day + timedelta(days=1))
    assert error.value.message_dict["on"][0].startswith(
        "The date the figures are as at must be on or before the meeting"
    )
    assert agenda.check_as_at(scrutiny.held, day) == day


def test_a_meeting_in_the_past_gets_no_new_agenda_items(scrutiny):
    with pytest.raises(ValidationError) as error:
        agenda_report_add(by=scrutiny.officer, meeting=scrutiny.held, report_key="families",
                          on=timezone.localdate() - timedelta(days=40))  # fmt: skip
    assert "You can only change the agenda of a meeting still to come" in error.value.messages[0]
    yesterday = CommitteeMeeting.objects.create(authority=scrutiny.committee.authority, committee=scrutiny.committee,
                                                starts_at=at(-1), venue="Oak Room")  # fmt: skip
    with pytest.raises(ValidationError, match="meeting still to come"):
        agenda_item_add(by=scrutiny.officer, meeting=yesterday, kind=AgendaKind.APOLOGIES)
    assert not AgendaItem.objects.exists()


def test_a_cancelled_meeting_s_agenda_cannot_change(scrutiny):
    CommitteeMeeting.objects.filter(pk=scrutiny.coming.pk).update(status=MeetingStatus.CANCELLED)
    with pytest.raises(ValidationError, match="This meeting is cancelled"):
        agenda_item_add(by=scrutiny.officer, meeting=scrutiny.coming, kind=AgendaKind.APOLOGIES)


def test_an_item_number_already_taken_is_refused(scrutiny):
    _standard_agenda(scrutiny)
    with pytest.raises(ValidationError) as error:
        agenda_report_add(by=scrutiny.officer, meeting=scrutiny.coming, report_key="plain", on=timezone.localdate(),
                          position=2)  # fmt: skip
    assert error.value.message_dict == {"position": [
        "Item 2 is already ‘Declarations of interest’. Choose another number, or leave it blank to add the item "
        "at the end"]}  # fmt: skip
    item = agenda_report_add(by=scrutiny.officer, meeting=scrutiny.coming, report_key="plain",
                             on=timezone.localdate(), position=7)  # fmt: skip
    assert item.position == 7 and AgendaItem.objects.count() == 5


def test_another_item_needs_a_title_and_a_report_needs_its_own_form(scrutiny):
    with pytest.raises(ValidationError) as error:
        agenda_item_add(by=scrutiny.officer, meeting=scrutiny.coming, kind=AgendaKind.OTHER, title=" ")
    assert error.value.message_dict == {"title": ["Enter the item’s title"]}
    with pytest.raises(ValidationError) as error:
        agenda_item_add(by=scrutiny.officer, meeting=scrutiny.coming, kind=AgendaKind.REPORT, title="Budget")
    assert "kind" in error.value.message_dict
    item = agenda_item_add(by=scrutiny.officer, meeting=scrutiny.coming, kind=AgendaKind.OTHER,
                           title="Exclusion of the public", cover_note="The chair to move.")  # fmt: skip
    assert (item.position, item.cover_note) == (1, "The chair to move.")


def test_the_agenda_is_put_in_a_new_order_and_numbered_again(scrutiny):
    apologies, declarations, minutes, report = _standard_agenda(scrutiny)
    agenda_reorder(by=scrutiny.officer, meeting=scrutiny.coming,
                   positions={apologies.pk: 1, declarations.pk: 5, minutes.pk: 2, report.pk: 3})  # fmt: skip
    assert _titles(scrutiny.coming) == [(1, "Apologies"), (2, "Minutes of the last meeting"), (3, "Families report"),
                                        (4, "Declarations of interest")]  # fmt: skip
    assert AuditEvent.objects.latest("pk").summary.startswith(
        "Changed the order of the agenda: 1. Apologies; 2. Minutes of the last meeting; 3. Families report"
    )


def test_two_items_with_the_same_number_are_refused_and_nothing_moves(scrutiny):
    apologies, declarations, minutes, report = _standard_agenda(scrutiny)
    with pytest.raises(ValidationError) as error:
        agenda_reorder(by=scrutiny.officer, meeting=scrutiny.coming,
                       positions={apologies.pk: 1, declarations.pk: 2, minutes.pk: 2, report.pk: None})  # fmt: skip
    assert error.value.message_dict == {
        f"item_{minutes.pk}": ["‘Minutes of the last meeting’ and ‘Declarations of interest’ are both number 2. "
                               "Give each item a different number"],
        f"item_{report.pk}": ["Enter a number for ‘Families report’"],
    }  # fmt: skip
    assert [t for _, t in _titles(scrutiny.coming)] == ["Apologies", "Declarations of interest",
                                                        "Minutes of the last meeting", "Families report"]  # fmt: skip


def test_a_new_order_must_cover_the_agenda_as_it_is_now(scrutiny):
    apologies, *_ = _standard_agenda(scrutiny)
    with pytest.raises(ValidationError, match="The agenda has changed since you opened it"):
        agenda_reorder(by=scrutiny.officer, meeting=scrutiny.coming, positions={apologies.pk: 1})


def test_removing_an_item_moves_the_later_ones_up(scrutiny):
    _, declarations, _, _ = _standard_agenda(scrutiny)
    agenda_item_remove(by=scrutiny.officer, item=declarations)
    assert _titles(scrutiny.coming) == [
        (1, "Apologies"),
        (2, "Minutes of the last meeting"),
        (3, "Families report"),
    ]
    assert AuditEvent.objects.latest("pk").summary.startswith(
        "Removed ‘Declarations of interest’ from the agenda"
    )
