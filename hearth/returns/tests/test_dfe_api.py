from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.care.episodes import NewPlacement, care_change, care_start
from hearth.care.models import CareLeaver, HealthCheck, LeaverContact, PeriodOfCare, Placement, ProviderKind
from hearth.care.tests.factories import provider
from hearth.casework.models import Involvement
from hearth.casework.services import referral_open
from hearth.core.tests.factories import PersonFactory
from hearth.people.models import Identifier, IdentifierKind, Person
from hearth.returns.dfe_api import ApiPayloadError, api_records, canonical, write_api_payloads

ON = date(2026, 3, 31)  # the window: 1 April 2025 to 31 March 2026


@pytest.fixture
def carers(county):
    return provider(county.authority, name="The Hills"), provider(
        county.authority, kind=ProviderKind.CHILDRENS_HOME, name="Hill House", ofsted_urn="SC123456",
        place_provider="PR4", postcode="ST16 1AA",
    )  # fmt: skip


def records(county, on=ON):
    return api_records(authority=county.authority, on=on)


def in_need(county, child=None, referred_on=date(2025, 9, 1)):
    child = child or county.allocated_child
    referral_open(by=county.front_door_officer, person=child, referred_on=referred_on, source="2A")
    return child


def test_a_child_in_need_is_sent_with_their_details_episode_assessment_and_worker(county):
    child = in_need(county)
    Identifier.objects.create(
        authority=county.authority, person=child, kind=IdentifierKind.UPN, value="A123456789012"
    )
    Identifier.objects.create(
        authority=county.authority, person=child, kind=IdentifierKind.LA_CHILD_ID, value="BRK42"
    )
    county.social_worker.registration_number = "SW12345"
    county.social_worker.save()
    record = records(county)["BRK42"]  # the council's child ID, as in the SSDA903 and CIN returns
    assert list(record) == ["la_code", "la_child_id", "mis_child_id", "purge", "child_details",
                            "social_care_episodes"]  # fmt: skip
    assert (record["la_code"], record["la_child_id"], record["mis_child_id"]) == (999, "BRK42", str(child.pk))
    assert record["child_details"] == {
        "unique_pupil_number": "A123456789012", "first_name": "Ava", "surname": "Allocated",
        "date_of_birth": "2015-06-01", "sex": "U", "ethnicity": "NOBT", "disabilities": ["NONE"],
        "uasc_flag": False, "purge": False,
    }  # fmt: skip
    (episode,) = record["social_care_episodes"]
    involvement = Involvement.objects.get(person=child)
    assert episode == {
        "social_care_episode_id": f"INV-{involvement.pk}", "referral_date": "2025-09-01", "referral_source": "2A",
        "referral_no_further_action_flag": False,
        "care_worker_details": [{"worker_id": "SW12345", "start_date": "2026-01-05"}],
        "child_and_family_assessments": [{"child_and_family_assessment_id": str(child.assessments.get().pk),
                                          "start_date": "2025-09-01", "factors": []}],
        "purge": False,
    }  # fmt: skip
    assert "health_and_wellbeing" not in record  # no SDQ in the window: the block is left out


def test_a_looked_after_child_has_placements_sdqs_and_uasc_details(county, carers):
    child = county.allocated_child
    child.sex, child.date_of_birth = "M", date(2008, 1, 10)  # 18 on 10 January 2026
    child.save()
    foster, home = carers
    care_start(by=county.social_worker, person=child, started_on=date(2025, 6, 2), legal_status="V2",
               category_of_need="N1", placement=NewPlacement("U6", foster), unaccompanied=True)  # fmt: skip
    care_change(by=county.social_worker, person=child, on=date(2025, 9, 1), legal_status="C2",
                placement=NewPlacement("K2", home), change_reason="CREQB")  # fmt: skip
    period = PeriodOfCare.objects.get(person=child)
    HealthCheck.objects.create(authority=county.authority, person=child, period=period, kind="sdq",
                               done_on=date(2025, 11, 1), sdq_score=14)  # fmt: skip
    HealthCheck.objects.create(authority=county.authority, person=child, period=period, kind="sdq",
                               done_on=date(2024, 11, 1), sdq_score=20)  # before the window  # fmt: skip
    record = records(county)[str(child.pk)]  # no council child ID: the Hearth ID
    details = record["child_details"]
    assert (details["sex"], details["date_of_birth"], details["unique_pupil_number_unknown_reason"]) == (
        "M", "2008-01-10", "UN2",
    )  # fmt: skip
    assert (details["uasc_flag"], details["uasc_end_date"]) == (True, "2026-01-10")
    assert record["health_and_wellbeing"] == {"sdq_assessments": [{"date": "2025-11-01", "score": 14}],
                                              "purge": False}  # fmt: skip
    (episode,) = record["social_care_episodes"]  # care_start opened a social care involvement
    assert episode["referral_date"] == "2025-06-02" and episode["referral_source"] == "10"
    first, second = Placement.objects.filter(person=child).order_by("started_on")
    assert episode["child_looked_after_placements"] == [
        {"child_looked_after_placement_id": str(first.pk), "start_date": "2025-06-02", "start_reason": "S",
         "postcode": "BK1 2AB", "placement_type": "U6", "end_date": "2025-09-01", "end_reason": "X1",
         "change_reason": "CREQB"},
        {"child_looked_after_placement_id": str(second.pk), "start_date": "2025-09-01", "start_reason": "B",
         "postcode": "ST16 1AA", "placement_type": "K2"},
    ]  # fmt: skip


