from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.people.models import Person
from hearth.people.services import PersonInput, validate_person_input

URL = reverse("people:add")


def form(**overrides):
    data = {
        "kind": "child", "given_name": "Jaden", "family_name": "Smtih", "date_of_birth_0": "4",
        "date_of_birth_1": "3", "date_of_birth_2": "2016", "sex": "M", "ethnicity": "NOBT", "postcode": "",
    }  # fmt: skip
    data.update(overrides)
    return data


def test_roles_that_may_not_change_records_cannot_add_people(client, county):
    for user in (county.business_support, county.analyst, county.administrator):
        client.force_login(user)
        assert client.get(URL).status_code == 403


def test_a_misspelt_name_shows_the_existing_record_before_anything_is_made(client, county, jayden):
    client.force_login(county.front_door_officer)
    response = client.post(URL, form())
    page = response.content.decode()
    assert "Check whether Jaden Smtih is already on Hearth" in page
    assert "Jayden Smith" in page and "Strong match" in page and "Same date of birth" in page
    assert reverse("people:detail", kwargs={"person_id": jayden.pk}) in page
    assert not Person.objects.filter(family_name="Smtih").exists()


def test_choosing_none_of_these_adds_the_person_and_records_what_was_shown(client, county, jayden):
    client.force_login(county.front_door_officer)
    response = client.post(URL, form(confirmed="new", candidate=[str(jayden.pk)]))
    person = Person.objects.get(family_name="Smtih")
    assert response["Location"] == reverse("people:detail", kwargs={"person_id": person.pk})
    assert AuditEvent.objects.get(person_id=person.pk, action="create").changes[
        "possible_duplicates_shown"
    ] == [jayden.pk]
    assert "Jaden Smtih has been added" in client.get(response["Location"]).content.decode()


def test_a_person_with_no_likely_duplicate_is_added_straight_away(client, county):
    client.force_login(county.front_door_officer)
    response = client.post(URL, form(given_name="Zoë", family_name="O'Brien-Kelly"))
    assert response.status_code == 302
    assert Person.objects.filter(given_name="Zoë", family_name="O'Brien-Kelly").exists()


def test_names_in_another_script_are_accepted(client, county):
    client.force_login(county.front_door_officer)
    assert client.post(URL, form(given_name="Иван", family_name="Петров")).status_code == 302
    assert Person.objects.filter(family_name="Петров").exists()


def test_bad_input_gets_govuk_errors_naming_each_field_and_saves_nothing(client, county):
    client.force_login(county.front_door_officer)
    response = client.post(URL, form(given_name="", date_of_birth_0="4", date_of_birth_1="3", date_of_birth_2="2099",
                                     nhs="9434765918", upn="A801200005001", line_1="1 Mill Lane", town="Fernbridge",
                                     postcode="ST16"))  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    for message in ("Enter a first name", "Date of birth must be today or in the past",
                    "Enter a real NHS number", "Enter a real UPN", "Enter a full UK postcode"):  # fmt: skip
        assert message in page, message
    assert 'href="#id_date_of_birth_0"' in page and 'href="#id_nhs"' in page
    assert not Person.objects.filter(family_name="Smtih").exists()


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [("4", "", "2016", "Date of birth must include a month"), ("31", "2", "2016", "Date of birth must be a real date"),
     ("x", "3", "2016", "Date of birth must be a real date"), ("4", "3", "16", "Date of birth must be a real date")],
)  # fmt: skip
def test_an_impossible_or_incomplete_date_is_named(client, county, day, month, year, message):
    client.force_login(county.front_door_officer)
    page = client.post(
        URL, form(date_of_birth_0=day, date_of_birth_1=month, date_of_birth_2=year)
    ).content.decode()
    assert message in page


def test_dead_before_born_is_refused():
    errors = validate_person_input(PersonInput(given_name="A", family_name="B", date_of_birth=date(2016, 3, 4),
                                               date_of_death=date(2015, 1, 1)))  # fmt: skip
    assert errors["date_of_death"] == ["Date of death must be the same as or after the date of birth"]
