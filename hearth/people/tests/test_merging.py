from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.casework.services import referral_open
from hearth.chronology.models import ChronologyEntry, EntryKind
from hearth.chronology.services import chronology_record
from hearth.core.tests.factories import AllocationFactory, PersonFactory
from hearth.frontdoor import services as frontdoor
from hearth.people.merging import person_merge, person_merge_undo
from hearth.people.models import Address, Allocation, Identifier, MatchKey, Person, PersonName
from hearth.people.relationships import RelationshipType
from hearth.people.services import household_create, match_index_refresh, relationship_add


@pytest.fixture
def twins(county):
    """Jayden recorded twice: once by the front door, once under a misspelt name by a partner."""
    kept = PersonFactory(
        district=county.aldermoor, given_name="Jayden", family_name="Smith", date_of_birth=date(2016, 3, 4)
    )
    duplicate = PersonFactory(district=county.aldermoor, given_name="Jaden", family_name="Smtih", date_of_birth=None,
                              ethnicity="WBRI", first_language="English")  # fmt: skip
    Identifier.objects.create(authority=county.authority, person=duplicate, kind="nhs", value="9434765919")
    Address.objects.create(
        authority=county.authority,
        person=duplicate,
        line_1="4 Kiln Way",
        town="Aldermoor",
        postcode="BK1 2AB",
    )
    mum = PersonFactory(district=county.aldermoor, kind="adult", given_name="Kerry", family_name="Smith")
    relationship_add(by=county.front_door_officer, person=mum, other=duplicate, type=RelationshipType.PARENT)
    household_create(by=county.front_door_officer, name="Smith household", members=[mum, duplicate])
    AllocationFactory(person=duplicate, worker=county.social_worker)
    chronology_record(people=[duplicate], occurred_at=datetime(2026, 5, 1, tzinfo=ZoneInfo("Europe/London")),
                      kind=EntryKind.CASE_NOTE, title="Home visit")  # fmt: skip
    referral_open(by=county.front_door_officer, person=duplicate, referred_on=date(2026, 5, 2), source="6")
    contact = frontdoor.contact_start(by=county.front_door_officer)
    frontdoor.contact_subject_add(by=county.front_door_officer, contact=contact, person=duplicate)
    for person in (kept, duplicate, mum):
        match_index_refresh(person)
    return kept, duplicate, mum


def links_of(person):
    return {
        "identifiers": set(person.identifiers.values_list("value", flat=True)),
        "addresses": person.addresses.count(),
        "relationships": person.relationships_in.count(),
        "households": person.households.count(),
        "allocations": Allocation.objects.filter(person=person).count(),
        "chronology": ChronologyEntry.objects.filter(person=person, kind=EntryKind.CASE_NOTE).count(),
        "referrals": person.referrals.count(),
        "involvements": person.involvements.count(),
        "contacts": person.contacts.count(),
    }


def test_a_merge_moves_every_link_and_keeps_every_fact(county, twins):
    kept, duplicate, _ = twins
    before = links_of(duplicate)
    person_merge(by=county.team_manager, kept=kept, merged=duplicate, reason="Same NHS number and mother")
    kept.refresh_from_db()
    assert links_of(kept) == before
    assert links_of(duplicate)["identifiers"] == set()
    assert kept.date_of_birth == date(2016, 3, 4)  # the kept record's own facts stay
    assert (kept.ethnicity, kept.first_language) == (
        "WBRI",
        "English",
    )  # its blanks filled from the duplicate
    assert PersonName.objects.filter(
        person=kept, given_name="Jaden", family_name="Smtih", kind="alias"
    ).exists()
    assert Person.objects.get(pk=duplicate.pk).merged_into == kept
    assert not MatchKey.objects.filter(person=duplicate).exists()
    assert MatchKey.objects.filter(person=kept, key="id:nhs:9434765919").exists()


