from __future__ import annotations

import csv
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from hearth.care.episodes import NewPlacement, care_change, care_start
from hearth.care.missing import missing_record
from hearth.care.models import Episode, ProviderKind
from hearth.care.tests.factories import provider
from hearth.organisation.models import Authority
from hearth.people.models import Identifier, IdentifierKind, Person
from hearth.returns.models import SsdKey
from hearth.returns.ssd.export import write_ssd
from hearth.returns.ssd.load import SsdImportRefused, importer_for, ssd_import
from hearth.returns.ssda903 import ssda903_tables
from hearth.returns.years import CollectionYear

YEAR = CollectionYear(2026)
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def extract(county, tmp_path):
    """A child looked after for most of 2025/26, moved once and missing once, written out as an SSD extract."""
    child = county.allocated_child
    foster = provider(county.authority, name="The Hills")
    home = provider(county.authority, kind=ProviderKind.CHILDRENS_HOME, name="Hill House", ofsted_urn="SC123456",
                    place_provider="PR4", postcode="ST16 1AA")  # fmt: skip
    care_start(by=county.social_worker, person=child, started_on=date(2025, 6, 2), legal_status="V2",
               category_of_need="N1", placement=NewPlacement("U6", foster), home_postcode="WS11 0AA")  # fmt: skip
    care_change(by=county.social_worker, person=child, on=date(2025, 9, 1), legal_status="C2",
                placement=NewPlacement("K2", home), change_reason="CREQB")  # fmt: skip
    missing_record(by=county.social_worker, person=child, kind="M", started_at=datetime(2025, 10, 3, 21, tzinfo=LONDON),
                   ended_at=datetime(2025, 10, 4, 9, tzinfo=LONDON))  # fmt: skip
    folder = tmp_path / "ssd"
    write_ssd(authority_id=county.authority.pk, out=folder)
    return folder


@pytest.fixture
def elsewhere(db):
    """An empty Hearth: a council with no one on it yet, and the account its imports are recorded as."""
    council = Authority.objects.create(
        name="Importshire County Council", short_name="Importshire", dfe_code="997"
    )
    return importer_for(council)


