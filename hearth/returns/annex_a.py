"""Ofsted's ILACS Annex A: lists 1 to 11 as an xlsx workbook, built from Hearth's records for the day of
inspection (`../shared/specs/statutory-returns.md`, section 3a).

One worksheet per list, "List 1" to "List 11", with the template's column headings (`COLUMNS`, in the
spec's order; where the spec shortens a heading, such as "Team" or "Disability", the template's full wording
is used), the header row bold and frozen, and dates as Excel dates shown dd/mm/yyyy. It is an analyst's
export over all the council's records, like the SSDA903 and CIN census modules: not scoped to a user.

Values
- Children are identified as in the SSDA903 and the CIN census (`returns.ids`: the council's child ID, or
  the Hearth ID). The adopter household is the family identifier; its adopters are "<family>-1", "-2".
- Columns the template letters hold its labels: gender ("a) Male", "b) Female", "c) Not stated/recorded"),
  ethnicity ("a) WBRI" to "t) NOBT"), yes/no ("a) Yes", "b) No", "c) Unknown"), case status, category of
  abuse, permanence plan, eligibility, in touch, suitability of accommodation, placement location ("a) In").
  Columns the spec gives as DfE codes hold the code: contact and referral source (1A to 10), primary need and
  category of need (N0 to N9), reason for closure (RC1 to RC9), 903 legal status, placement type, placement
  provider (PR0 to PR5) and reason ceased, type of accommodation (the 903 ACCOM letter, its suitability in
  the next column), activity status, and RD1 to RD4.
- "Does the Child have a Disability": "a) Yes" with any disability recorded, "b) No" when "No disability" is
  recorded, "c) Unknown" when nothing is.
- Allocated Team and Worker: the child's allocation open on the inspection date, or on the day the work in
  the row ended if that was earlier; a social worker before a key worker or personal adviser. With none
  open that day, lists 3 and 4 name the assessment's worker and list 9 the personal adviser; otherwise
  both are blank.
- "Number of ... in the last 12 months": the child's others in the 12 months before the one in the row.

Windows. `on` is the inspection date; "six months" runs from the same day six months before `on` to `on`,
"12 months" likewise. Anything dated after `on` has not happened yet, so an earlier `on` gives the lists as
the records then stood, as far as their dates allow.
- List 1: each child on a contact received in the six months (contacts still being recorded are left out).
- List 2: early help involvements open at any time in the six months, with the first early help assessment
  completed in each (the assessment start date is the start of the involvement: Hearth records the early
  help assessment when it is completed, by the council's own staff).
- List 3: referrals received in the six months.
- Lists 4 and 5: assessments, and section 47 enquiries (strategy discussion to initial conference), open at
  any time in the six months.
- Lists 6, 7 and 8: children with a children's social care involvement, a child protection plan, or a
  period of care open at any time in the six months; one row per child, for the latest.
- List 9: care leavers on the inspection date: aged 17 to 21, support not ended, looked after before; their
  category (relevant, former relevant, qualifying or eligible) as their care history gives it on that day.
- List 10: children with a decision that they should be placed for adoption, unless they were adopted or the
  plan stopped before the last 12 months.
- List 11: adopter households that reached a stage by the inspection date and did not finish (adopted or
  withdrawn) before the last 12 months.

Where Hearth has no direct source: what is written instead, or why the cell is blank (nothing is guessed)
- List 2: the completion date and organisation are blank while no early help assessment is recorded.
- List 3, "Referral NFA?": always "b) No". Every Hearth referral starts an assessment; a contact needing no
  further action stops at the front door and is not a referral.
- List 5, "Was an Initial Child Protection Conference deemed unnecessary?": Hearth arranges an initial
  conference for every section 47 enquiry, so "b) No" once it is held, blank until then.
- List 6: "Primary Need Code" is blank until an assessment in the episode is completed with one; "Case
  Status" is blank for an open episode that is none of looked after, on a plan or being assessed on the day.
  "Date Child Was Last Seen" comes from assessments, child protection visits and visits in placement.
- List 7: "Latest Category of Abuse" repeats the initial one (Hearth keeps one category per plan).
  "Subject to Emergency Protection Order or Protected Under Police Powers": "a) Yes" when the child was
  accommodated under police protection (L1) or an emergency protection order (L2) in the six months;
  otherwise blank, as Hearth does not record police protection or orders that did not lead to care.
- List 8: "Date of Last IRO Visit / Contact to the Child" is the last review the child attended (PN1 to PN4),
  chaired by the IRO; other IRO contact is not recorded. "LA of Placement" is blank for placements outside
  the council's area (Hearth holds their postcode, not their council). Return interview columns are blank
  when the child has never been missing, or nothing was recorded.
- List 9: "Activity Status" and the accommodation columns are blank when not known, or with no contact yet.
- List 10: "Family identifier" is blank until the child is matched with adopters.
- List 11: "Ethnicity", "Disability", "Is the (prospective) adopter fostering for adoption?", "Date Stage 1
  ended", "Date Stage 2 ended", "Date application submitted" and "Reason for leaving adoption process" are
  always blank: Hearth holds the household, its sexes and the day it reached each stage, not these.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from hearth.organisation.models import Authority
from hearth.returns.annex_a_care import list_8, list_9, list_10, list_11
from hearth.returns.annex_a_lists import (
    COLUMNS,
    Row,
    Window,
    list_1,
    list_2,
    list_3,
    list_4,
    list_5,
    list_6,
    list_7,
)

__all__ = ["COLUMNS", "annex_a_lists", "write_annex_a"]

LISTS: dict[str, Callable[[Window], list[Row]]] = {
    "List 1": list_1, "List 2": list_2, "List 3": list_3, "List 4": list_4, "List 5": list_5, "List 6": list_6,
    "List 7": list_7, "List 8": list_8, "List 9": list_9, "List 10": list_10, "List 11": list_11,
}  # fmt: skip
DATE_FORMAT = "DD/MM/YYYY"


def annex_a_lists(*, authority: Authority, on: date) -> dict[str, list[dict[str, object]]]:
    """Every list for an inspection on `on`: "List 1" to "List 11", each row keyed by the list's exact
    headings in order (None where blank)."""
    window = Window(authority=authority, on=on)
    found: dict[str, list[dict[str, object]]] = {}
    for name, build in LISTS.items():
        headings = COLUMNS[name]
        rows = build(window)
        for row in rows:
            assert set(row) <= set(headings), f"{name}: {set(row) - set(headings)} are not its headings"
        found[name] = [{h: (None if row.get(h) == "" else row.get(h)) for h in headings} for row in rows]
    return found


def write_annex_a(*, authority: Authority, on: date, out: Path | BinaryIO) -> dict[str, int]:
    """Write the workbook to `out` (a path or an open binary file); returns the rows in each list."""
    lists = annex_a_lists(authority=authority, on=on)
    book = Workbook(write_only=True)
    for name, rows in lists.items():
        sheet = book.create_sheet(name)
        headings = COLUMNS[name]
        sheet.freeze_panes = "A2"
        for n, heading in enumerate(headings, start=1):
            sheet.column_dimensions[get_column_letter(n)].width = min(max(12, len(heading) * 0.6), 40)
        sheet.append([_heading(sheet, heading) for heading in headings])
        for row in rows:
            sheet.append([_cell(sheet, row[heading]) for heading in headings])
    if isinstance(out, Path):
        out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return {name: len(rows) for name, rows in lists.items()}


def _heading(sheet: WriteOnlyWorksheet, text: str) -> Cell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.font = Font(bold=True)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _cell(sheet: WriteOnlyWorksheet, value: object) -> object:
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet)
        cell.value, cell.number_format = value, DATE_FORMAT
        return cell
    return value
