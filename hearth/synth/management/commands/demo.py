from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from hearth.organisation.models import Authority
from hearth.synth.county import ALL_PERSONAS, AUTHORITY_CODE, DEMO_PASSWORD, synth_county


class Command(BaseCommand):
    help = "Migrate, create the demo county if it is not there, and serve Hearth on 127.0.0.1:8000."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="Prepare the database but do not serve")

    def handle(self, *args: Any, seed: int, scale: float, port: int, no_serve: bool, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        if Authority.objects.filter(dfe_code=AUTHORITY_CODE).exists():
            self.stdout.write("The demo county is already in the database; using it as it is.")
        else:
            self.stdout.write("Creating the demo county...")
            summary = synth_county(seed=seed, scale=scale)
            self.stdout.write(
                f"  {summary.staff} staff, {summary.people:,} people in {summary.families:,} families, "
                f"{summary.allocations:,} allocations, {summary.contacts:,} contacts, {summary.referrals:,} referrals"
            )
            self.stdout.write(f"  {summary.casework_line}")
            self.stdout.write(f"  {summary.care_line}")
            self.stdout.write(f"  {summary.council_line}")
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write("")
        self.stdout.write(
            f"Hearth is at http://127.0.0.1:{port}/  Sign in as any of these (password {DEMO_PASSWORD}):"
        )
        width = max(len(p.username) for p in ALL_PERSONAS)
        for persona in ALL_PERSONAS:
            self.stdout.write(f"  {persona.username.ljust(width)}  {persona.what}")
        self.stdout.write("Press Ctrl+C to stop.")
        if no_serve:
            return
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings.base"),
        }
        # Gunicorn rather than runserver: the demo should behave like the real service (static files by
        # WhiteNoise, DEBUG off, error pages as users see them).
        subprocess.run(  # noqa: S603
            [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
             "--workers", "2", "--threads", "4", "--access-logfile", "-"],
            cwd=settings.BASE_DIR, env=env, check=False,
        )  # fmt: skip
