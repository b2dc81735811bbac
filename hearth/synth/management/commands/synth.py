from __future__ import annotations

from argparse import ArgumentTypeError
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.synth.county import CountyExists, synth_county


class Command(BaseCommand):
    help = "Create the synthetic demo county (deterministic: the same seed and scale give the same data)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1)")
        parser.add_argument(
            "--scale", type=float, default=1.0, help="1 is the full county; 0.1 a tenth of it"
        )
        parser.add_argument(
            "--today",
            type=_day,
            default=None,
            help="The day the county is made on, YYYY-MM-DD (default today): its records run up to midnight before it",
        )

    def handle(self, *args: Any, seed: int, scale: float, today: date | None, **options: Any) -> None:
        try:
            summary = synth_county(seed=seed, scale=scale, today=today)
        except (CountyExists, ValueError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Created {summary.districts} districts, {summary.teams} teams, {summary.staff} staff, "
            f"{summary.people} people in {summary.families} families ({summary.restricted} restricted or sealed), "
            f"{summary.allocations} allocations, {summary.contacts} contacts in the last year, "
            f"{summary.referrals} referrals; {summary.casework_line}; {summary.care_line}; {summary.council_line}."
        )


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise ArgumentTypeError(f"give a date like 2026-03-31, not {text!r}") from error
