from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from hearth.audit.models import AuditEvent
from hearth.core.tests.factories import PersonFactory
from hearth.people.duplicates import duplicate_candidates
from hearth.people.matching import Probe
from hearth.people.models import AccessLevel, Identifier, MatchKey, Person
from hearth.people.services import AddressInput, PersonInput, match_index_refresh, person_create


@pytest.fixture
def jayden(county):
    person = PersonFactory(district=county.aldermoor, given_name="Jayden", family_name="Smith",
                           date_of_birth=date(2016, 3, 4), sex="M")  # fmt: skip
    Identifier.objects.create(authority=county.authority, person=person, kind="nhs", value="9434765919")
    match_index_refresh(person)
    return person


def test_a_misspelt_name_finds_the_existing_child_with_reasons(county, jayden):
    found, hidden = duplicate_candidates(
        user=county.front_door_officer, probe=Probe("Jaden", "Smtih", date(2016, 3, 4))
    )
    assert [c.person for c in found] == [jayden]
    assert found[0].may_open and "Same date of birth" in found[0].match.reasons
    assert hidden == 0


def test_candidates_come_from_the_index_not_a_scan(county, jayden, django_assert_max_num_queries):
    for n in range(30):
        match_index_refresh(
            PersonFactory(district=county.aldermoor, given_name=f"Other{n}", family_name="Jones")
        )
    with django_assert_max_num_queries(10):
        duplicate_candidates(user=county.front_door_officer, probe=Probe("Jaden", "Smtih", date(2016, 3, 4)))


def test_a_worker_sees_a_restricted_candidates_name_only_and_is_told_of_matches_beyond_reach(county, jayden):
    restricted = PersonFactory(district=county.aldermoor, given_name="Jayden", family_name="Smith",
                               date_of_birth=date(2016, 3, 4), access_level=AccessLevel.RESTRICTED)  # fmt: skip
    match_index_refresh(restricted)
    elsewhere = PersonFactory(district=county.eastwold, given_name="Jayden", family_name="Smith",
                              date_of_birth=date(2016, 3, 4))  # fmt: skip
    match_index_refresh(elsewhere)
    sealed = PersonFactory(district=county.aldermoor, given_name="Jayden", family_name="Smith",
                           date_of_birth=date(2016, 3, 4), access_level=AccessLevel.SEALED)  # fmt: skip
    match_index_refresh(sealed)
    found, hidden = duplicate_candidates(
        user=county.social_worker, probe=Probe("Jayden", "Smith", date(2016, 3, 4))
    )
    by_person = {c.person: c for c in found}
    assert set(by_person) == {jayden, restricted}
    assert by_person[jayden].may_open and not by_person[restricted].may_open
    assert hidden == 1  # Eastwold's Jayden; the sealed record is neither shown nor counted


def test_another_authoritys_people_are_never_candidates(county, jayden):
    found, hidden = duplicate_candidates(
        user=county.second_authority_worker, probe=Probe("Jayden", "Smith", date(2016, 3, 4))
    )
    assert found == [] and hidden == 0


def test_adding_a_person_validates_files_them_in_the_index_and_audits(county):
    person = person_create(
        by=county.front_door_officer,
        data=PersonInput(given_name="Zoë", family_name="O'Brien", date_of_birth=date(2019, 5, 6),
                         identifiers={"nhs": "943 476 5919"},
                         address=AddressInput(line_1="1 Mill Lane", town="Fernbridge", postcode="st162lh")),
        candidates_seen=[4, 5],
    )  # fmt: skip
    assert person.identifiers.get().value == "9434765919"
    assert person.addresses.get().postcode == "ST16 2LH"
    assert MatchKey.objects.filter(person=person, key="pc:ST16 2LH").exists()
    filed = set(MatchKey.objects.filter(person=person).values_list("key", flat=True))
    match_index_refresh(person)  # filing a new record without reading it back files it the same way
    assert set(MatchKey.objects.filter(person=person).values_list("key", flat=True)) == filed
    entry = AuditEvent.objects.get(person_id=person.pk, action="create")
    assert entry.changes["possible_duplicates_shown"] == [4, 5]


def test_bad_input_is_refused_by_field_and_nothing_is_saved(county):
    with pytest.raises(ValidationError) as caught:
        person_create(
            by=county.front_door_officer,
            data=PersonInput(given_name="", family_name="Smith", date_of_birth=date(2100, 1, 1),
                             date_of_death=date(2000, 1, 1), identifiers={"nhs": "123", "upn": "A801200005001"},
                             address=AddressInput(line_1="1 Mill Lane", town="Fernbridge", postcode="nonsense")),
        )  # fmt: skip
    errors = caught.value.message_dict
    assert set(errors) == {"given_name", "date_of_birth", "date_of_death", "nhs", "upn", "postcode"}
    assert errors["date_of_birth"] == ["Date of birth must be today or in the past"]
    assert not Person.objects.filter(family_name="Smith").exists()


def test_an_unborn_child_needs_an_expected_date_and_no_date_of_birth(county):
    with pytest.raises(ValidationError) as caught:
        person_create(by=county.front_door_officer,
                      data=PersonInput(given_name="Baby", family_name="Smith", kind="unborn"))  # fmt: skip
    assert "expected_date_of_birth" in caught.value.message_dict


def test_an_identifier_already_on_another_record_is_refused(county, jayden):
    with pytest.raises(ValidationError) as caught:
        person_create(by=county.front_door_officer,
                      data=PersonInput(given_name="J", family_name="Smith", identifiers={"nhs": "9434765919"}))  # fmt: skip
    assert "Another record already has this number" in caught.value.message_dict["nhs"][0]
