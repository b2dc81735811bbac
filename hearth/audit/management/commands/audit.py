from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.audit.services import audit_verify


class Command(BaseCommand):
    help = "Work with the audit log. `hearth audit verify` checks that no entry was changed or deleted."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        verify = sub.add_parser("verify", help="Check every audit chain, or one with --chain")
        verify.add_argument("--chain", help='One chain, for example "authority:1" or "platform"')

    def handle(self, *args: Any, subcommand: str, chain: str | None = None, **options: Any) -> None:
        counts, problems = audit_verify(chain=chain)
        if not counts:
            raise CommandError(
                "There are no audit entries to check." if chain is None else f"No chain called {chain!r}."
            )
        for name, total in counts.items():
            broken = [p for p in problems if p.chain == name]
            verdict = "intact" if not broken else f"{len(broken)} problems"
            self.stdout.write(f"{name}: {total} entries checked, {verdict}")
        for problem in problems:
            self.stdout.write(f"  {problem.chain} entry {problem.seq}: {problem.message}")
        if problems:
            raise CommandError(f"The audit log has been tampered with: {len(problems)} problems found.")
