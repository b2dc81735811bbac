from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.organisation.models import Authority
from hearth.returns.cin import write_cin
from hearth.returns.ssda903 import write_ssda903
from hearth.returns.years import CollectionYear


class Command(BaseCommand):
    help = (
        "Produce a statutory return from Hearth's records: ssda903 (children looked after; --out is a folder) "
        "or cin (the children in need census; --out is the XML file)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["ssda903", "cin"], help="Which return")
        parser.add_argument(
            "--year", type=int, required=True, help="The collection year's end, e.g. 2026 for 2025/26"
        )
        parser.add_argument("--out", type=Path, required=True, help="Folder to write the files to")
        parser.add_argument("--authority", default="", help="The council's DfE code, if Hearth holds several")

    def handle(self, *args: Any, kind: str, year: int, out: Path, authority: str, **options: Any) -> None:
        councils = Authority.objects.filter(dfe_code=authority) if authority else Authority.objects.all()
        if councils.count() != 1:
            raise CommandError("Name the council with --authority <DfE code>: Hearth holds "
                               f"{councils.count()} councils that match")  # fmt: skip
        if not 2000 < year < 2100:
            raise CommandError("--year is the year the collection ends, for example 2026")
        council = councils.get()
        if kind == "cin":
            children = write_cin(authority=council, year=CollectionYear(year), out=out)
            self.stdout.write(f"CIN census {CollectionYear(year)} for {council.name} written to {out}: "
                              f"{children:,} children")  # fmt: skip
            return
        counts = write_ssda903(authority_id=council.pk, year=CollectionYear(year), out=out)
        summary = ", ".join(f"{name} {n:,}" for name, n in counts.items())
        self.stdout.write(f"SSDA903 {CollectionYear(year)} for {council.name} written to {out}: {summary}")