def rows(folder, table):
    with (folder / f"{table}.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def rewrite(folder, table, change):
    found = rows(folder, table)
    header = list(found[0])
    for row in found:
        change(row)
    with (folder / f"{table}.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(found)


def test_the_export_writes_the_ssd_columns_and_names_the_child_by_the_returns_id(county, extract):
    person = rows(extract, "ssd_person")
    assert list(person[0])[:3] == ["pers_legacy_id", "pers_person_id", "pers_upn"]
    episodes = rows(extract, "ssd_cla_episodes")
    assert [(e["clae_cla_episode_start_reason"], e["clae_cla_episode_ceased_reason"]) for e in episodes] == [
        ("S", "X1"),
        ("B", ""),
    ]
    assert [s["lega_legal_status"] for s in rows(extract, "ssd_legal_status")] == ["V2", "C2"]
    assert {e["clae_person_id"] for e in episodes} == {str(county.allocated_child.pk)}


def test_an_extract_imported_into_an_empty_hearth_gives_the_same_ssda903_return(county, extract, elsewhere):
    result = ssd_import(by=elsewhere, folder=extract)

    assert result.people_added == len(rows(extract, "ssd_person"))
    ours = ssda903_tables(authority_id=county.authority.pk, year=YEAR)
    theirs = ssda903_tables(authority_id=elsewhere.authority_id, year=YEAR)
    assert theirs == ours
    assert ours["episodes"] and ours["missing"]
    imported = Person.objects.get(authority_id=elsewhere.authority_id,
                                  identifiers__kind=IdentifierKind.LA_CHILD_ID,
                                  identifiers__value=str(county.allocated_child.pk))  # fmt: skip
    assert imported.given_name == county.allocated_child.given_name
    # Times travel as UK local time: the missing episode in British Summer Time starts at the same moment.
    from hearth.care.models import MissingEpisode

    assert MissingEpisode.objects.get(person=imported).started_at == datetime(2025, 10, 3, 21, tzinfo=LONDON)


def test_running_the_same_import_again_changes_nothing(extract, elsewhere):
    ssd_import(by=elsewhere, folder=extract)
    counts = (
        Person.objects.count(),
        Episode.objects.count(),
        SsdKey.objects.count(),
        Identifier.objects.count(),
    )

    again = ssd_import(by=elsewhere, folder=extract)

    assert (again.people_added, again.people_already_imported) == (0, len(rows(extract, "ssd_person")))
    assert not again.records
    assert (
        Person.objects.count(),
        Episode.objects.count(),
        SsdKey.objects.count(),
        Identifier.objects.count(),
    ) == counts


def test_every_problem_is_reported_by_file_row_and_column_and_nothing_is_imported(county, extract, elsewhere):
    child = str(county.allocated_child.pk)

    def spoil_episodes(row):
        if row["clae_cla_episode_start_reason"] == "B":
            row["clae_cla_episode_start_date"] = "1st September"
            row["clae_cla_primary_need_code"] = "N99"

    rewrite(extract, "ssd_cla_episodes", spoil_episodes)
    rewrite(extract, "ssd_missing", lambda row: row.update(miss_person_id="NOBODY"))
    people_before = Person.objects.filter(authority_id=elsewhere.authority_id).count()

    with pytest.raises(SsdImportRefused) as refused:
        ssd_import(by=elsewhere, folder=extract)

    found = {(p.file, p.row, p.column) for p in refused.value.problems}
    assert ("ssd_cla_episodes.csv", 3, "clae_cla_episode_start_date") in found
    assert ("ssd_cla_episodes.csv", 3, "clae_cla_primary_need_code") in found
    assert ("ssd_missing.csv", 2, "miss_person_id") in found
    messages = " ".join(p.message for p in refused.value.problems)
    assert "“1st September” is not a date" in messages and "“N99” is not a code" in messages
    assert "No person with ID “NOBODY”" in messages
    assert Person.objects.filter(authority_id=elsewhere.authority_id).count() == people_before
    assert child  # the spoilt rows were the allocated child's


def test_a_missing_column_and_a_duplicate_person_are_reported(county, extract, elsewhere):
    person = rows(extract, "ssd_person")
    with (extract / "ssd_person.csv").open("a", newline="", encoding="utf-8") as handle:
        csv.DictWriter(handle, fieldnames=list(person[0])).writerow(person[0])  # the same person twice
    header = list(rows(extract, "ssd_cla_placement")[0])
    with (extract / "ssd_cla_placement.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerow([c for c in header if c != "clap_cla_placement_type"])

    with pytest.raises(SsdImportRefused) as refused:
        ssd_import(by=elsewhere, folder=extract)

    text = [str(p) for p in refused.value.problems]
    assert (
        "ssd_cla_placement.csv, row 1, clap_cla_placement_type: The file has no column with this name" in text
    )
    assert any("is used twice" in t and "ssd_person.csv" in t for t in text)


def test_the_valid_part_can_be_imported_leaving_out_whole_people_with_problems(county, extract, elsewhere):
    child = str(county.allocated_child.pk)
    rewrite(extract, "ssd_missing", lambda row: row.update(miss_missing_episode_type="Q"))

    result = ssd_import(by=elsewhere, folder=extract, valid_only=True)

    assert result.people_left_out == [child]
    assert any(p.column == "miss_missing_episode_type" for p in result.problems)
    assert not Person.objects.filter(authority_id=elsewhere.authority_id, identifiers__value=child).exists()
    assert not Episode.objects.filter(authority_id=elsewhere.authority_id).exists()
    assert result.people_added == len(rows(extract, "ssd_person")) - 1


def test_a_young_mother_and_her_baby_keep_their_relationship(county, tmp_path, elsewhere):
    from hearth.casework.models import InvolvementKind
    from hearth.casework.services import involvement_open
    from hearth.core.tests.factories import PersonFactory
    from hearth.people.models import Relationship
    from hearth.people.relationships import RelationshipType
    from hearth.people.services import relationship_add

    mother = PersonFactory(authority=county.authority, given_name="Mia", family_name="Young", sex="F",
                           date_of_birth=date(2009, 2, 1))  # fmt: skip
    baby = PersonFactory(
        authority=county.authority, given_name="Bo", family_name="Young", date_of_birth=date(2025, 12, 1)
    )
    for person in (mother, baby):
        involvement_open(by=county.social_worker, person=person, kind=InvolvementKind.SOCIAL_CARE,
                         started_on=date(2026, 1, 5))  # fmt: skip
    relationship_add(by=county.social_worker, person=mother, other=baby, type=RelationshipType.PARENT)
    folder = tmp_path / "ssd"
    write_ssd(authority_id=county.authority.pk, out=folder)
    assert rows(folder, "ssd_mother")[0]["moth_childs_dob"] == "2025-12-01"

    ssd_import(by=elsewhere, folder=folder)
    ssd_import(by=elsewhere, folder=folder)

    link = Relationship.objects.get(authority_id=elsewhere.authority_id, type=RelationshipType.PARENT)
    assert (link.person.given_name, link.other.given_name) == ("Mia", "Bo")


def test_two_people_the_extract_holds_apart_stay_two_people(county, tmp_path, elsewhere):
    from hearth.casework.models import InvolvementKind
    from hearth.casework.services import involvement_open
    from hearth.people.services import AddressInput, PersonInput, person_create

    twins = [
        person_create(by=county.social_worker, data=PersonInput(
            given_name="Sam", family_name="Lee", date_of_birth=date(2016, 3, 3), sex="M",
            address=AddressInput(line_1="1 Mill Lane", town="Fernbridge", postcode="ST16 2LH")))
        for _ in range(2)
    ]  # fmt: skip
    for person in twins:
        involvement_open(by=county.social_worker, person=person, kind=InvolvementKind.SOCIAL_CARE,
                         started_on=date(2026, 1, 5))  # fmt: skip
    folder = tmp_path / "ssd"
    write_ssd(authority_id=county.authority.pk, out=folder)

    result = ssd_import(by=elsewhere, folder=folder)

    assert Person.objects.filter(authority_id=elsewhere.authority_id, given_name="Sam").count() == 2
    assert result.people_linked == 0
    assert any(pid == str(twins[1].pk) for pid, _ in result.possible_duplicates)
