from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from hearth.core import reports
from hearth.core.charts import bar_chart
from hearth.core.reports import Chart, ReportKind, Section, Table, Text, per_10000, percent, written


def sample_section(*, authority_id: int, on: date) -> Section:
    """A report with a figure per council, so a test can tell whose records it was built from."""
    table = Table("by-district", "Children by district", ("District", "Children", "Rate per 10,000", "In time"),
                  ("text", "count", "rate", "percent"),
                  [("Aldermoor", 1234, per_10000(1234, 28_400), percent(61, 100)),
                   ("Nowhere", 0, per_10000(0, 0), percent(0, 0)),
                   ("Total", authority_id, None, None)], total=True)  # fmt: skip
    chart = bar_chart(chart_id="c", title="Children", summary="Children by district", x_labels=["Aldermoor"],
                      values=[1234], name="Children")  # fmt: skip
    return Section("sample", "Sample report", on, [Text(("An introduction.",), heading="Summary"), Chart(chart, "by-district"), table],
                   [("Children", "Every child with an open plan.")])  # fmt: skip


@pytest.fixture
def sample(monkeypatch):
    kind = ReportKind("sample", "Sample report", "A report for tests.", f"{__name__}:sample_section")
    monkeypatch.setattr(reports, "REPORTS", {"sample": kind})
    monkeypatch.setattr("hearth.core.report_views.REPORTS", {"sample": kind})
    monkeypatch.setattr("hearth.core.management.commands.report.REPORTS", {"sample": kind})
    return kind


def test_figures_are_written_one_way_and_a_zero_denominator_is_no_data():
    assert written(1234, "count") == "1,234" and written(432.14, "rate") == "432.1"
    assert written(60.4, "percent") == "60%" and written(-1500, "money") == "-£1,500"
    assert written(None, "percent") == "no data" and percent(5, 0) is None and per_10000(3, 0) is None
    assert (
        percent(2796, 4680) == pytest.approx(59.7, abs=0.05)
        and written(percent(2796, 4680), "percent") == "60%"
    )


def test_a_table_refuses_rows_that_do_not_fit_its_headings():
    with pytest.raises(ValueError, match="2 headings but 1 formats"):
        Table("t", "T", ("A", "B"), ("text",), [])
    with pytest.raises(ValueError, match="a row of 1 values under 2 headings"):
        Table("t", "T", ("A", "B"), ("text", "count"), [("x",)])


def test_a_table_s_csv_holds_the_numbers_and_blanks_for_no_data():
    t = sample_section(authority_id=7, on=date(2026, 3, 31)).table("by-district")
    lines = t.csv().splitlines()
    assert lines[0] == 'District,Children,"Rate per 10,000",In time'
    assert lines[1].startswith("Aldermoor,1234,434.5") and lines[1].endswith(",61.0")
    assert lines[2] == "Nowhere,0,,"


def test_the_report_page_shows_the_section_with_a_csv_link_per_table(client, county, sample):
    client.force_login(county.analyst)
    response = client.get("/reports/sample/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Children by district" in text and "no data" in text and "1,234" in text and "<svg" in text
    assert "How the figures are worked out" in text
    today = timezone.localdate()
    assert (
        f"/reports/sample/by-district.csv?on_0={today.day}&amp;on_1={today.month}&amp;on_2={today.year}"
        in text
    )


def test_the_csv_is_built_for_the_user_s_own_council(client, county, sample):
    client.force_login(county.analyst)
    response = client.get("/reports/sample/by-district.csv", {"on_0": 31, "on_1": 3, "on_2": 2026})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert 'filename="sample-by-district-2026-03-31.csv"' in response["Content-Disposition"]
    assert response.content.decode().splitlines()[-1] == f"Total,{county.authority.pk},,"


def test_a_date_in_the_future_or_not_real_is_explained(client, county, sample):
    client.force_login(county.analyst)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.get(
        "/reports/sample/", {"on_0": tomorrow.day, "on_1": tomorrow.month, "on_2": tomorrow.year}
    )
    assert response.status_code == 400 and "must be today or in the past" in response.content.decode()
    response = client.get("/reports/sample/", {"on_0": 31, "on_1": 2, "on_2": 2026})
    assert response.status_code == 400 and "must be a real date" in response.content.decode()
    assert (
        client.get("/reports/sample/by-district.csv", {"on_0": 31, "on_1": 2, "on_2": 2026}).status_code
        == 400
    )


def test_unknown_reports_and_tables_are_not_found(client, county, sample):
    client.force_login(county.analyst)
    assert client.get("/reports/nothing/").status_code == 404
    assert client.get("/reports/sample/nothing.csv").status_code == 404


@pytest.mark.parametrize("who", ["social_worker", "team_manager", "business_support", "administrator"])
def test_reports_are_only_for_roles_that_see_them(client, county, sample, who):
    client.force_login(getattr(county, who))
    assert client.get("/reports/").status_code == 403
    assert client.get("/reports/sample/").status_code == 403
    assert client.get("/reports/sample/by-district.csv").status_code == 403


def test_the_command_prints_a_report_as_text_or_its_tables_as_csv(county, sample):
    out = StringIO()
    call_command("report", "sample", "--authority", "999", "--on", "2026-03-31", stdout=out)
    text = out.getvalue()
    assert text.startswith("Sample report\nBrackenshire County Council, figures as at 31 March 2026")
    assert "Aldermoor     1,234" in text and "no data" in text
    out = StringIO()
    call_command("report", "sample", "--authority", "999", "--format", "csv", stdout=out)
    assert out.getvalue().splitlines()[:2] == [
        "# Children by district",
        'District,Children,"Rate per 10,000",In time',
    ]


def test_the_command_names_what_is_wrong(county, sample):
    with pytest.raises(CommandError, match=r"There is no report called 'nothing'\. The reports are: sample"):
        call_command("report", "nothing", "--authority", "999", stdout=StringIO())
    with pytest.raises(CommandError, match="Name the council"):
        call_command("report", "sample", stdout=StringIO())
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    with pytest.raises(CommandError, match="--on must be today or in the past"):
        call_command("report", "sample", "--authority", "999", "--on", tomorrow, stdout=StringIO())
