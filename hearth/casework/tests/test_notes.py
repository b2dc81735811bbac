from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from hearth.casework import notes
from hearth.casework.models import CaseNote, NoteStatus
from hearth.chronology.models import ChronologyEntry
from hearth.people.models import AccessLevel
from hearth.people.services import household_create

WHEN = datetime(2026, 11, 2, 14, 30, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture
def siblings(county):
    household_create(by=county.front_door_officer, name="Allocated household",
                     members=[county.allocated_child, county.unallocated_child])  # fmt: skip
    return county.allocated_child, county.unallocated_child


def recorded(county, people, **kw):
    note = notes.case_note_save_draft(by=county.social_worker, people=people, title="Home visit, Ava seen alone",
                                      text="Ava showed me her room.", occurred_at=WHEN, significant=kw.get("significant", False))  # fmt: skip
    return notes.case_note_record(by=county.social_worker, note=note)


def test_a_note_recorded_once_goes_on_the_chronology_of_everyone_it_is_about(county, siblings):
    note = recorded(county, list(siblings), significant=True)
    entries = ChronologyEntry.objects.filter(source_type="casework.casenote", source_id=str(note.pk))
    assert {e.person_id for e in entries} == {p.pk for p in siblings}
    assert all(e.significant for e in entries)
    assert note.version == 1 and note.versions.count() == 1


def test_a_draft_is_on_nobodys_record_and_may_be_half_written(county, siblings):
    note = notes.case_note_save_draft(by=county.social_worker, people=[siblings[0]], title="", text="Half a tho",
                                      occurred_at=None, significant=False)  # fmt: skip
    assert note.status == NoteStatus.DRAFT
    assert not ChronologyEntry.objects.filter(source_type="casework.casenote").exists()


def test_an_incomplete_note_cannot_be_recorded(county, siblings):
    note = notes.case_note_save_draft(by=county.social_worker, people=[], title="", text="",
                                      occurred_at=timezone.now() + timedelta(days=1), significant=False)  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        notes.case_note_record(by=county.social_worker, note=note)
    assert set(caught.value.message_dict) == {"people", "title", "text", "occurred_at"}


def test_an_edit_keeps_the_earlier_version_and_updates_the_chronology(county, siblings):
    note = recorded(county, [siblings[0]])
    notes.case_note_edit(by=county.social_worker, note=note, title="Home visit, Ava and Una seen alone",
                         text="Corrected.", occurred_at=WHEN, significant=True, expected_version=1)  # fmt: skip
    note.refresh_from_db()
    assert note.version == 2
    assert list(note.versions.values_list("version", "title")) == [
        (2, "Home visit, Ava and Una seen alone"),
        (1, "Home visit, Ava seen alone"),
    ]
    entry = ChronologyEntry.objects.get(source_type="casework.casenote", source_id=str(note.pk))
    assert entry.title == "Home visit, Ava and Una seen alone" and entry.significant


def test_a_stale_edit_is_refused_rather_than_overwriting(county, siblings):
    note = recorded(county, [siblings[0]])
    notes.case_note_edit(by=county.team_manager, note=note, title="Manager's correction", text="x", occurred_at=WHEN,
                         significant=False, expected_version=1)  # fmt: skip
    with pytest.raises(ValidationError, match="Someone saved this note while you were editing"):
        notes.case_note_edit(by=county.social_worker, note=note, title="Mine", text="y", occurred_at=WHEN,
                             significant=False, expected_version=1)  # fmt: skip


def test_only_a_team_manager_adds_oversight(county, siblings):
    note = recorded(county, [siblings[0]])
    with pytest.raises(ValidationError):
        notes.oversight_add(by=county.social_worker, note=note, text="Looks fine")
    notes.oversight_add(by=county.team_manager, note=note, text="Agreed; review in two weeks")
    assert note.oversight.get().manager == county.team_manager


def test_a_note_about_someone_restricted_is_hidden_from_those_not_named(client, county, siblings):
    note = recorded(county, list(siblings))
    siblings[1].access_level = AccessLevel.RESTRICTED
    siblings[1].save(update_fields=["access_level"])
    client.force_login(county.team_manager)
    assert client.get(reverse("casework:note", kwargs={"note_id": note.pk})).status_code == 403


def test_writing_recording_and_reading_through_the_pages(client, county, siblings):
    client.force_login(county.social_worker)
    url = reverse("casework:new-note", kwargs={"person_id": siblings[0].pk})
    assert "Una Unallocated" in client.get(url).content.decode()  # family members offered
    data = {"people": [str(siblings[0].pk), str(siblings[1].pk)], "occurred_on_0": "2", "occurred_on_1": "11",
            "occurred_on_2": "2026", "occurred_time": "14:30", "title": "Home visit", "text": "Both seen.",
            "action": "record"}  # fmt: skip
    response = client.post(url, data)
    note = CaseNote.objects.get()
    assert response["Location"] == reverse("casework:note", kwargs={"note_id": note.pk})
    page = client.get(response["Location"]).content.decode()
    assert "Both seen." in page and "Una Unallocated" in page


def test_autosave_saves_a_draft_and_returns_its_id(client, county, siblings):
    client.force_login(county.social_worker)
    url = reverse("casework:autosave", kwargs={"person_id": siblings[0].pk})
    first = client.post(url, {"people": [str(siblings[0].pk)], "title": "Visit", "text": "Started"}).json()
    second = client.post(url, {"people": [str(siblings[0].pk)], "title": "Visit", "text": "Started, more",
                               "note_id": first["note_id"]}).json()  # fmt: skip
    assert first["saved"] and second["note_id"] == first["note_id"]
    assert CaseNote.objects.get().text == "Started, more"


def test_another_workers_draft_cannot_be_autosaved_over(client, county, siblings):
    draft = notes.case_note_save_draft(by=county.colleague, people=[siblings[0]], title="Mine", text="",
                                       occurred_at=None, significant=False)  # fmt: skip
    client.force_login(county.social_worker)
    url = reverse("casework:autosave", kwargs={"person_id": siblings[0].pk})
    response = client.post(url, {"people": [str(siblings[0].pk)], "title": "Theirs", "note_id": draft.pk})
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.title == "Mine"


def test_a_bad_time_is_named(client, county, siblings):
    client.force_login(county.social_worker)
    url = reverse("casework:new-note", kwargs={"person_id": siblings[0].pk})
    page = client.post(
        url, {"people": [str(siblings[0].pk)], "occurred_time": "25:99", "action": "record"}
    ).content.decode()
    assert "Enter the time as hours and minutes, like 14:30" in page
