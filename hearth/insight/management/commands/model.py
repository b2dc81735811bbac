"""`hearth model`: the demand and cost model (`hearth.model`, ADR 19) on the console.

Each subcommand has an `add_<name>` method that declares its parser and a `run_<name>` method that returns
the whole output as text, so nothing is printed unless everything worked. A `ScenarioError` becomes a
`CommandError` with its message (the file, the key and the problem).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.model.case import build_case
from hearth.model.scenario import ScenarioError, load_scenario
from hearth.model.tables import case_dict, case_text


class Command(BaseCommand):
    help = (
        "The demand and cost model. `hearth model seed-case` prints the seed paper's financial case (Appendices "
        "4 and 5, Tables 1 to 3 and the break-even year) derived from a scenario file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        self.add_seed_case(subcommands)
        # Later subcommands (forecast, backtest) add an add_<name> call here and a run_<name> method below.

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        run = getattr(self, f"run_{subcommand.replace('-', '_')}")
        try:
            output = run(**options)
        except ScenarioError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(output, ending="" if output.endswith("\n") else "\n")

    # --- seed-case -------------------------------------------------------------------------------------------

    def add_seed_case(self, subcommands: argparse._SubParsersAction) -> None:
        parser = subcommands.add_parser(
            "seed-case",
            help="The seed paper's financial case: Appendix 4, Appendix 5, Tables 1, 2 and 3 and break-even",
        )
        parser.add_argument(
            "--scenario", type=Path, help="A scenario TOML file (default: the seed paper's case)"
        )
        parser.add_argument(
            "--format", choices=["text", "json"], default="text", help="text (default) or json"
        )

    def run_seed_case(self, *, scenario: Path | None = None, format: str = "text", **options: Any) -> str:
        case = build_case(load_scenario(scenario))
        if format == "json":
            return json.dumps(case_dict(case), indent=2, ensure_ascii=False) + "\n"
        return case_text(case)
