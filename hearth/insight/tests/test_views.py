from __future__ import annotations

import csv
import io

import pytest

from hearth.accounts.roles import Role
from hearth.core.tests.factories import UserFactory


@pytest.mark.parametrize("role", [Role.PERFORMANCE_ANALYST, Role.HEAD_OF_SERVICE])
def test_analysts_and_heads_of_service_see_the_financial_case(client, county, role):
    client.force_login(
        UserFactory(team=county.analyst.team, username=f"someone-{role}", role=role, practitioner_kind="")
    )
    response = client.get("/insight/financial-case/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Break-even in 2023/24, after 4 years." in text
    assert "53,013,482" in text and "(32,893)" in text  # Appendix 4's current cost; Table 1's last surplus
    assert 'role="img"' in text and "Children looked after at each March" in text


def test_a_social_worker_is_refused_insight(client, county):
    client.force_login(county.social_worker)
    for url in (
        "/insight/",
        "/insight/financial-case/",
        "/insight/financial-case/table-3.csv",
        "/insight/forecast/",
        "/insight/scenarios/",
        "/insight/forecast.csv",
    ):
        assert client.get(url).status_code == 403


def test_insight_is_in_the_analysts_navigation(client, county):
    client.force_login(county.analyst)
    assert 'href="/insight/"' in client.get("/insight/").content.decode()
    client.force_login(county.social_worker)
    assert 'href="/insight/"' not in client.get("/").content.decode()


def test_each_table_downloads_as_csv(client, county):
    client.force_login(county.analyst)
    response = client.get("/insight/financial-case/table-3.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["£'000s", "2019/20", "2020/21", "2021/22", "2022/23", "2023/24", "2024/25", "2025/26"]
    assert rows[-1] == [
        "Break Even Point/Impact on MTFs",
        "5,105",
        "11,197",
        "5,972",
        "1,968",
        "(1,315)",
        "(2,834)",
        "(3,453)",
    ]
    appendix = list(
        csv.reader(io.StringIO(client.get("/insight/financial-case/appendix-4.csv").content.decode()))
    )
    assert appendix[-1][:4] == ["Total", "41,878", "1,255", "53,013,482"]


def test_an_unknown_table_is_not_found(client, county):
    client.force_login(county.analyst)
    assert client.get("/insight/financial-case/table-9.csv").status_code == 404


FORECAST = "/insight/forecast/"
CHOICES = {"start_0": "1", "start_1": "4", "start_2": "2025", "years": "2", "reference_years": "2", "trend": "none",
           "levers": "on"}  # fmt: skip


def test_the_forecast_page_offers_the_choices_before_forecasting(client, county):
    client.force_login(county.analyst)
    text = client.get(FORECAST).content.decode()
    assert "Make the forecast" in text and 'name="trend"' in text
    assert "Children looked after at each 31 March" not in text  # nothing forecast until asked


def test_an_analyst_forecasts_with_intervals_and_a_csv(client, county, looked_after):
    client.force_login(county.analyst)
    choices = {k: v for k, v in CHOICES.items() if k != "levers"}
    text = client.get(FORECAST, choices).content.decode()
    assert (
        "Children looked after at each 31 March" in text and "80% interval" in text and 'role="img"' in text
    )
    assert "What the forecast assumes" in text and "Compare scenarios" in text
    assert "Return on investment" not in text  # the scenarios have a page of their own
    response = client.get("/insight/forecast.csv", choices)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["what", "on or year", "measure", "median"]
    assert {r[0] for r in rows[1:]} == {"children", "cost £"}


def test_the_scenarios_page_compares_the_levers_and_their_finances(client, county, looked_after):
    client.force_login(county.analyst)
    text = client.get(
        "/insight/scenarios/", {k: v for k, v in CHOICES.items() if k != "levers"}
    ).content.decode()
    assert "the forecast and each scenario" in text  # the comparison chart's title
    assert "Family group conferences for 60% of families" in text and "Return on investment" in text
    assert "Breaks even in" in text
    rows = list(csv.reader(io.StringIO(client.get("/insight/forecast.csv", CHOICES).content.decode())))
    assert any(r[0].startswith("scenario: Family group conferences") for r in rows)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"start_1": "13"}, "Forecast from must be a real date"),
        ({"years": "0"}, "Forecast at least 1 year"),
        ({"years": "five"}, "Enter how many years to forecast as a whole number"),
        ({"start_2": "2099"}, "The forecast must start today or earlier"),
        ({"start_0": "15", "start_1": "7"}, "Start the forecast on 1 April"),
        ({"trend": "sideways"}, "Select a valid choice"),
    ],
)
def test_bad_choices_are_explained_and_nothing_is_forecast(client, county, looked_after, change, message):
    client.force_login(county.analyst)
    response = client.get(FORECAST, {**CHOICES, **change})
    text = response.content.decode()
    assert "There is a problem" in text and message in text
    assert "Children looked after at each 31 March" not in text


def test_a_forecast_the_records_cannot_support_says_why(client, county):
    client.force_login(county.analyst)  # a council with no children looked after in its records
    text = client.get(FORECAST, CHOICES).content.decode()
    assert "There is a problem" in text and "nothing to forecast from" in text
