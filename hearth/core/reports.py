"""Reports for members and managers, built from live records as at a chosen date (ADR 20).

A report is a `Section`: a title, the date it is "as at", and blocks of text, tables and charts. The same
section is shown on a page (`components/report.html`), printed by `hearth report KEY` (as text, or its tables
as CSV), and embedded in a committee's agenda pack rendered to PDF. Each app that owns the records builds its
own sections; this module only holds their shape, the way figures are written, and the list of reports.

Figures name nobody: a report holds counts, rates and percentages, never a person's name or ID. So a report
is built for a council (`authority_id`), not through a user's scope, and the pages that show one check the
user's capability (`Capability.REPORTS`) instead.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from importlib import import_module
from typing import Literal

from markupsafe import Markup

Value = str | int | float | Decimal | None
# How a column's values are written: text as it is; a count with thousands separated; a percentage of 100
# with no places (percent1: one place, for small shares such as 2.5%); a rate (per 10,000 children) with one
# place; money in whole pounds; days with no places.
Format = Literal["text", "count", "percent", "percent1", "rate", "money", "days"]
NO_DATA = "no data"  # a figure whose denominator is zero, or that the records cannot give


def written(value: Value, fmt: Format) -> str:
    """A figure as a report writes it. `None` is "no data", never 0 or 0%."""
    if value is None:
        return NO_DATA
    if fmt == "text" or isinstance(value, str):
        return str(value)
    if fmt == "percent":
        return f"{value:,.0f}%"
    if fmt == "percent1":
        return f"{value:,.1f}%"
    if fmt == "rate":
        return f"{value:,.1f}"
    if fmt == "money":
        return f"-£{abs(value):,.0f}" if value < 0 else f"£{value:,.0f}"
    return f"{value:,.0f}"


def percent(part: int | float, whole: int | float) -> float | None:
    """`part` as a percentage of `whole`; None ("no data") when `whole` is 0."""
    return 100 * part / whole if whole else None


def per_10000(count: int | float, population: int | float) -> float | None:
    """A rate per 10,000 children; None ("no data") when the population is 0."""
    return 10_000 * count / population if population else None


@dataclass(frozen=True)
class Table:
    """A table with a heading row. The first column labels the rows; `formats` says how each column is
    written (one per heading). `total` marks the last row as a total."""

    key: str  # for file names: letters, digits and hyphens
    caption: str
    head: tuple[str, ...]
    formats: tuple[Format, ...]
    rows: Sequence[Sequence[Value]]
    total: bool = False
    note: str = ""

    def __post_init__(self) -> None:
        if len(self.head) != len(self.formats):
            raise ValueError(f"Table {self.key}: {len(self.head)} headings but {len(self.formats)} formats")
        for row in self.rows:
            if len(row) != len(self.head):
                raise ValueError(
                    f"Table {self.key}: a row of {len(row)} values under {len(self.head)} headings"
                )

    def cells(self) -> list[list[str]]:
        return [[written(v, f) for v, f in zip(row, self.formats, strict=True)] for row in self.rows]

    def numeric(self) -> list[bool]:
        return [f != "text" for f in self.formats]

    def csv(self) -> str:
        """The table as CSV: the headings, then the values as numbers (blank for "no data")."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.head)
        for row in self.rows:
            writer.writerow(["" if v is None else v for v in row])
        return out.getvalue()


@dataclass(frozen=True)
class Chart:
    """An SVG chart (`hearth.core.charts`) with the table that holds the same figures, so that no figure is
    only in the picture (WCAG 1.1.1). `table_key` names a `Table` in the same section."""

    svg: Markup
    table_key: str


@dataclass(frozen=True)
class Text:
    paragraphs: tuple[str, ...]
    heading: str = ""


Block = Table | Chart | Text


@dataclass
class Section:
    key: str
    title: str
    as_at: date
    blocks: list[Block] = field(default_factory=list)
    # (term, definition) pairs shown under the report: how each figure is worked out from the records.
    definitions: list[tuple[str, str]] = field(default_factory=list)

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def table(self, key: str) -> Table:
        for t in self.tables():
            if t.key == key:
                return t
        raise KeyError(f"{self.key} has no table {key!r}")


Builder = Callable[..., Section]  # builder(*, authority_id: int, on: date) -> Section


@dataclass(frozen=True)
class ReportKind:
    key: str
    title: str
    description: str
    builder: str  # "module:function"

    def build(self, *, authority_id: int, on: date) -> Section:
        module, name = self.builder.split(":")
        function: Builder = getattr(import_module(module), name)
        return function(authority_id=authority_id, on=on)


# Every report a committee can ask for, in the order they are offered.
REPORTS: dict[str, ReportKind] = {
    r.key: r
    for r in (
        ReportKind("performance", "Children's services performance",
                   "Contacts, referrals, assessments, child protection, children in need and in care, care "
                   "leavers, caseloads and missing children, by district.",
                   "hearth.performance.report:performance_section"),
        ReportKind("brfc", "Supporting Families (BRFC) performance report",
                   "Families attached by district and by criterion, successful closures against the target, "
                   "the conversion rate and recidivism.",
                   "hearth.supporting.report:brfc_section"),
        ReportKind("complaints", "Complaints and compliments annual report",
                   "Statutory and corporate complaints by stage, answered in time, outcomes, learning, and "
                   "compliments.",
                   "hearth.complaints.report:complaints_section"),
    )
}  # fmt: skip


def report_kind(key: str) -> ReportKind:
    try:
        return REPORTS[key]
    except KeyError:
        known = ", ".join(REPORTS)
        raise ValueError(f"There is no report called {key!r}. The reports are: {known}") from None
