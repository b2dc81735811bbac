from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from hearth.chronology.models import ChronologyEntry, EntryKind
from hearth.chronology.services import chronology_record
from hearth.core.tests.queries import assert_queries_do_not_grow
from hearth.people.services import household_create

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def events(county):
    child = county.allocated_child
    start = datetime(2026, 1, 5, 9, 30, tzinfo=LONDON)
    chronology_record(people=[child], occurred_at=start, kind=EntryKind.CONTACT, title="School raised a concern",
                      by=county.front_door_officer)  # fmt: skip
    chronology_record(people=[child], occurred_at=start + timedelta(days=1), kind=EntryKind.DECISION,
                      title="Referred to children's social care", by=county.front_door_officer, significant=True)  # fmt: skip
    chronology_record(people=[child], occurred_at=start + timedelta(days=9), kind=EntryKind.CASE_NOTE,
                      title="=HYPERLINK(\"x\") home visit", by=county.social_worker)  # fmt: skip
    return child


def url(name, **kwargs):
    return reverse(f"chronology:{name}", kwargs=kwargs)


def test_the_chronology_lists_events_newest_first(client, county, events):
    client.force_login(county.social_worker)
    page = client.get(url("person", person_id=events.pk)).content.decode()
    assert (
        page.index("home visit") < page.index("Referred to children") < page.index("School raised a concern")
    )


def test_the_chronology_filters_by_type_date_and_significance(client, county, events):
    client.force_login(county.social_worker)
    by_type = client.get(url("person", person_id=events.pk), {"kind": "contact"}).content.decode()
    assert "School raised a concern" in by_type and "Referred to" not in by_type
    by_date = client.get(url("person", person_id=events.pk),
                         {"date_from_0": "6", "date_from_1": "1", "date_from_2": "2026"}).content.decode()  # fmt: skip
    assert "School raised a concern" not in by_date and "Referred to" in by_date
    significant = client.get(url("person", person_id=events.pk), {"significant": "on"}).content.decode()
    assert "Referred to" in significant and "home visit" not in significant


def test_impossible_filter_dates_get_a_clear_error(client, county, events):
    client.force_login(county.social_worker)
    page = client.get(url("person", person_id=events.pk),
                      {"date_from_0": "31", "date_from_1": "2", "date_from_2": "2026"}).content.decode()  # fmt: skip
    assert "There is a problem" in page and "From must be a real date" in page


def test_a_practitioner_curates_what_goes_in_the_court_ready_view(client, county, events):
    note = ChronologyEntry.objects.get(kind=EntryKind.CASE_NOTE)
    client.force_login(county.social_worker)
    client.post(url("curate", entry_id=note.pk), {"action": "hide"})
    client.post(url("curate", entry_id=note.pk), {"action": "significant"})
    note.refresh_from_db()
    assert note.hidden and note.significant
    printed = client.get(url("person-print", person_id=events.pk)).content.decode()
    assert "School raised a concern" in printed and "home visit" not in printed
    assert "<strong>Referred to children&#39;s social care</strong>" in printed


def test_someone_who_may_only_read_cannot_curate(client, county, events):
    note = ChronologyEntry.objects.get(kind=EntryKind.CASE_NOTE)
    client.force_login(county.business_support)
    assert client.post(url("curate", entry_id=note.pk), {"action": "hide"}).status_code == 403
    note.refresh_from_db()
    assert not note.hidden


def test_the_csv_export_has_every_event_and_defuses_formulas(client, county, events):
    client.force_login(county.social_worker)
    response = client.get(url("person-csv", person_id=events.pk))
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert text.splitlines()[0].startswith("Date,Time,Type,What happened")
    assert "'=HYPERLINK" in text and len(text.strip().splitlines()) == 4


def test_a_worker_from_another_district_is_refused_the_chronology(client, county, events):
    client.force_login(county.other_district_worker)
    assert client.get(url("person", person_id=events.pk)).status_code == 403
    assert client.get(url("person-csv", person_id=events.pk)).status_code == 403


def test_the_family_chronology_shows_one_row_per_event_naming_everyone_it_is_about(client, county, events):
    sibling = county.unallocated_child
    household = household_create(
        by=county.front_door_officer, name="Test household", members=[events, sibling]
    )
    chronology_record(people=[events, sibling], occurred_at=datetime(2026, 2, 1, tzinfo=LONDON),
                      kind=EntryKind.CONTACT, title="Police attended a domestic incident", source=household)  # fmt: skip
    client.force_login(county.social_worker)
    page = client.get(url("family", household_id=household.pk)).content.decode()
    assert page.count("Police attended a domestic incident") == 1
    assert "School raised a concern" in page


def test_the_chronology_query_count_does_not_grow_with_events(client, county, events):
    client.force_login(county.social_worker)

    def more():
        for n in range(40):
            chronology_record(people=[events], occurred_at=datetime(2025, 1, 1, tzinfo=LONDON) + timedelta(hours=n),
                              kind=EntryKind.CASE_NOTE, title=f"Note {n}", by=county.social_worker)  # fmt: skip

    assert_queries_do_not_grow(lambda: client.get(url("person", person_id=events.pk)), more)
