from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.organisation.commands import council_from
from hearth.organisation.models import Authority


class Command(BaseCommand):
    help = (
        "The Standard Safeguarding Dataset: `export DIR` writes its tables as CSV from Hearth's records; "
        "`import DIR` loads a council's SSD extract into Hearth."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["export", "import"], help="Which way")
        parser.add_argument("folder", type=Path, help="The folder of SSD CSV files")
        parser.add_argument("--authority", default="", help="The council's DfE code, if Hearth holds several")
        parser.add_argument(
            "--valid-only",
            action="store_true",
            help="Import: leave out the people with problems (and all their records), import the rest",
        )
        parser.add_argument("--report", type=Path, help="Import: write every problem to this CSV file")
        parser.add_argument(
            "--council-name",
            default="",
            help="Import into an empty Hearth: the council to create, with --authority as its DfE code",
        )
        parser.add_argument("--by", default="", help="Import: the username to record as the importer")

    def handle(self, *args: Any, action: str, folder: Path, authority: str, **options: Any) -> None:
        if action == "import" and options["council_name"] and not Authority.objects.exists():
            if not authority:
                raise CommandError("Give the new council's DfE code with --authority")
            Authority.objects.create(
                name=options["council_name"], short_name=options["council_name"], dfe_code=authority
            )
        council = council_from(authority)
        started = time.perf_counter()
        if action == "export":
            from hearth.returns.ssd.export import write_ssd

            counts = write_ssd(authority_id=council.pk, out=folder)
            summary = ", ".join(f"{name.removeprefix('ssd_')} {n:,}" for name, n in counts.items())
            self.stdout.write(f"SSD for {council.name} written to {folder} in {time.perf_counter() - started:.1f} s: "
                              f"{summary}")  # fmt: skip
            return
        self._import(council, folder, started, **options)

    def _import(self, council: Authority, folder: Path, started: float, *, valid_only: bool, report: Path | None,
                by: str, **options: Any) -> None:  # fmt: skip
        from hearth.returns.ssd.load import SsdImportRefused, importer_for, ssd_import

        try:
            result = ssd_import(by=importer_for(council, by), folder=folder, valid_only=valid_only)
        except SsdImportRefused as refused:
            self._report(refused.problems, report)
            raise CommandError(f"Nothing was imported: {len(refused.problems):,} problems in the extract"
                               + ("" if report else " (use --report FILE for the whole list)")
                               + ". Fix them, or use --valid-only to import everyone else") from refused  # fmt: skip
        if result.problems:
            self._report(result.problems, report)
        records = ", ".join(f"{name} {n:,}" for name, n in sorted(result.records.items()))
        self.stdout.write(
            f"Imported into {council.name} in {time.perf_counter() - started:.1f} s: {result.people_added:,} people added, "
            f"{result.people_linked:,} linked to people already on Hearth, {result.people_already_imported:,} imported "
            f"before; {records or 'no new records'}."
        )
        if result.people_left_out:
            self.stdout.write(f"Left out because of problems: {len(result.people_left_out):,} people "
                              f"({', '.join(result.people_left_out[:20])}{' …' if len(result.people_left_out) > 20 else ''})")  # fmt: skip
        if result.possible_duplicates:
            self.stdout.write(f"{len(result.possible_duplicates):,} people added may be duplicates of people already "
                              "on Hearth: check them on the duplicates page")  # fmt: skip

    def _report(self, problems: list[Any], report: Path | None) -> None:
        import csv
        from collections import Counter

        for problem in problems[:50]:
            self.stderr.write(str(problem))
        if len(problems) > 50:
            self.stderr.write(f"… and {len(problems) - 50:,} more")
        by_kind = Counter((p.file, p.column) for p in problems)
        self.stderr.write("Problems by file and column: " + "; ".join(
            f"{file} {column or '(file)'} {n:,}" for (file, column), n in by_kind.most_common()))  # fmt: skip
        if report:
            with report.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(["file", "row", "column", "problem"])
                writer.writerows([p.file, p.row, p.column, p.message] for p in problems)
