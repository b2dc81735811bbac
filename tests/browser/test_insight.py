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
