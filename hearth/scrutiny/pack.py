"""A meeting's agenda pack as a PDF: the cover with the agenda and the membership, then each item's pages,
with report items built from the records as at their dates and drawn with `components/report.html`.

WeasyPrint renders it from an HTML template of its own (`scrutiny/pack.html`, not the page layout), with the
compiled GOV.UK stylesheet and a small print stylesheet (`static/scrutiny/pack.css`: A4, "Page x of y" in
the footer, each item on a new page). It fetches nothing: the stylesheets are read from files by path, the
charts are inline SVG, and its URL fetcher refuses every URL but `data:`.

The pack is read from the database first (`agenda_pack`) and drawn afterwards (`pack_pdf`), so no query or
transaction is open while WeasyPrint lays out the pages.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from hearth.core import reports
from hearth.core.jinja import govuk_date, govuk_time
from hearth.core.reports import Section
from hearth.organisation.models import Authority
from hearth.scrutiny.models import AgendaItem, AgendaKind, CommitteeMeeting, CommitteeMember, ProgrammeItem
from hearth.scrutiny.presenters import (
    ProgrammeTable,
    meeting_day,
    member_line,
    members_in_order,
    municipal_year,
    programme_tables,
    programme_when,
)

# WeasyPrint logs a warning for each CSS rule it does not support: GOV.UK's stylesheet has about 250 (media
# queries by width, @supports). They say nothing about the pack, so only its errors are logged.
logging.getLogger("weasyprint").setLevel(logging.ERROR)
logger = logging.getLogger(__name__)

PRINT_CSS = Path(__file__).resolve().parent / "static" / "scrutiny" / "pack.css"
GOVUK_CSS = "hearth/hearth.css"  # built by the Makefile ($(STATIC)) into STATICFILES_DIRS


def paragraphs(text: str) -> list[str]:
    """A cover note's paragraphs: separated by a blank line, each on one line."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


@dataclass(frozen=True)
class PackItem:
    number: int
    title: str
    kind: str
    cover_note: str
    section: Section | None = None
    programme: list[ProgrammeTable] = field(default_factory=list)
    unavailable: str = ""  # why a report item has no report

    @property
    def anchor(self) -> str:
        return f"item-{self.number}"

    @property
    def paragraphs(self) -> list[str]:
        return paragraphs(self.cover_note)

    @property
    def has_pages(self) -> bool:
        """Items with something to read get pages of their own; apologies and the like are only listed."""
        return bool(self.section or self.programme or self.unavailable or self.cover_note)


@dataclass(frozen=True)
class Pack:
    council: str
    committee: str
    remit: str
    contact: str
    day: date
    when: str  # Tuesday 1 December 2026
    time: str  # 10am
    venue: str
    published_on: date | None
    made_on: date
    members: list[str]
    items: list[PackItem]

    @property
    def title(self) -> str:
        return f"{self.committee}, {govuk_date(self.day)}: agenda pack"


def _item(item: AgendaItem, programme: list[ProgrammeTable]) -> PackItem:
    base: dict[str, Any] = {"number": item.position, "title": item.title, "kind": item.kind,
                            "cover_note": item.cover_note}  # fmt: skip
    if item.kind == AgendaKind.WORK_PROGRAMME:
        return PackItem(**base, programme=programme)
    if item.kind != AgendaKind.REPORT:
        return PackItem(**base)
    kind = reports.REPORTS.get(item.report_key)
    if kind is None or item.as_at is None:
        return PackItem(**base, unavailable="This report is no longer available in Hearth.")
    return PackItem(**base, section=kind.build(authority_id=item.authority_id, on=item.as_at))


def agenda_pack(*, meeting: CommitteeMeeting) -> Pack:
    """Everything the pack shows, read from the records (the reports as at each item's date). `meeting` must
    have been fetched for the user (selectors.meeting_get)."""
    committee = meeting.committee
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position"))
    programme: list[ProgrammeTable] = []
    if any(i.kind == AgendaKind.WORK_PROGRAMME for i in items):
        rows = ProgrammeItem.objects.filter(committee=committee).select_related("meeting").order_by("pk")
        programme = programme_tables(rows, municipal_year(meeting_day(meeting)))
    local = timezone.localtime(meeting.starts_at)
    return Pack(
        council=Authority.objects.values_list("name", flat=True).get(pk=meeting.authority_id),
        committee=committee.name, remit=committee.remit, contact=committee.contact, day=local.date(),
        when=f"{local:%A} {govuk_date(local)}", time=govuk_time(local), venue=meeting.venue,
        published_on=meeting.published_on, made_on=timezone.localdate(),
        members=[member_line(m) for m in members_in_order(CommitteeMember.objects.filter(committee=committee))],
        items=[_item(i, programme) for i in items],
    )  # fmt: skip


def pack_html(pack: Pack) -> str:
    return render_to_string("scrutiny/pack.html", {"pack": pack, "programme_when": programme_when})


def pack_filename(pack: Pack) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", pack.committee.lower()).strip("-")
    return f"{slug}-{pack.day.isoformat()}-agenda-pack.pdf"


def _refuse_all_but_data() -> Any:
    from weasyprint.urls import URLFetcher

    class NoNetwork(URLFetcher):
        """Fetches nothing: the pack's stylesheets are given as files and its charts are inline SVG. Any
        other URL (an image in a stylesheet, a link someone typed) is refused, so making a pack never
        reaches the network or reads a file it was not given."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            raise ValueError(f"The agenda pack fetches nothing: {url[:80]}")

    return NoNetwork(allowed_protocols=("data",))


@cache
def _stylesheets(govuk_css: str | None, mtime: float) -> tuple[Any, ...]:
    """The parsed stylesheets, kept for the life of the process (parsing GOV.UK's takes most of a small
    pack's time). `mtime` makes a rebuilt stylesheet parse again."""
    import weasyprint

    fetcher = _refuse_all_but_data()
    sheets = [weasyprint.CSS(filename=str(PRINT_CSS), url_fetcher=fetcher)]
    if govuk_css:
        sheets.insert(0, weasyprint.CSS(filename=govuk_css, url_fetcher=fetcher))
    return tuple(sheets)


def stylesheets() -> tuple[Any, ...]:
    found = finders.find(GOVUK_CSS)
    path = str(found) if isinstance(found, str) else None
    if path is None:
        logger.error("The GOV.UK stylesheet %s is not built (run make install): the agenda pack is printed "
                     "with its own stylesheet only", GOVUK_CSS)  # fmt: skip
    mtime = Path(path).stat().st_mtime if path else 0.0
    return _stylesheets(path, mtime)


def pack_pdf(pack: Pack) -> bytes:
    """The pack as a tagged PDF (PDF/UA-1: headings, tables and reading order for screen readers)."""
    import weasyprint

    html = weasyprint.HTML(string=pack_html(pack), url_fetcher=_refuse_all_but_data())
    started = time.perf_counter()
    pdf: bytes = html.write_pdf(stylesheets=list(stylesheets()), pdf_variant="pdf/ua-1")
    logger.info("Agenda pack for %s, %s: %d items, %.2f s", pack.committee, pack.day, len(pack.items),
                time.perf_counter() - started)  # fmt: skip
    return pdf
