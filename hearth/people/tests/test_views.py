from __future__ import annotations

from django.urls import reverse

from hearth.core.tests.factories import AllocationFactory, PersonFactory
from hearth.core.tests.queries import assert_queries_do_not_grow


def test_a_social_worker_opens_a_record_in_their_district(client, county):
    client.force_login(county.social_worker)
    page = client.get(
        reverse("people:detail", kwargs={"person_id": county.allocated_child.pk})
    ).content.decode()
    assert "Ava Allocated" in page and "Sam Okoro" in page and "Aldermoor" in page


def test_a_worker_from_another_district_is_refused_with_a_403_page(client, county):
    client.force_login(county.other_district_worker)
    response = client.get(reverse("people:detail", kwargs={"person_id": county.allocated_child.pk}))
    assert response.status_code == 403
    page = response.content.decode()
    assert "You do not have access to this page" in page and "Ava" not in page


def test_a_restricted_record_shows_only_the_name(client, county):
    client.force_login(county.social_worker)
    page = client.get(
        reverse("people:detail", kwargs={"person_id": county.restricted_child.pk})
    ).content.decode()
    assert "Rhea Restricted" in page and "This record is restricted" in page
    assert "Date of birth" not in page


def test_a_sealed_record_is_not_found(client, county):
    client.force_login(county.social_worker)
    assert (
        client.get(reverse("people:detail", kwargs={"person_id": county.sealed_child.pk})).status_code == 404
    )


def test_a_user_of_a_second_authority_cannot_find_or_open_our_records(client, county):
    client.force_login(county.second_authority_worker)
    listing = client.get(reverse("people:list")).content.decode()
    assert "Otto Otherside" in listing and "Ava Allocated" not in listing
    assert (
        client.get(reverse("people:detail", kwargs={"person_id": county.allocated_child.pk})).status_code
        == 404
    )


def test_search_finds_by_name_and_hides_restricted_details(client, county):
    client.force_login(county.social_worker)
    page = client.get(reverse("people:list"), {"q": "rhea"}).content.decode()
    assert "Rhea Restricted" in page and "Restricted</td>" in page
    assert "1 June 2015" not in page


def test_the_people_list_and_my_work_query_counts_do_not_grow_with_people(client, county):
    client.force_login(county.social_worker)

    def more_people():
        for _ in range(20):
            AllocationFactory(person=PersonFactory(district=county.aldermoor), worker=county.social_worker)

    assert_queries_do_not_grow(lambda: client.get(reverse("people:list")), more_people)
    assert_queries_do_not_grow(lambda: client.get(reverse("core:home")), more_people)


def test_my_work_lists_a_practitioners_caseload(client, county):
    client.force_login(county.social_worker)
    page = client.get(reverse("core:home")).content.decode()
    assert "People allocated to you" in page and "Ava Allocated" in page and "Mo Moved" in page


def test_my_work_shows_a_team_manager_their_teams_caseloads(client, county):
    client.force_login(county.team_manager)
    page = client.get(reverse("core:home")).content.decode()
    assert "Your team’s caseloads" in page and "Sam Okoro" in page


def test_my_work_shows_an_analyst_the_districts(client, county):
    client.force_login(county.analyst)
    page = client.get(reverse("core:home")).content.decode()
    assert "28,400" in page and "Population and staff by district" in page


def test_an_administrator_has_no_people_page(client, county):
    client.force_login(county.administrator)
    assert client.get(reverse("people:list")).status_code == 403
    assert "People</a>" not in client.get(reverse("core:home")).content.decode()