def test_care_no_involvement_covers_is_an_episode_of_its_own_with_the_care_leavers_contact(county, carers):
    child = county.allocated_child
    care_start(by=county.social_worker, person=child, started_on=date(2025, 6, 2), legal_status="V2",
               category_of_need="N1", placement=NewPlacement("U6", carers[0]))  # fmt: skip
    Involvement.objects.filter(person=child).delete()  # care recorded before Hearth's casework
    CareLeaver.objects.create(authority=county.authority, person=child, category="eligible")
    LeaverContact.objects.create(authority=county.authority, person=child, contacted_on=date(2026, 2, 1),
                                 in_touch="YES", activity="F2", accommodation="Z1")  # fmt: skip
    (episode,) = records(county)[str(child.pk)]["social_care_episodes"]
    period = PeriodOfCare.objects.get(person=child)
    assert episode["social_care_episode_id"] == f"POC-{period.pk}"
    assert "referral_date" not in episode and "closure_date" not in episode
    assert [p["placement_type"] for p in episode["child_looked_after_placements"]] == ["U6"]
    # Z (staying put) is not in the API's accommodation list: left out rather than guessed.
    assert episode["care_leavers"] == {"contact_date": "2026-02-01", "activity": "F2", "purge": False}


def test_disabilities_are_distinct_sorted_codes_or_none(county):
    with_some, without = in_need(county), in_need(county, county.unallocated_child)
    Person.objects.filter(pk=with_some.pk).update(disabilities=["VIS", "aut", "VIS"])
    sent = records(county)
    assert sent[str(with_some.pk)]["child_details"]["disabilities"] == ["AUT", "VIS"]
    assert sent[str(without.pk)]["child_details"]["disabilities"] == ["NONE"]


def test_only_children_of_this_council_with_social_care_in_the_window_are_sent(county):
    in_need(county)
    in_need(county, county.eastwold_child, referred_on=date(2024, 1, 8))
    Involvement.objects.filter(person=county.eastwold_child).update(ended_on=date(2025, 3, 1))  # before
    in_need(county, county.unallocated_child, referred_on=date(2026, 4, 2))  # after `on`
    Involvement.objects.create(authority=county.authority, person=county.moved_child, kind="early_help",
                               started_on=date(2025, 5, 1))  # fmt: skip
    in_need(county, county.other_child)  # another council's child
    assert list(records(county)) == [str(county.allocated_child.pk)]


def test_an_ending_after_the_build_day_is_not_yet_an_end(county):
    child = in_need(county)
    Involvement.objects.filter(person=child).update(ended_on=date(2026, 5, 1), closure_reason="RC8")
    (episode,) = records(county)[str(child.pk)]["social_care_episodes"]
    assert "closure_date" not in episode and "closure_reason" not in episode


def test_a_first_build_sends_every_child_with_its_hash_beside_it(county, tmp_path):
    child = in_need(county)
    counts = write_api_payloads(authority=county.authority, on=ON, out=tmp_path)
    assert counts == {"new": 1, "changed": 0, "unchanged": 0, "purged": 0}
    sent = json.loads((tmp_path / "children" / f"{child.pk}.json").read_text())
    hashes = json.loads((tmp_path / "hashes.json").read_text())
    expected = hashlib.sha256(canonical(sent).encode()).hexdigest()
    assert hashes["children"] == {str(child.pk): {"hash": expected, "mis_child_id": str(child.pk)}}
    assert (hashes["la_code"], hashes["on"]) == (999, "2026-03-31")
    assert canonical(sent).startswith('{"child_details":{"date_of_birth":"2015-06-01",')


