from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.core.tests.factories import PersonFactory
from hearth.people.family import relationships_of
from hearth.people.models import AccessLevel
from hearth.people.relationships import RelationshipType
from hearth.people.services import household_create, relationship_add


@pytest.fixture
def family(county):
    mum = PersonFactory(district=county.aldermoor, kind="adult", given_name="Mia", family_name="Allocated")
    brother = PersonFactory(district=county.aldermoor, given_name="Ben", family_name="Allocated")
    relationship_add(
        by=county.front_door_officer, person=mum, other=county.allocated_child, type=RelationshipType.PARENT
    )
    relationship_add(by=county.front_door_officer, person=brother, other=county.allocated_child,
                     type=RelationshipType.SIBLING)  # fmt: skip
    household = household_create(by=county.front_door_officer, name="Allocated household, 1 Mill Lane",
                                 members=[mum, county.allocated_child, brother])  # fmt: skip
    return household, mum, brother


def test_a_relationship_reads_from_both_sides_with_its_inverse(county, family):
    _, mum, _brother = family
    seen_by_child = {
        r.person.given_name: r.label
        for r in relationships_of(user=county.social_worker, person=county.allocated_child)
    }
    assert seen_by_child == {"Mia": "Parent", "Ben": "Sibling"}
    seen_by_mum = {
        r.person.given_name: r.label for r in relationships_of(user=county.social_worker, person=mum)
    }
    assert seen_by_mum == {"Ava": "Child"}


def test_a_relationship_to_oneself_or_recorded_twice_is_refused(county, family):
    _, mum, brother = family
    with pytest.raises(ValidationError, match="someone other than"):
        relationship_add(by=county.front_door_officer, person=mum, other=mum, type=RelationshipType.PARENT)
    with pytest.raises(ValidationError, match="already recorded as sibling"):
        relationship_add(by=county.front_door_officer, person=county.allocated_child, other=brother,
                         type=RelationshipType.SIBLING)  # fmt: skip


def test_a_relationship_is_audited_on_both_people(county, family):
    _, mum, _ = family
    assert AuditEvent.objects.filter(person_id=mum.pk, summary="Recorded a relationship").count() == 1
    assert (
        AuditEvent.objects.filter(
            person_id=county.allocated_child.pk, summary="Recorded a relationship"
        ).count()
        == 2
    )


def test_a_sealed_relative_is_left_out(county, family):
    _, _mum, _ = family
    relationship_add(by=county.front_door_officer, person=county.sealed_child, other=county.allocated_child,
                     type=RelationshipType.SIBLING)  # fmt: skip
    names = {
        r.person.given_name
        for r in relationships_of(user=county.social_worker, person=county.allocated_child)
    }
    assert "Sid" not in names


def test_the_family_page_shows_every_member_and_who_works_with_them(client, county, family):
    household, mum, _brother = family
    client.force_login(county.social_worker)
    page = client.get(reverse("people:family", kwargs={"household_id": household.pk})).content.decode()
    assert "Mia Allocated" in page and "Ben Allocated" in page and "Ava Allocated" in page
    assert "Sam Okoro" in page  # Ava's allocated worker
    assert AuditEvent.objects.filter(summary__startswith="Viewed the family page", person_id=mum.pk).exists()


def test_a_restricted_member_shows_by_name_only_on_the_family_page(client, county, family):
    household, mum, _ = family
    mum.access_level = AccessLevel.RESTRICTED
    mum.save(update_fields=["access_level"])
    client.force_login(county.social_worker)
    page = client.get(reverse("people:family", kwargs={"household_id": household.pk})).content.decode()
    assert "Mia Allocated" in page and reverse("people:detail", kwargs={"person_id": mum.pk}) not in page


def test_a_worker_who_can_see_nobody_in_the_household_is_refused(client, county, family):
    household, _, _ = family
    client.force_login(county.other_district_worker)
    assert client.get(reverse("people:family", kwargs={"household_id": household.pk})).status_code == 403
    client.force_login(county.second_authority_worker)
    assert client.get(reverse("people:family", kwargs={"household_id": household.pk})).status_code == 404


def test_the_person_page_links_to_the_family(client, county, family):
    household, _, _ = family
    client.force_login(county.social_worker)
    page = client.get(
        reverse("people:detail", kwargs={"person_id": county.allocated_child.pk})
    ).content.decode()
    assert reverse("people:family", kwargs={"household_id": household.pk}) in page
    assert "Mia Allocated" in page and "Parent" in page
