"""`hearth report KEY`: a report for members (hearth.core.reports) on the console, as text or its tables as CSV."""

from __future__ import annotations

import textwrap
from argparse import ArgumentTypeError
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from hearth.core.reports import REPORTS, Section, Table, Text, report_kind
from hearth.organisation.commands import council_from


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise ArgumentTypeError(f"give a date like 2026-03-31, not {text!r}") from error


class Command(BaseCommand):
    help = "Print a report for members, built from the records: " + ", ".join(REPORTS) + "."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("key", help="Which report: " + ", ".join(REPORTS))
        parser.add_argument("--on", type=_day, default=None, help="Figures as at this date (default today)")
        parser.add_argument("--format", choices=("text", "csv"), default="text",
                            help="text (default), or csv: each table as CSV, one after another")  # fmt: skip
        parser.add_argument(
            "--authority", default=None, help="The council's DfE code (default: the only one)"
        )

    def handle(
        self, *args: Any, key: str, on: date | None, format: str, authority: str | None, **options: Any
    ) -> None:
        try:
            kind = report_kind(key)
        except ValueError as error:
            raise CommandError(str(error)) from error
        council = council_from(authority or "")
        on = on or timezone.localdate()
        if on > timezone.localdate():
            raise CommandError("--on must be today or in the past")
        section = kind.build(authority_id=council.pk, on=on)
        self.stdout.write(as_csv(section) if format == "csv" else as_text(section, council.name))


def as_csv(section: Section) -> str:
    """Each table as CSV, headed by a line naming it, with a blank line between tables."""
    return "\n".join(f"# {t.caption}\n{t.csv()}" for t in section.tables())


def as_text(section: Section, council: str) -> str:
    lines = [section.title, f"{council}, figures as at {section.as_at:%-d %B %Y}", ""]
    for block in section.blocks:
        if isinstance(block, Text):
            if block.heading:
                lines += [block.heading, ""]
            for paragraph in block.paragraphs:
                lines += [*textwrap.wrap(paragraph, 100), ""]
        elif isinstance(block, Table):
            lines += [*_table(block), ""]
    return "\n".join(lines).rstrip() + "\n"


def _table(t: Table) -> list[str]:
    cells = [list(t.head), *t.cells()]
    widths = [max(len(row[i]) for row in cells) for i in range(len(t.head))]
    numeric = t.numeric()
    out = [t.caption]
    for n, row in enumerate(cells):
        out.append(
            "  ".join(
                c.rjust(w) if numeric[i] and n else c.ljust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            ).rstrip()
        )
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return out
