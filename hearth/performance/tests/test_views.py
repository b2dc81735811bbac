"""The dashboard pages: who may see them, what they show, their CSV files, bad filters, query counts."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from django.utils import timezone
from markupsafe import escape

from hearth.accounts.roles import Role
from hearth.core.tests.factories import UserFactory
from hearth.core.tests.queries import assert_queries_do_not_grow
from hearth.performance.indicators import INDICATORS
from hearth.performance.tests.builders import assessment, care, child, referral

Q1 = {"start_0": 1, "start_1": 1, "start_2": 2026, "end_0": 31, "end_1": 3, "end_2": 2026}


def q1(**more):
    return {**Q1, "district": "", **more}


@pytest.mark.parametrize("role", [Role.PERFORMANCE_ANALYST, Role.HEAD_OF_SERVICE, Role.TEAM_MANAGER])
def test_analysts_heads_of_service_and_team_managers_see_the_dashboards(client, county, role):
    client.force_login(
        UserFactory(team=county.safeguarding, username=f"someone-{role}", role=role, practitioner_kind="")
    )
    assert client.get("/performance/").status_code == 200
    assert client.get("/performance/referrals/").status_code == 200
    assert client.get("/performance/referrals/districts.csv").status_code == 200


@pytest.mark.parametrize("who", ["social_worker", "business_support", "administrator", "front_door_officer"])
def test_everyone_else_is_refused(client, county, who):
    client.force_login(getattr(county, who))
    for url in ("/performance/", "/performance/headlines.csv", "/performance/referrals/",
                "/performance/referrals/districts.csv"):  # fmt: skip
        assert client.get(url).status_code == 403, url
    assert 'href="/performance/"' not in client.get("/").content.decode()


def test_the_index_shows_each_indicator_with_its_rate_and_comparator(client, county):
    for _ in range(3):
        care(child(county.aldermoor), date(2025, 6, 1))
    client.force_login(county.analyst)
    response = client.get("/performance/", q1())
    text = response.content.decode()
    assert response.status_code == 200
    for indicator in INDICATORS.values():
        assert escape(indicator.name) in text
    # 3 children looked after of 48,200 aged 0 to 17 in the county: 0.6 per 10,000; England's 60 beside it.
    assert "0.6" in text and "England average, 2017: 60.0" in text
    assert (
        "from 1 January 2026 to 31 March 2026" in text
        and 'href="/performance/looked-after/?start_0=1' in text
    )


def test_an_indicator_page_shows_its_definition_trend_chart_tables_and_csv_links(client, county):
    referral(child(county.aldermoor), date(2026, 2, 10))
    referral(child(county.eastwold), date(2026, 3, 10))
    client.force_login(county.analyst)
    text = client.get("/performance/referrals/", q1()).content.decode()
    assert escape(INDICATORS["referrals"].definition) in text
    assert 'role="img"' in text and "Referrals to children’s social care in each period, Brackenshire" in text
    assert "January 2026" in text and "Rate per 10,000 children" in text
    assert (
        "Referrals to children’s social care by district" in text and "Brackenshire (all districts)" in text
    )
    assert (
        "/performance/referrals/districts.csv?start_0=1" in text
        and "/performance/referrals/trend.csv?" in text
    )


def test_filtering_to_a_district_shows_its_figures_and_keeps_the_others_for_comparison(client, county):
    referral(child(county.aldermoor), date(2026, 2, 10))
    referral(child(county.eastwold), date(2026, 3, 10))
    referral(child(county.eastwold), date(2026, 3, 11))
    client.force_login(county.analyst)
    response = client.get("/performance/referrals/trend.csv", q1(district=county.eastwold.pk))
    assert 'filename="referrals-trend-eastwold-2026-01-01-2026-03-31.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Period", "Referrals", "Rate per 10,000 children"]
    assert rows[1:] == [
        ["January 2026", "0", "0.0"],
        ["February 2026", "0", "0.0"],
        ["March 2026", "2", "1.0101010101010102"],
    ]
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(
                    "/performance/referrals/districts.csv", q1(district=county.eastwold.pk)
                ).content.decode()
            )
        )
    )
    assert (
        rows[1][:2] == ["Aldermoor", "1"]
        and rows[2][:2] == ["Eastwold", "2"]
        and rows[-1][:2] == ["Brackenshire (all districts)", "3"]
    )


def test_a_share_of_nothing_says_no_data_never_0_percent(client, county):
    client.force_login(county.analyst)
    text = client.get("/performance/assessments/", q1()).content.decode()
    assert "no data" in text and ">0%<" not in text
    rows = list(
        csv.reader(io.StringIO(client.get("/performance/assessments/districts.csv", q1()).content.decode()))
    )
    assert rows[1] == ["Aldermoor", "0", "0", ""]  # blank, not 0, in the CSV


def test_figures_name_nobody(client, county):
    assessment(
        county.allocated_child,
        referred_on=date(2026, 1, 5),
        completed_on=date(2026, 2, 5),
        worker=county.social_worker,
    )
    client.force_login(county.analyst)
    for url in ("/performance/", "/performance/assessments/", "/performance/caseloads/"):
        text = client.get(url, q1()).content.decode()
        assert "Allocated" not in text and "Okoro" not in text, url  # Ava Allocated; her worker Sam Okoro


def test_another_council_s_records_are_never_counted(client, county):
    referral(child(county.other_district), date(2026, 2, 10))
    client.force_login(county.analyst)
    rows = list(
        csv.reader(io.StringIO(client.get("/performance/referrals/districts.csv", q1()).content.decode()))
    )
    assert [r[0] for r in rows[1:]] == ["Aldermoor", "Eastwold", "Brackenshire (all districts)"]
    assert rows[-1][1] == "0"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (q1(end_0=31, end_1=12, end_2=2025), "End date must be the same as or after the start date"),
        (q1(start_0=31, start_1=2), "Start date must be a real date"),
        (q1(end_0=""), "End date must include a day"),
        (q1(start_2="26"), "Start date must be a real date"),
        (q1(start_2=1999), "Start date must be in 2000 or later"),
        (q1(start_2=2020), "Choose a range of 5 years or less"),
        (q1(district="999999"), "Choose a district from the list"),
        (q1(district="aldermoor"), "Choose a district from the list"),
    ],
)
def test_bad_filters_are_explained_in_the_error_summary(client, county, query, message):
    client.force_login(county.analyst)
    for url in ("/performance/", "/performance/referrals/"):
        response = client.get(url, query)
        text = response.content.decode()
        assert response.status_code == 400 and "There is a problem" in text and message in text, url
        assert "<title>Error:" in text
    assert client.get("/performance/referrals/trend.csv", query).status_code == 400
    assert client.get("/performance/headlines.csv", query).status_code == 400


def test_an_end_date_in_the_future_is_explained(client, county):
    client.force_login(county.analyst)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.get("/performance/", q1(end_0=tomorrow.day, end_1=tomorrow.month, end_2=tomorrow.year))
    assert (
        response.status_code == 400 and "End date must be today or in the past" in response.content.decode()
    )


def test_another_council_s_district_cannot_be_chosen(client, county):
    client.force_login(county.analyst)
    response = client.get("/performance/referrals/", q1(district=county.other_district.pk))
    assert response.status_code == 400 and "Choose a district from the list" in response.content.decode()


def test_unknown_indicators_and_tables_are_not_found(client, county):
    client.force_login(county.analyst)
    assert client.get("/performance/nothing/").status_code == 404
    assert client.get("/performance/referrals/nothing.csv").status_code == 404


def test_the_headline_figures_download_as_csv(client, county):
    referral(child(county.aldermoor), date(2026, 2, 10))
    client.force_login(county.analyst)
    rows = list(csv.reader(io.StringIO(client.get("/performance/headlines.csv", q1()).content.decode())))
    assert rows[0][:3] == ["Indicator", "When", "Count"]
    assert rows[2][:3] == ["Referrals to children’s social care", "from 1 January 2026 to 31 March 2026", "1"]


def test_pages_make_the_same_number_of_queries_however_many_records(
    client, county, django_assert_max_num_queries
):
    client.force_login(county.analyst)

    def add_rows():
        for n in range(6):
            person = child(county.aldermoor if n % 2 else county.eastwold, date_of_birth=date(2008, 1, 1))
            referral(person, date(2026, 1, 5 + n))
            assessment(
                person,
                referred_on=date(2026, 1, 5),
                completed_on=date(2026, 3, 1),
                worker=county.social_worker,
            )
            care(
                person,
                date(2024, 1, 1),
                placements=[(date(2024, 1, 1), date(2025, 6, 1), "U1"), (date(2025, 6, 1), None, "U4")],
            )

    for url in ("/performance/referrals/", "/performance/assessments/", "/performance/three-placements/"):
        assert_queries_do_not_grow(lambda url=url: client.get(url, q1()), add_rows)
    assert_queries_do_not_grow(lambda: client.get("/performance/", q1()), add_rows)
    with django_assert_max_num_queries(12):
        client.get("/performance/long-term-stability/", q1())
    with django_assert_max_num_queries(35):
        client.get("/performance/", q1())


def test_a_district_with_no_children_recorded_has_no_rate_rather_than_a_rate_of_0(client, county):
    from hearth.core.tests.factories import DistrictFactory

    new_town = DistrictFactory(
        authority=county.authority, name="New Town", code="new-town", child_population=0
    )
    referral(child(new_town), date(2026, 2, 10))
    client.force_login(county.analyst)
    rows = list(
        csv.reader(io.StringIO(client.get("/performance/referrals/districts.csv", q1()).content.decode()))
    )
    assert ["New Town", "1", "0", ""] in rows
    text = client.get("/performance/referrals/", q1(district=new_town.pk)).content.decode()
    assert "no data" in text
