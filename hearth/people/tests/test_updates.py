from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.people import updates
from hearth.people.models import Address, MatchKey
from hearth.people.services import match_index_refresh


def test_a_new_name_keeps_the_old_one_and_matching_still_finds_it(county):
    child = county.allocated_child
    updates.person_rename(by=county.social_worker, person=child, given_name="Ava", family_name="Okafor")
    assert child.other_names.get().family_name == "Allocated"
    keys = set(MatchKey.objects.filter(person=child).values_list("key", flat=True))
    assert any(k.startswith("fn:ALKTT") for k in keys) and any(k.startswith("fn:OKFR") for k in keys)


def test_a_new_address_ends_the_current_one_and_keeps_the_history(county):
    child = county.allocated_child
    Address.objects.create(authority=county.authority, person=child, line_1="1 Old Road", town="Aldermoor",
                           postcode="BK1 1AA", started_on=date(2020, 1, 1))  # fmt: skip
    moved = date.today() - timedelta(days=3)
    updates.person_address_move(by=county.social_worker, person=child, line_1="4 Kiln Way", line_2="",
                                town="Aldermoor", postcode="bk12ab", moved_on=moved)  # fmt: skip
    history = list(child.addresses.order_by("started_on").values_list("line_1", "ended_on"))
    assert history == [("1 Old Road", moved), ("4 Kiln Way", None)]


def test_a_move_dated_before_the_current_address_is_refused(county):
    child = county.allocated_child
    Address.objects.create(authority=county.authority, person=child, line_1="1 Old Road", town="Aldermoor",
                           postcode="BK1 1AA", started_on=date(2026, 1, 1))  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        updates.person_address_move(by=county.social_worker, person=child, line_1="2 New", line_2="", town="A",
                                    postcode="BK1 2AB", moved_on=date(2025, 6, 1))  # fmt: skip
    assert "moved_on" in caught.value.message_dict


@pytest.mark.parametrize(("kind", "value"), [("email", "not an email"), ("mobile", "call me"), ("phone", "")])
def test_bad_contact_details_are_refused(county, kind, value):
    with pytest.raises(ValidationError):
        updates.contact_detail_add(
            by=county.social_worker, person=county.allocated_child, kind=kind, value=value
        )


def test_a_flag_shows_on_the_record_until_it_is_ended(client, county):
    flag = updates.flag_raise(by=county.social_worker, person=county.allocated_child, kind="warning",
                              text="Dog at the property; do not visit alone")  # fmt: skip
    client.force_login(county.social_worker)
    url = reverse("people:detail", kwargs={"person_id": county.allocated_child.pk})
    assert "Dog at the property" in client.get(url).content.decode()
    client.post(
        reverse("people:flag-end", kwargs={"person_id": county.allocated_child.pk, "flag_id": flag.pk})
    )
    assert "Dog at the property" not in client.get(url).content.decode()


def test_details_pages_change_the_record_and_name_bad_input(client, county):
    child = county.allocated_child
    client.force_login(county.social_worker)
    url = reverse("people:details", kwargs={"person_id": child.pk, "change": "new-address"})
    page = client.post(url, {"line_1": "", "town": "", "postcode": "nowhere"}).content.decode()
    assert "Enter the first line of the address" in page and "Enter a full UK postcode" in page
    assert (
        client.post(url, {"line_1": "4 Kiln Way", "town": "Aldermoor", "postcode": "BK1 2AB"}).status_code
        == 302
    )
    relate = reverse("people:details", kwargs={"person_id": child.pk, "change": "add-relationship"})
    mum = county.unallocated_child
    assert client.post(relate, {"other": mum.pk, "type": "grandparent"}).status_code == 302
    assert child.relationships_in.get().type == "grandparent"
    household = reverse("people:details", kwargs={"person_id": child.pk, "change": "household"})
    assert "Enter a name for the household" in client.post(household, {"name": ""}).content.decode()
    assert client.post(household, {"name": "Allocated household"}).status_code == 302


def test_someone_who_may_only_read_cannot_change_details(client, county):
    client.force_login(county.business_support)
    url = reverse("people:details", kwargs={"person_id": county.allocated_child.pk, "change": "change-name"})
    assert client.get(url).status_code == 403


def test_an_unknown_change_is_not_found(client, county):
    client.force_login(county.social_worker)
    url = reverse("people:details", kwargs={"person_id": county.allocated_child.pk, "change": "nonsense"})
    assert client.get(url).status_code == 404


def test_match_keys_follow_changes(county):
    match_index_refresh(county.allocated_child)
    updates.person_address_move(by=county.social_worker, person=county.allocated_child, line_1="4 Kiln Way",
                                line_2="", town="Aldermoor", postcode="BK1 2AB", moved_on=None)  # fmt: skip
    assert MatchKey.objects.filter(person=county.allocated_child, key="pc:BK1 2AB").exists()
