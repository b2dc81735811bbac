from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from hearth.organisation.commands import council_from
from hearth.organisation.models import Authority
from hearth.returns.annex_a import write_annex_a
from hearth.returns.cin import write_cin
from hearth.returns.dfe_api import ApiPayloadError, write_api_payloads
from hearth.returns.ssda903 import write_ssda903
from hearth.returns.years import CollectionYear


class Command(BaseCommand):
    help = (
        "Produce a statutory return from Hearth's records: ssda903 (children looked after; --out is a folder), "
        "cin (the children in need census; --out is the XML file) or annex-a (Ofsted's Annex A lists for an "
        "inspection on --on, today if not given; --out is the xlsx file) or api (the DfE children's social care "
        "API records as they stood on --on, one JSON file per new or changed child in --out/children, compared "
        "with the hashes of the build in --previous, or in --out itself)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["ssda903", "cin", "annex-a", "api"], help="Which return")
        parser.add_argument(
            "--year", type=int, help="The collection year's end, e.g. 2026 for 2025/26 (ssda903 and cin)"
        )
        parser.add_argument(
            "--on",
            default="",
            help="Annex A and api: the inspection or reporting date, YYYY-MM-DD (default today)",
        )
        parser.add_argument("--out", type=Path, required=True, help="Where to write the return")
        parser.add_argument("--previous", type=Path, help="api: the folder of the build to compare with")
        parser.add_argument("--authority", default="", help="The council's DfE code, if Hearth holds several")

    def handle(self, *args: Any, kind: str, year: int | None, on: str, out: Path, authority: str,
               **options: Any) -> None:  # fmt: skip
        council = council_from(authority)
        if kind == "annex-a":
            self._annex_a(council, _day(on), out)
            return
        if kind == "api":
            self._api(council, _day(on), out, options.get("previous"))
            return
        if year is None:
            raise CommandError(
                f"Give the collection year for the {kind} return with --year, for example 2026"
            )
        if not 2000 < year < 2100:
            raise CommandError("--year is the year the collection ends, for example 2026")
        if kind == "cin":
            children = write_cin(authority=council, year=CollectionYear(year), out=out)
            self.stdout.write(f"CIN census {CollectionYear(year)} for {council.name} written to {out}: "
                              f"{children:,} children")  # fmt: skip
            return
        counts = write_ssda903(authority_id=council.pk, year=CollectionYear(year), out=out)
        summary = ", ".join(f"{name} {n:,}" for name, n in counts.items())
        self.stdout.write(f"SSDA903 {CollectionYear(year)} for {council.name} written to {out}: {summary}")

    def _annex_a(self, council: Authority, inspection: date, out: Path) -> None:
        counts = write_annex_a(authority=council, on=inspection, out=out)
        self.stdout.write(
            f"Annex A for {council.name}, inspection on {inspection:%d/%m/%Y}, written to {out}:"
        )
        for name, n in counts.items():
            self.stdout.write(f"  {name}: {n:,} rows")

    def _api(self, council: Authority, on: date, out: Path, previous: Path | None) -> None:
        try:
            counts = write_api_payloads(authority=council, on=on, out=out, previous=previous)
        except ApiPayloadError as error:
            raise CommandError(f"Nothing was written: {error}") from error
        self.stdout.write(
            f"DfE API records for {council.name} as on {on:%d/%m/%Y}, in {out}: "
            + ", ".join(f"{name} {n:,}" for name, n in counts.items())
            + f". Send the files in {out / 'children'}."
        )


def _day(on: str) -> date:
    try:
        return date.fromisoformat(on) if on else timezone.localdate()
    except ValueError:
        raise CommandError(
            f"--on must be a date written YYYY-MM-DD, for example 2026-03-31, not “{on}”"
        ) from None
