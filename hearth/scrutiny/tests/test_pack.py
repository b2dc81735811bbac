"""The agenda pack: what it holds, and its PDF checked page by page as text and as pictures (pypdfium2)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from types import SimpleNamespace

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
from django.utils import timezone
from PIL import Image

from hearth.core.charts import COLOURS
from hearth.scrutiny import pack
from hearth.scrutiny.agenda import agenda_item_add, agenda_report_add
from hearth.scrutiny.models import AgendaKind, ProgrammeKind
from hearth.scrutiny.services import programme_item_add

pytestmark = pytest.mark.django_db

GOVUK_BLUE = tuple(int(COLOURS[0][i : i + 2], 16) for i in (1, 3, 5))  # #1d70b8, the first line of a chart


@pytest.fixture
def agenda(scrutiny):
    by, meeting = scrutiny.officer, scrutiny.coming
    on = timezone.localdate() - timedelta(days=2)
    agenda_item_add(by=by, meeting=meeting, kind=AgendaKind.APOLOGIES)
    agenda_item_add(by=by, meeting=meeting, kind=AgendaKind.DECLARATIONS)
    agenda_report_add(by=by, meeting=meeting, report_key="families", on=on,
                      cover_note="Report of the Cabinet Member for Children and Young People.\n\nMembers are asked to "
                                 "note the progress made.")  # fmt: skip
    agenda_report_add(by=by, meeting=meeting, report_key="plain", on=on)
    agenda_item_add(by=by, meeting=meeting, kind=AgendaKind.WORK_PROGRAMME)
    programme_item_add(by=by, committee=scrutiny.committee, kind=ProgrammeKind.MEETING, title="Missing children",
                       lead_officer="Mick Harris", cabinet_member="Councillor Mark Sutton", meeting=meeting)  # fmt: skip
    return SimpleNamespace(on=on, meeting=meeting)


def _pages(pdf: bytes, dpi: int = 72) -> tuple[list[str], list[Image.Image], bool]:
    """Each page's text and picture, and whether the PDF is tagged."""
    document = pdfium.PdfDocument(pdf)
    try:
        texts, images = [], []
        for page in document:
            text = page.get_textpage()
            texts.append(text.get_text_range())
            images.append(page.render(scale=dpi / 72).to_pil().convert("RGB"))
            text.close()
            page.close()
        return texts, images, bool(pdfium_raw.FPDFCatalog_IsTagged(document.raw))
    finally:
        document.close()


def _pixels(image: Image.Image, colour: tuple[int, ...]) -> list[tuple[int, int]]:
    """Where on the page the colour is drawn, as (x, y)."""
    ys, xs = np.nonzero((np.asarray(image) == colour).all(axis=2))
    return list(zip(xs.tolist(), ys.tolist(), strict=True))


def test_the_pack_holds_the_meeting_its_members_in_order_and_each_item(agenda, scrutiny):
    contents = pack.agenda_pack(meeting=agenda.meeting)
    assert contents.council == "Brackenshire County Council" and contents.time == "10am"
    assert contents.members == [
        "Councillor Ann Beech (Chair), Conservative", "Councillor Bob Spencer (Vice-chair), Green",
        "Councillor Zoe Adams, Labour", "Rev. Jo Hale (Co-opted member)",
    ]  # fmt: skip
    numbers = [(i.number, i.title, i.has_pages) for i in contents.items]
    assert numbers == [(1, "Apologies", False), (2, "Declarations of interest", False), (3, "Families report", True),
                       (4, "Complaints summary", True), (5, "Work programme", True)]  # fmt: skip
    families = contents.items[2]
    assert families.section is not None and families.section.as_at == agenda.on
    # The report is built for the meeting's council.
    assert families.section.table("families").rows[-1][1] == scrutiny.committee.authority_id
    assert families.paragraphs == ["Report of the Cabinet Member for Children and Young People.",
                                   "Members are asked to note the progress made."]  # fmt: skip
    assert [t.caption.split(" 20")[0] for t in contents.items[4].programme] == [
        "Work programme", "Standing items", "Briefing notes, updates and visits", "Working groups and inquiry days"]  # fmt: skip
    assert pack.pack_filename(contents).startswith("children-and-families-overview-and-scrutiny-committee-")


def test_a_report_no_longer_offered_is_named_in_the_pack_not_an_error(agenda, monkeypatch):
    from hearth.core import reports

    monkeypatch.setattr(reports, "REPORTS", {"families": reports.REPORTS["families"]})
    contents = pack.agenda_pack(meeting=agenda.meeting)
    assert contents.items[3].unavailable == "This report is no longer available in Hearth."


def test_the_pdf_shows_each_report_s_table_and_chart_with_page_numbers(agenda, django_assert_num_queries):
    contents = pack.agenda_pack(meeting=agenda.meeting)
    with django_assert_num_queries(0):  # drawn from what was read: no query while WeasyPrint works
        pdf = pack.pack_pdf(contents)
    assert pdf.startswith(b"%PDF-")
    texts, images, tagged = _pages(pdf)
    count = len(texts)
    assert tagged and count >= 4
    # A4 (595 x 842 points) and "Page x of y" on every page.
    assert all(abs(image.width - 595) <= 1 and abs(image.height - 842) <= 1 for image in images)
    for n, text in enumerate(texts, start=1):
        assert f"Page {n} of {count}" in text
    cover = texts[0]
    assert "Children and Families Overview" in cover and "Oak Room, County Buildings" in cover
    assert "Councillor Ann Beech (Chair), Conservative" in cover and "Agenda" in cover
    # Items with pages start on the pages the agenda says.
    starts = {title: next(n for n, t in enumerate(texts, start=1) if t.splitlines()[:2] == [f"Item {item}", title])
              for item, title in ((3, "Families report"), (4, "Complaints summary"), (5, "Work programme"))}  # fmt: skip
    assert (
        f"Pages {starts['Families report']} to" in cover
        and f"Pages {starts['Complaints summary']} to" in cover
    )

    everything = "\n".join(texts)
    for words in ("Families worked with by month", "412", "517", "65%", "Complaints by stage", "108",
                  "Missing children", "Lead officer: Mick Harris", "How the figures are worked out"):  # fmt: skip
        assert words in everything, words

    # The chart is drawn on the Families report's first page: a long run of GOV.UK blue across the page, and no
    # blue on the cover or on the pages without a chart.
    chart_page = starts["Families report"] - 1
    blue = _pixels(images[chart_page], GOVUK_BLUE)
    assert len(blue) > 100
    xs = [x for x, _ in blue]
    assert max(xs) - min(xs) > 0.4 * images[chart_page].width  # the line runs across the chart
    assert _pixels(images[0], GOVUK_BLUE) == []
    assert _pixels(images[starts["Complaints summary"] - 1], GOVUK_BLUE) == []


def test_the_pdf_fetches_nothing_from_outside(agenda):
    contents = pack.agenda_pack(meeting=agenda.meeting)
    fetcher = pack._refuse_all_but_data()
    with pytest.raises(ValueError, match="fetches nothing"):
        fetcher.fetch("https://example.org/tracker.png")
    with pytest.raises(ValueError, match="fetches nothing"):
        fetcher.fetch("file:///etc/passwd")
    # A title with markup in it is text in the pack, never an image or a link to fetch.
    first = replace(contents.items[0], title='<img src="https://example.org/x.png">')
    assert "&lt;img src=" in pack.pack_html(replace(contents, items=[first, *contents.items[1:]]))
