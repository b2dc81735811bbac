"""The performance report for members: the 12 months to a date, by district, with charts and definitions."""

from __future__ import annotations

from datetime import date
from io import StringIO

from django.core.management import call_command

from hearth.core.reports import Chart, Table
from hearth.performance.indicators import INDICATORS
from hearth.performance.report import performance_section
from hearth.performance.tests.builders import care, child, referral

ON = date(2026, 3, 31)


def test_the_report_covers_the_12_months_to_the_date_with_rates_by_district(county):
    for _ in range(3):
        care(child(county.aldermoor), date(2025, 6, 1))
    referral(child(county.eastwold), date(2025, 4, 1))  # the first day of the 12 months
    referral(child(county.eastwold), date(2025, 3, 31))  # the day before: not counted
    section = performance_section(authority_id=county.authority.pk, on=ON)
    assert section.key == "performance" and section.as_at == ON
    headlines = {row[0]: row for row in section.table("headlines").rows}
    assert headlines["Referrals to children’s social care"][1:3] == ["from 1 April 2025 to 31 March 2026", 1]
    assert headlines["Children looked after"][2] == 3 and headlines["Children looked after"][-1].startswith(
        "England average, 2017: 60.0"
    )
    by_district = section.table("by-district")
    assert by_district.head[:3] == ("District", "Children aged 0 to 17", "Referrals per 10,000")
    aldermoor, eastwold, total = by_district.rows
    looked_after = by_district.head.index("Children looked after per 10,000")
    assert aldermoor[0] == "Aldermoor" and round(aldermoor[looked_after], 2) == 1.06  # 3 of 28,400
    assert round(total[looked_after], 2) == 0.62 and total[0] == "Brackenshire (all districts)"  # 3 of 48,200
    assert eastwold[by_district.head.index("Assessments completed in 45 working days")] is None  # "no data"


def test_every_chart_has_its_table_and_every_indicator_its_definition(county):
    section = performance_section(authority_id=county.authority.pk, on=ON)
    charts = [b for b in section.blocks if isinstance(b, Chart)]
    assert len(charts) == 2 and all(section.table(c.table_key) for c in charts)
    assert all('role="img"' in c.svg for c in charts)
    assert [t.key for t in section.blocks if isinstance(t, Table)] == [
        "headlines", "by-district", "rates-by-month", "front-door-by-month"
    ]  # fmt: skip
    assert len(section.table("rates-by-month").rows) == 12
    terms = dict(section.definitions)
    assert (
        all(i.name in terms for i in INDICATORS.values()) and "seed 002, line 132" in terms["Compared with"]
    )


def test_the_report_names_nobody_and_counts_only_its_own_council(county):
    care(child(county.other_district), date(2025, 6, 1))
    care(county.allocated_child, date(2025, 6, 1))
    section = performance_section(authority_id=county.authority.pk, on=ON)
    text = repr(section)
    assert "Allocated" not in text and "Otherside" not in text
    assert {row[0]: row for row in section.table("headlines").rows}["Children looked after"][2] == 1


def test_the_report_is_on_the_reports_page_and_the_console(client, county):
    client.force_login(county.analyst)
    response = client.get("/reports/performance/", {"on_0": 31, "on_1": 3, "on_2": 2026})
    assert (
        response.status_code == 200
        and "Rates per 10,000 children, timeliness and caseloads by district" in response.content.decode()
    )
    out = StringIO()
    call_command(
        "report", "performance", "--authority", "999", "--on", "2026-03-31", "--format", "csv", stdout=out
    )
    assert out.getvalue().splitlines()[0] == "# Headline figures, Brackenshire"
