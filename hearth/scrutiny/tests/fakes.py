"""A report for the scrutiny tests, registered in place of the real ones (`hearth.core.reports.REPORTS`), so
these tests never depend on the performance, Supporting Families or complaints apps."""

from __future__ import annotations

from datetime import date

from hearth.core.charts import Series, line_chart
from hearth.core.reports import Chart, ReportKind, Section, Table, Text

MONTHS = ("April", "May", "June", "July", "August", "September")
FAMILIES = (412, 436, 455, 471, 502, 517)


def families_section(*, authority_id: int, on: date) -> Section:
    """Families worked with by month, as a table and a line chart; the last row holds the council's id and
    the as-at day, so a test can tell whose records and which date the report was built for."""
    rows = [(month, n, 60.0 + i) for i, (month, n) in enumerate(zip(MONTHS, FAMILIES, strict=True))]
    rows.append(("Council", authority_id, float(on.day)))
    table = Table("families", "Families worked with by month", ("Month", "Families", "Closed in time"),
                  ("text", "count", "percent"), rows)  # fmt: skip
    chart = line_chart(chart_id="families-chart", title="Families worked with", summary="Rising each month",
                       x_labels=list(MONTHS), series=[Series("Families", list(FAMILIES))])  # fmt: skip
    return Section("families", "Families report", on,
                   [Text(("Families worked with rose every month.",), heading="Summary"), Chart(chart, "families"), table],
                   [("Families worked with", "Every family with an open plan on the day.")])  # fmt: skip


def plain_section(*, authority_id: int, on: date) -> Section:
    table = Table("complaints", "Complaints by stage", ("Stage", "Complaints"), ("text", "count"),
                  [("Stage 1", 108), ("Stage 2", 10), ("Stage 3", 2)])  # fmt: skip
    return Section("plain", "Complaints summary", on, [table])


FAMILIES_REPORT = ReportKind(
    "families", "Families report", "Families by month.", f"{__name__}:families_section"
)
PLAIN_REPORT = ReportKind("plain", "Complaints summary", "Complaints by stage.", f"{__name__}:plain_section")

FAKE_REPORTS = {FAMILIES_REPORT.key: FAMILIES_REPORT, PLAIN_REPORT.key: PLAIN_REPORT}