def test_a_second_build_with_no_change_marks_everything_unchanged_and_writes_nothing_to_send(
    county, tmp_path
):
    in_need(county)
    in_need(county, county.unallocated_child)
    write_api_payloads(authority=county.authority, on=ON, out=tmp_path)
    counts = write_api_payloads(authority=county.authority, on=ON, out=tmp_path)
    assert counts == {"new": 0, "changed": 0, "unchanged": 2, "purged": 0}
    assert list((tmp_path / "children").iterdir()) == []


def test_a_changed_date_of_birth_marks_the_child_changed(county, tmp_path):
    child, other = in_need(county), in_need(county, county.unallocated_child)
    write_api_payloads(authority=county.authority, on=ON, out=tmp_path / "monday")
    Person.objects.filter(pk=child.pk).update(date_of_birth=date(2015, 6, 2))
    counts = write_api_payloads(authority=county.authority, on=ON, out=tmp_path / "tuesday",
                                previous=tmp_path / "monday")  # fmt: skip
    assert counts == {"new": 0, "changed": 1, "unchanged": 1, "purged": 0}
    assert [p.name for p in (tmp_path / "tuesday" / "children").iterdir()] == [f"{child.pk}.json"]
    sent = json.loads((tmp_path / "tuesday" / "children" / f"{child.pk}.json").read_text())
    assert sent["child_details"]["date_of_birth"] == "2015-06-02"
    assert str(other.pk) in json.loads((tmp_path / "tuesday" / "hashes.json").read_text())["children"]


def test_a_child_no_longer_in_scope_gets_a_purge_record(county, tmp_path):
    leaving, staying = (
        in_need(county, referred_on=date(2025, 4, 7)),
        in_need(county, county.unallocated_child),
    )
    Identifier.objects.create(
        authority=county.authority, person=leaving, kind=IdentifierKind.LA_CHILD_ID, value="BRK7"
    )
    Involvement.objects.filter(person=leaving).update(ended_on=date(2025, 5, 1), closure_reason="RC8")
    write_api_payloads(authority=county.authority, on=ON, out=tmp_path)
    # A year on, the involvement that ended in May 2025 is out of the window.
    counts = write_api_payloads(authority=county.authority, on=date(2026, 6, 30), out=tmp_path)
    assert counts["purged"] == 1 and counts["unchanged"] + counts["changed"] == 1
    purge = json.loads((tmp_path / "children" / "BRK7.json").read_text())
    assert purge == {"la_code": 999, "la_child_id": "BRK7", "mis_child_id": str(leaving.pk), "purge": True}
    assert list(json.loads((tmp_path / "hashes.json").read_text())["children"]) == [str(staying.pk)]


def test_a_bad_identifier_is_reported_naming_the_child_and_the_field(county, tmp_path):
    child = in_need(county)
    # Saved past the form's check (an import of old data, say): 12 characters, not 13.
    Identifier.objects.create(
        authority=county.authority, person=child, kind=IdentifierKind.UPN, value="A12345678901"
    )
    with pytest.raises(ApiPayloadError) as raised:
        write_api_payloads(authority=county.authority, on=ON, out=tmp_path)
    assert raised.value.problems == [
        f"Child {child.pk}: child_details.unique_pupil_number 'A12345678901' must be 13 letters and digits"
    ]
    assert not (tmp_path / "hashes.json").exists()  # nothing written from a build that failed its checks


def test_two_children_with_one_council_child_id_are_reported(county):
    first, second = in_need(county), in_need(county, county.unallocated_child)
    for person in (first, second):
        Identifier.objects.create(authority=county.authority, person=person, kind=IdentifierKind.LA_CHILD_ID,
                                  value="BRK9")  # fmt: skip
    with pytest.raises(ApiPayloadError) as raised:
        records(county)
    assert raised.value.problems == [
        f"Child BRK9: la_child_id is the local authority child ID of two people in Hearth ({first.pk} and "
        f"{second.pk}): merge them, or correct one ID"
    ]


def test_the_number_of_queries_does_not_grow_with_the_number_of_children(county, carers):
    def child_in_care(child):
        in_need(county, child)
        care_start(by=county.social_worker, person=child, started_on=date(2025, 10, 6), legal_status="V2",
                   category_of_need="N1", placement=NewPlacement("K2", carers[1]))  # fmt: skip

    child_in_care(county.allocated_child)
    with CaptureQueriesContext(connection) as one:
        records(county)
    for n in range(4):
        child_in_care(PersonFactory(district=county.aldermoor, given_name=f"Extra{n}"))
    with CaptureQueriesContext(connection) as five:
        assert len(records(county)) == 5
    assert len(five) == len(one)
