from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from datetime import date

import pytest
from django.utils import timezone

from hearth.audit.models import AuditAction, AuditEvent
from hearth.care.episodes import NewPlacement, care_start
from hearth.care.tests.factories import provider
from hearth.casework.services import referral_open
from hearth.core.tests.factories import PersonFactory
from hearth.core.tests.queries import assert_queries_do_not_grow
from hearth.returns.years import CollectionYear

PAGE = "/returns/"


@pytest.fixture
def referred(county):
    """A child referred in 2025/26 whose ethnicity and disability were never recorded, and a child in care."""
    child = county.allocated_child
    referral_open(by=county.front_door_officer, person=child, referred_on=date(2025, 9, 1), source="2A")
    care_start(by=county.social_worker, person=county.unallocated_child, started_on=date(2025, 6, 2),
               legal_status="V2", category_of_need="N1",
               placement=NewPlacement("U6", provider(county.authority, name="The Hills")), home_postcode="WS11 0AA")  # fmt: skip
    return child


def page(client, user, query=""):
    client.force_login(user)
    return client.get(PAGE + query)


def test_an_analyst_sees_the_returns_page_for_this_collection_year(client, county):
    response = page(client, county.analyst)
    text = response.content.decode()
    this_year = CollectionYear.containing(timezone.localdate())
    assert response.status_code == 200
    assert "Statutory returns" in text and f"Returns for {this_year}" in text
    assert "Download the SSDA903 return" in text and "Download Annex A" in text
    assert "Problems by rule" not in text  # the check runs only when asked


def test_the_navigation_offers_returns_to_analysts_and_heads_of_service_only(client, county):
    from hearth.accounts.roles import Role
    from hearth.core.tests.factories import UserFactory

    head = UserFactory(team=county.central, username="hos", role=Role.HEAD_OF_SERVICE, practitioner_kind="")
    for user, shown in ((county.analyst, True), (head, True), (county.social_worker, False),
                        (county.team_manager, False), (county.administrator, False)):  # fmt: skip
        client.force_login(user)
        assert (f'href="{PAGE}"' in client.get("/").content.decode()) is shown, user.username


def test_a_social_worker_is_refused_the_page_and_every_download(client, county):
    client.force_login(county.social_worker)
    for url in (PAGE, PAGE + "?year=2026&check=yes", PAGE + "ssda903.zip?year=2026",
                PAGE + "cin-census.xml?year=2026", PAGE + "annex-a.xlsx"):  # fmt: skip
        assert client.get(url).status_code == 403, url


def test_the_ssda903_download_is_a_zip_of_this_and_last_years_tables(client, county, referred):
    client.force_login(county.analyst)
    response = client.get(PAGE + "ssda903.zip?year=2026")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="ssda903-999-2026.zip"'
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert "2026/episodes.csv" in names and "2026/header.csv" in names
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, actor=county.analyst,
                                     summary="Downloaded the SSDA903 return for 2025/26").exists()  # fmt: skip


def test_the_cin_census_download_is_the_census_xml(client, county, referred):
    client.force_login(county.analyst)
    response = client.get(PAGE + "cin-census.xml?year=2026")
    assert response.status_code == 200 and response["Content-Type"] == "application/xml"
    message = ET.fromstring(response.content)  # noqa: S314 (the file Hearth itself just wrote)
    assert message.findtext("Header/CollectionDetails/ReferenceDate") == "2026-03-31"
    assert len(message.findall("Children/Child")) == 2


def test_the_annex_a_download_is_a_workbook(client, county, referred):
    client.force_login(county.analyst)
    response = client.get(PAGE + "annex-a.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response.content[:2] == b"PK" and len(response.content) > 1000  # an xlsx is a zip
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORT, summary__startswith="Downloaded Annex A"
    ).exists()


@pytest.mark.parametrize("year, error", [
    ("1999", "Enter a collection year from 2020 to {latest}"),
    ("2099", "Enter a collection year from 2020 to {latest}"),
    ("twenty", "Enter the collection year as the year it ends, like 2026, or as 2025/26"),
    ("2025/27", "Enter a collection year of two years in a row, like 2025/26"),
    ("", "Enter the collection year, for example 2026"),
])  # fmt: skip
def test_a_bad_year_is_explained_on_the_page(client, county, year, error):
    latest = CollectionYear.containing(timezone.localdate()).end_year
    text = page(client, county.analyst, f"?year={year}").content.decode()
    assert "There is a problem" in text and error.format(latest=latest) in text
    assert "<title>Error: " in text
    assert "Download the SSDA903 return" not in text


def test_a_year_can_be_typed_as_the_dfe_writes_it(client, county):
    text = page(client, county.analyst, "?year=2025/26").content.decode()
    assert "Returns for 2025/26" in text and "ssda903.zip?year=2026" in text


def test_a_download_for_a_bad_year_goes_back_to_the_page_to_say_why(client, county):
    client.force_login(county.analyst)
    response = client.get(PAGE + "cin-census.xml?year=abc")
    assert response.status_code == 302 and response["Location"] == PAGE + "?year=abc"


def test_the_check_counts_children_by_rule_and_links_to_their_records(client, county, referred):
    text = page(client, county.analyst, "?year=2026&check=yes").content.decode()
    assert "Problems by rule" in text
    assert "Disability not recorded" in text and "Ethnicity not yet obtained for a child in need" in text
    assert f'href="/people/{referred.pk}/"' in text and "Ava Allocated" in text
    assert 'href="#rule-8540"' in text and 'id="rule-8540"' in text
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, person=referred, actor=county.analyst,
                                     summary__startswith="Checked the returns for 2025/26").exists()  # fmt: skip


def test_clean_returns_say_so(client, county):
    text = page(client, county.analyst, "?year=2026&check=yes").content.decode()
    assert "The check found no problems in the returns for 2025/26" in text


def test_a_child_whose_record_is_sealed_is_counted_but_not_named(client, county):
    referral_open(
        by=county.front_door_officer, person=county.sealed_child, referred_on=date(2025, 9, 1), source="2A"
    )
    text = page(client, county.analyst, "?year=2026&check=yes").content.decode()
    assert "Sid Sealed" not in text and f"/people/{county.sealed_child.pk}/" not in text
    assert "1 is about children whose records you cannot open" in text


def test_the_page_with_the_check_asks_the_same_number_of_queries_however_many_problems(
    client, county, referred
):
    client.force_login(county.analyst)

    def more():
        for n in range(4):
            child = PersonFactory(district=county.eastwold, given_name=f"More{n}")
            referral_open(
                by=county.front_door_officer, person=child, referred_on=date(2025, 10, 1), source=""
            )

    assert_queries_do_not_grow(lambda: client.get(PAGE + "?year=2026&check=yes"), more)