def test_a_merge_is_audited_on_both_records_and_the_audit_log_stays_where_it_was(county, twins):
    kept, duplicate, _ = twins
    duplicate_entries = AuditEvent.objects.filter(person_id=duplicate.pk).count()
    person_merge(by=county.team_manager, kept=kept, merged=duplicate, reason="Same person")
    assert AuditEvent.objects.filter(person_id=duplicate.pk).count() == duplicate_entries + 1
    assert AuditEvent.objects.filter(
        person_id=kept.pk, summary=f"Merged record {duplicate.pk} into {kept.pk}"
    ).exists()


def test_undo_puts_everything_back_exactly(county, twins):
    kept, duplicate, _ = twins
    before_kept, before_duplicate = links_of(kept), links_of(duplicate)
    merge = person_merge(by=county.team_manager, kept=kept, merged=duplicate, reason="Same person")
    person_merge_undo(by=county.team_manager, merge=merge)
    kept.refresh_from_db()
    duplicate.refresh_from_db()
    assert links_of(kept) == before_kept and links_of(duplicate) == before_duplicate
    assert (kept.ethnicity, kept.first_language) == ("NOBT", "")
    assert duplicate.merged_into is None
    assert not PersonName.objects.filter(person=kept).exists()
    assert MatchKey.objects.filter(person=duplicate, key="id:nhs:9434765919").exists()
    with pytest.raises(ValidationError, match="already been undone"):
        person_merge_undo(by=county.team_manager, merge=merge)


def test_records_with_different_nhs_numbers_are_not_merged(county, twins):
    kept, duplicate, _ = twins
    Identifier.objects.create(authority=county.authority, person=kept, kind="nhs", value="4010232137")
    with pytest.raises(ValidationError, match="different NHS numbers"):
        person_merge(by=county.team_manager, kept=kept, merged=duplicate, reason="Same person")
    assert Person.objects.get(pk=duplicate.pk).merged_into is None


def test_a_relationship_both_records_share_is_not_duplicated(county, twins):
    kept, duplicate, mum = twins
    relationship_add(by=county.front_door_officer, person=mum, other=kept, type=RelationshipType.PARENT)
    person_merge(by=county.team_manager, kept=kept, merged=duplicate, reason="Same person")
    assert kept.relationships_in.filter(person=mum, type="parent").count() == 1


def test_a_merged_record_leads_to_the_kept_one_and_leaves_search(client, county, twins):
    kept, duplicate, _ = twins
    person_merge(by=county.team_manager, kept=kept, merged=duplicate, reason="Same person")
    client.force_login(county.social_worker)
    response = client.get(reverse("people:detail", kwargs={"person_id": duplicate.pk}))
    assert response["Location"] == reverse("people:detail", kwargs={"person_id": kept.pk})
    assert "Jaden Smtih" not in client.get(reverse("people:list"), {"q": "smtih"}).content.decode()


def test_merging_and_undoing_through_the_pages(client, county, twins):
    kept, duplicate, _ = twins
    client.force_login(county.social_worker)
    url = reverse("people:merge", kwargs={"person_id": kept.pk})
    compare = client.post(url, {"other": duplicate.pk}).content.decode()
    assert "Check these are the same person" in compare and "Jaden Smtih" in compare
    missing_reason = client.post(
        url, {"other": duplicate.pk, "confirmed": "True", "reason": ""}
    ).content.decode()
    assert "Enter why these are the same person" in missing_reason
    done = client.post(url, {"other": duplicate.pk, "confirmed": "True", "reason": "Same NHS number"})
    assert done.status_code == 302
    merge = kept.merges_kept.get()
    page = client.get(reverse("people:detail", kwargs={"person_id": kept.pk})).content.decode()
    assert "Undo this merge" in page
    client.post(reverse("people:merge-undo", kwargs={"merge_id": merge.pk}))
    assert Person.objects.get(pk=duplicate.pk).merged_into is None


def test_a_worker_who_cannot_change_both_records_cannot_merge_them(client, county, twins):
    kept, _, _ = twins
    client.force_login(county.business_support)
    assert client.get(reverse("people:merge", kwargs={"person_id": kept.pk})).status_code == 403
    client.force_login(county.social_worker)
    page = client.post(
        reverse("people:merge", kwargs={"person_id": kept.pk}), {"other": county.eastwold_child.pk}
    )
    assert "You cannot change a record with that Hearth ID" in page.content.decode()
