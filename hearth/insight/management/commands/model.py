"""`hearth model`: the demand and cost model (`hearth.model`, ADR 19) on the console.

Each subcommand has an `add_<name>` method that declares its parser and a `run_<name>` method that returns
the whole output as text, so nothing is printed unless everything worked. A `ScenarioError` becomes a
`CommandError` with its message (the file, the key and the problem).
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.insight.forecasting import (
    TRENDS,
    backtest_report,
    forecast_report,
    format_backtest,
    format_forecast,
)
from hearth.insight.forms import last_april
from hearth.model.case import build_case
from hearth.model.lever_scenarios import levers_path, load_levers
from hearth.model.scenario import ScenarioError, load_scenario
from hearth.model.tables import case_dict, case_text
from hearth.organisation.commands import council_from


class Command(BaseCommand):
    help = (
        "The demand and cost model. `hearth model seed-case` prints the seed paper's financial case (Appendices "
        "4 and 5, Tables 1 to 3 and the break-even year) derived from a scenario file; `forecast` forecasts "
        "children looked after and their cost from the records, with intervals and scenario levers; `backtest` "
        "scores a forecast made from a past date against what then happened."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        self.add_seed_case(subcommands)
        self.add_forecast(subcommands)
        self.add_backtest(subcommands)

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        run = getattr(self, f"run_{subcommand.replace('-', '_')}")
        try:
            output = run(**options)
        except (ScenarioError, ValueError) as error:  # a model's ValueError names the parameter
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

    # --- forecast and backtest (from the council's own records) ----------------------------------------------

    def _model_options(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reference-years",
            type=int,
            default=3,
            help="Years of history before the start that the rates are estimated from (default 3)",
        )
        parser.add_argument(
            "--trend",
            choices=sorted(TRENDS),
            default="none",
            help="Entries to care: none (the reference years' average, the default), linear or held",
        )
        parser.add_argument("--runs", type=int, default=1000, help="Simulations (default 1,000)")
        parser.add_argument(
            "--seed", type=int, default=2026, help="Random seed (the same seed gives the same figures)"
        )
        parser.add_argument(
            "--workers", type=int, default=1, help="Processes to run the simulations in (default 1)"
        )
        parser.add_argument("--authority", default="", help="The council's DfE code, if Hearth holds several")
        parser.add_argument(
            "--format", choices=["text", "json"], default="text", help="text (default) or json"
        )

    def add_forecast(self, subcommands: argparse._SubParsersAction) -> None:
        parser = subcommands.add_parser(
            "forecast", help="Children looked after and their cost, forecast from the records, with intervals"
        )
        parser.add_argument(
            "--start", type=_date, help="The first day forecast, YYYY-MM-DD (default: the last 1 April)"
        )
        parser.add_argument("--years", type=int, default=5, help="Years to forecast (default 5)")
        parser.add_argument(
            "--levers",
            type=Path,
            nargs="?",
            const=levers_path(),
            default=None,
            help="Run the scenario levers of a file (the default levers file with no FILE)",
        )
        self._model_options(parser)

    def run_forecast(self, *, start: date | None, years: int, levers: Path | None, reference_years: int, trend: str,
                     runs: int, seed: int, workers: int, authority: str, format: str, **options: Any) -> str:  # fmt: skip
        scenarios = load_levers(levers) if levers else {}
        report = forecast_report(
            authority_id=council_from(authority).pk, start=start or last_april(), years=years, runs=runs,
            reference_years=reference_years, trend=trend, seed=seed, workers=workers,
            levers={s.label: s.levers for s in scenarios.values()},
            investment={s.label: s.investment for s in scenarios.values()},
        )  # fmt: skip
        return (
            json.dumps(report, indent=2, default=str) + "\n" if format == "json" else format_forecast(report)
        )

    def add_backtest(self, subcommands: argparse._SubParsersAction) -> None:
        parser = subcommands.add_parser(
            "backtest",
            help="Fit on the records up to a past date and score the forecast against what happened",
        )
        parser.add_argument(
            "--at", type=_date, required=True, help="The past date to forecast from, YYYY-MM-DD"
        )
        parser.add_argument(
            "--horizons", type=int, nargs="+", default=[1, 2], help="Years ahead to score (default 1 2)"
        )
        self._model_options(parser)

    def run_backtest(self, *, at: date, horizons: list[int], reference_years: int, trend: str, runs: int, seed: int,
                     workers: int, authority: str, format: str, **options: Any) -> str:  # fmt: skip
        report = backtest_report(authority_id=council_from(authority).pk, at=at, horizons=tuple(horizons),
                                 reference_years=reference_years, trend=trend, runs=runs, seed=seed, workers=workers)  # fmt: skip
        return (
            json.dumps(report, indent=2, default=str) + "\n" if format == "json" else format_backtest(report)
        )


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"write the date as YYYY-MM-DD, for example 2026-04-01, not {text!r}"
        ) from None
