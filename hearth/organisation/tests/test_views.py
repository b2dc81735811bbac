from __future__ import annotations

from django.urls import reverse

from hearth.core.tests.factories import UserFactory
from hearth.core.tests.queries import assert_queries_do_not_grow


def test_the_directory_lists_the_authoritys_staff_only(client, county):
    client.force_login(county.social_worker)
    page = client.get(reverse("organisation:directory")).content.decode()
    assert "Sam Okoro" in page
    assert county.second_authority_worker.last_name not in page


def test_the_directory_filters_by_district_team_role_and_name(client, county):
    client.force_login(county.administrator)
    url = reverse("organisation:directory")
    by_district = client.get(url, {"district": county.eastwold.pk}).content.decode()
    assert county.other_district_worker.last_name in by_district and "Sam Okoro" not in by_district
    by_role = client.get(url, {"role": "administrator"}).content.decode()
    assert county.administrator.last_name in by_role and "Sam Okoro" not in by_role
    by_name = client.get(url, {"q": "okoro"}).content.decode()
    assert "Sam Okoro" in by_name and "1 staff" in by_name


def test_a_district_of_another_authority_is_not_a_valid_filter(client, county):
    client.force_login(county.social_worker)
    page = client.get(
        reverse("organisation:directory"), {"district": county.other_district.pk}
    ).content.decode()
    assert "There is a problem" in page and "Select a district from the list" in page


def test_a_staff_name_with_markup_is_shown_as_text(client, county):
    UserFactory(team=county.safeguarding, first_name="<b>Bold</b>", last_name="<img src=x>")
    client.force_login(county.social_worker)
    page = client.get(reverse("organisation:directory")).content.decode()
    assert "<img src=x>" not in page and "&lt;img src=x&gt;" in page


def test_the_directory_query_count_does_not_grow_with_staff(client, county):
    client.force_login(county.social_worker)
    assert_queries_do_not_grow(
        lambda: client.get(reverse("organisation:directory")),
        lambda: UserFactory.create_batch(30, team=county.eastwold_team),
    )
