"""The performance dashboards as an analyst uses them: every indicator's headline figure, one indicator's
trend and tables, a filter to one district, a bad filter explained, and a table downloaded as CSV. axe checks
every page (see conftest.py)."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from hearth.core.tests.factories import PASSWORD
from hearth.performance.tests.builders import child, referral


def test_an_analyst_filters_the_dashboard_to_a_district_and_downloads_a_table(visit, county):
    # Given three referrals in the last 12 months: one in Aldermoor, two in Eastwold
    today = timezone.localdate()
    referral(child(county.aldermoor), today - timedelta(days=40))
    referral(child(county.eastwold), today - timedelta(days=30))
    referral(child(county.eastwold), today - timedelta(days=2))

    # When the analyst opens Performance from the navigation
    page = visit.sign_in("analyst", PASSWORD)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Performance").click()
    visit.axe("the index")
    expect(page.get_by_role("heading", name="Performance", exact=True)).to_be_visible()
    front_door = page.get_by_role("table", name="Front door")
    expect(
        front_door.get_by_role("row", name=re.compile("^Referrals to children’s social care"))
    ).to_contain_text("3")
    expect(page.get_by_role("table", name=re.compile("^Children looked after"))).to_contain_text(
        "England average"
    )

    # and opens the referrals
    front_door.get_by_role("link", name="Referrals to children’s social care").click()
    visit.axe("the referrals")
    expect(
        page.get_by_role("heading", name="Referrals to children’s social care", exact=True)
    ).to_be_visible()
    expect(page.get_by_text("Referrals to children’s social care made in the period")).to_be_visible()
    expect(
        page.get_by_role("img", name=re.compile("^Referrals to children’s social care in each period"))
    ).to_be_visible()

    # a range that ends before it starts is explained
    page.get_by_role("group", name="End date").get_by_label("Year").fill(str(today.year - 2))
    page.get_by_role("button", name="Show the figures").click()
    visit.axe("a bad range")
    expect(page.get_by_role("alert")).to_contain_text("End date must be the same as or after the start date")
    expect(page).to_have_title(re.compile("^Error: Referrals"))

    # Then filtered to Eastwold for the 12 months to today, they see Eastwold's figures
    page.get_by_role("group", name="End date").get_by_label("Year").fill(str(today.year))
    page.get_by_label("District").select_option(label="Eastwold")
    page.get_by_role("button", name="Show the figures").click()
    visit.axe("Eastwold")
    expect(page.get_by_role("heading", name=re.compile("^Eastwold, from"))).to_be_visible()
    districts = page.get_by_role("table", name="Referrals to children’s social care by district")
    expect(districts.get_by_role("row", name=re.compile("^Eastwold"))).to_contain_text("2")

    # and can download the trend as CSV, which holds Eastwold's two referrals
    with page.expect_download() as download:
        page.get_by_role(
            "link",
            name=re.compile("^Download ‘Referrals to children’s social care in each period, Eastwold’"),
        ).click()
    assert download.value.suggested_filename.startswith("referrals-trend-eastwold-")
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    assert rows[0] == ["Period", "Referrals", "Rate per 10,000 children"]
    assert sum(int(row[1]) for row in rows[1:]) == 2
