from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from hearth.core.reports import REPORTS
from hearth.organisation.models import District
from hearth.supporting.claims import investment_plan_set
from hearth.supporting.figures import Figures, TrendPoint, YearFigures
from hearth.supporting.report import brfc_report, brfc_section

pytestmark = pytest.mark.django_db

# Seed 000, Appendix 1, "BRFC Performance Report (October 2019)": Staffordshire's eight districts in the order
# Brackenshire's take their postcodes (hearth.synth.county), with the seed's counts.
SEED_DISTRICTS = [("Cannock", 964), ("East Staffordshire", 1055), ("Lichfield", 525), ("Newcastle", 815),
                  ("South Staffordshire", 568), ("Stafford", 719), ("Staffordshire Moorlands", 524), ("Tamworth", 879)]  # fmt: skip
SEED_CRITERIA = [("Children in need of help", 5320), ("Crime or anti-social behaviour", 903), ("Domestic abuse", 1656),
                 ("Worklessness or financial exclusion", 2852), ("School attendance", 2847), ("Health", 1869)]  # fmt: skip


def seed_figures() -> Figures:
    """The seed report's own figures, to check the layout writes them as the seed does."""
    return Figures(on=date(2019, 10, 31), families=6049, people=23667, children=12_000, child_population=177_000,
                   by_district=SEED_DISTRICTS, by_criterion=SEED_CRITERIA, ssp=2625, ce=171, recidivist_ssp=66,
                   recidivist_ce=4, target=4680, years=[YearFigures(2020, 4680, 6049, 2796)],
                   trend=[TrendPoint(date(2019, 6, 30), 2500, 4680), TrendPoint(date(2019, 10, 31), 2796, 4680)],
                   open_now=900)  # fmt: skip


def test_the_report_writes_the_seed_s_figures_as_the_seed_does(county):
    section = brfc_report(seed_figures(), authority_id=county.authority.pk)
    text = " ".join(p for b in section.blocks for p in getattr(b, "paragraphs", ()))
    assert "Brackenshire has worked with a total of 6,049 families (encompassing 23,667 people)." in text
    assert "The split between closures for SSP and CE was 2,625 and 171 (94% and 6%)." in text
    assert "There have been a total of 2,796 successful closures giving us a conversion rate of 60%" in text
    assert "against the attachment target of 4,680 families. The goal is a conversion rate of 80%." in text
    assert "The most common need of the 6,049 families is children in need of help: 88% of them" in text
    assert "The next most common are worklessness or financial exclusion (47%) and school attendance" in text
    assert "was 2.5% of the families achieving successful outcomes (70 of 2,796)" in text
    districts = section.table("by-district")
    assert districts.head == ("District", "Number of families", "% of families")
    assert [row[2] for row in districts.cells()] == ["16%", "17%", "9%", "13%", "9%", "12%", "9%", "15%"]
    criteria = section.table("by-criterion").cells()
    assert criteria[0] == ["Children in need of help", "5,320", "88%"] and criteria[3][2] == "47%"
    assert section.table("conversion").cells()[-1] == [
        "All years to date",
        "4,680",
        "6,049",
        "2,796",
        "60%",
        "80%",
    ]
    assert section.table("closures").cells()[:2] == [
        ["Significant and sustained progress (SSP)", "2,625", "94%"],
        ["Continuous employment (CE)", "171", "6%"],
    ]


def test_the_report_has_the_seed_s_sections_each_chart_with_its_table_and_definitions(county, programme):
    section = brfc_section(authority_id=county.authority.pk, on=date(2026, 6, 1))
    headings = [b.heading for b in section.blocks if getattr(b, "heading", "")]
    assert headings == ["Families worked with", "Presenting needs", "Successful closures", "Recidivism",
                        "District investment plans"]  # fmt: skip
    keys = [t.key for t in section.tables()]
    assert keys == ["by-district", "by-criterion", "closures", "conversion", "conversion-trend", "recidivism",
                    "investment"]  # fmt: skip
    charts = [b for b in section.blocks if hasattr(b, "svg")]
    assert [c.table_key for c in charts] == ["by-district", "by-criterion", "conversion-trend"]
    assert all("<svg" in c.svg for c in charts)
    assert {term for term, _ in section.definitions} >= {
        "Conversion rate",
        "Recidivism rate",
        "Successful closure",
    }
    assert section.table("by-district").cells() == [["Aldermoor", "2", "67%"], ["Eastwold", "1", "33%"]]
    assert section.table("recidivism").cells()[-1] == ["Total", "2", "0", "0.0%"]
    assert section.table("recidivism").head[-1] == "Recidivism rate"


def test_the_investment_plans_of_the_year_are_in_the_report_and_a_district_without_one_says_so(county):
    investment_plan_set(by=county.analyst, district=county.aldermoor, year=2027, amount=250_000,
                        priorities="Children’s mental wellbeing\nReducing anti-social behaviour")  # fmt: skip
    section = brfc_section(authority_id=county.authority.pk, on=date(2026, 6, 1))
    table = section.table("investment")
    assert table.caption == "District investment plans, 2026/27"
    assert table.cells() == [
        ["Aldermoor", "£250,000", "Children’s mental wellbeing; Reducing anti-social behaviour"],
        ["Eastwold", "no data", "No plan recorded"],
        ["Total", "£250,000", ""],
    ]


def test_an_empty_programme_reports_no_data_rather_than_zero_per_cent(county):
    District.objects.filter(authority=county.authority).update(child_population=0)
    section = brfc_section(authority_id=county.authority.pk, on=date(2026, 6, 1))
    assert section.table("conversion").cells() == [["All years to date", "0", "0", "0", "no data", "80%"]]
    assert section.table("recidivism").cells()[-1] == ["Total", "0", "0", "no data"]
    assert section.table("by-district").cells()[0] == ["Aldermoor", "0", "no data"]
    text = " ".join(p for b in section.blocks for p in getattr(b, "paragraphs", ()))
    assert "No families had been attached to the programme by this date." in text
    assert "no data of the county's children" in text


def test_hearth_report_brfc_prints_the_report_and_its_tables_as_csv(county, programme):
    assert REPORTS["brfc"].builder == "hearth.supporting.report:brfc_section"
    out = StringIO()
    call_command("report", "brfc", "--on", "2026-06-01", "--authority", "999", stdout=out)
    text = out.getvalue()
    assert text.startswith(
        "Supporting Families (BRFC) performance report\nBrackenshire County Council, figures as at 1 June 2026"
    )
    assert "Families attached to the programme by district" in text and "Aldermoor" in text
    out = StringIO()
    call_command("report", "brfc", "--on", "2026-06-01", "--format", "csv", "--authority", "999", stdout=out)
    csv = out.getvalue()
    assert (
        "# Families attached to the programme by district\nDistrict,Number of families,% of families\n" in csv
    )
    assert "Aldermoor,2,66.66666666666667\nEastwold,1,33.333333333333336\n" in csv
    assert "# Successful closures against the attachment target\n" in csv
    assert "All years to date,10,3,2,20.0,80\n" in csv
