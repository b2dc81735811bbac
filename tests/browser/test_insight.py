"""Insight as a performance analyst uses it: the financial case, its charts and tables, and a CSV download.
axe checks every page (see conftest.py)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from hearth.core.tests.factories import PASSWORD


def test_an_analyst_reads_the_financial_case_and_downloads_a_table(visit, county):
    # Given an analyst signed in, when they open Insight from the navigation
    page = visit.sign_in("analyst", PASSWORD)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Insight").click()
    visit.axe()
    expect(page.get_by_role("heading", name="Insight", exact=True)).to_be_visible()

    # and open the financial case
    page.get_by_role("link", name="The financial case for the children’s system").click()
    visit.axe("the financial case")

    # Then they read when it breaks even, see both charts named, and every table with its figures
    expect(page.get_by_text("Break-even in 2023/24, after 4 years.").first).to_be_visible()
    expect(
        page.get_by_role("img", name="Children looked after at each March: the plan and doing nothing")
    ).to_be_visible()
    expect(page.get_by_role("img", name="Impact on the MTFS by year (£'000s)")).to_be_visible()
    table_3 = page.get_by_role("table", name="Table 3: MTFs Position")
    expect(table_3.get_by_role("row", name=re.compile("^Break Even Point"))).to_contain_text("(1,315)")

    # and can download a table as CSV
    with page.expect_download() as download:
        page.get_by_role("link", name="Download Table 3 as CSV").click()
    assert download.value.suggested_filename == "seed-case-table-3.csv"


def test_an_analyst_forecasts_children_looked_after_and_compares_the_scenarios(visit, county):
    # Given a council that has looked after children since 2024
    from datetime import date

    from hearth.care.episodes import NewPlacement, care_start
    from hearth.care.tests.factories import provider
    from hearth.core.tests.factories import PersonFactory

    carers = provider(county.authority, name="The Hills")
    for n in range(8):
        child = PersonFactory(district=county.aldermoor, date_of_birth=date(2012 + n % 4, 1 + n, 10))
        care_start(by=county.social_worker, person=child, started_on=date(2024, 1 + n, 3), legal_status="C2",
                   category_of_need="N1", placement=NewPlacement("U6", carers))  # fmt: skip

    # When the analyst opens the forecast from Insight
    page = visit.sign_in("analyst", PASSWORD)
    visit.goto("/insight/")
    page.get_by_role("link", name="Forecast of children looked after").click()
    visit.axe("the forecast's choices")

    # and asks for a forecast of no years, they are told what to put right
    page.get_by_label("Years to forecast").fill("0")
    page.get_by_role("button", name="Make the forecast").click()
    visit.axe("a bad choice")
    expect(page.get_by_role("alert")).to_contain_text("Forecast at least 1 year")

    # Then with two years from 1 April 2025 they get the forecast, its intervals and costs
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("4")
    page.get_by_label("Year", exact=True).fill("2025")
    page.get_by_label("Years to forecast").fill("2")
    page.get_by_role("button", name="Make the forecast").click()
    visit.axe("the forecast")
    expect(
        page.get_by_role(
            "img", name="Children looked after at each 31 March: the forecast with its intervals"
        )
    ).to_be_visible()
    expect(page.get_by_role("table", name="Children looked after at each 31 March")).to_contain_text(
        "31 March 2027"
    )
    expect(page.get_by_role("link", name="Download the forecast as CSV")).to_be_visible()

    # and can compare the scenarios, each with its finances
    page.get_by_role("link", name="Compare scenarios").click()
    visit.axe("the scenarios")
    expect(
        page.get_by_role("img", name="Children looked after at each 31 March: the forecast and each scenario")
    ).to_be_visible()
    fgc = page.get_by_role("table", name=re.compile("^Family group conferences for 60% of families"))
    expect(fgc.get_by_role("row", name=re.compile("^Investment"))).to_contain_text("510")
