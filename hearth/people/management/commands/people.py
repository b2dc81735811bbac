from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.accounts.models import User
from hearth.people.imports import COLUMNS, ImportRefused, people_import


class Command(BaseCommand):
    help = (
        "People: `hearth people import FILE.csv --as USERNAME` adds or links people, checking for duplicates."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        imp = sub.add_parser(
            "import", help=f"Import people from a CSV file with columns: {', '.join(COLUMNS)}"
        )
        imp.add_argument("file", type=Path)
        imp.add_argument(
            "--as", dest="username", required=True, help="The staff member the import is recorded as"
        )

    def handle(self, *args: Any, subcommand: str, file: Path, username: str, **options: Any) -> None:
        user = User.objects.filter(username=username, is_active=True).select_related("team").first()
        if user is None or not user.authority_id:
            raise CommandError(f"There is no active staff member {username!r} in a council")
        if not file.exists():
            raise CommandError(f"There is no file {file}")
        try:
            with file.open(encoding="utf-8-sig", newline="") as handle:
                result = people_import(by=user, file=handle)
        except ImportRefused as refused:
            for problem in refused.problems:
                self.stderr.write(problem)
            raise CommandError("Nothing was imported: correct the file and try again.") from refused
        except UnicodeDecodeError as error:
            raise CommandError("The file is not UTF-8 text. Save it as CSV UTF-8 and try again.") from error
        self.stdout.write(
            f"Added {result.added} people; linked {result.linked} rows to people already on Hearth."
        )
        for row, ids in result.possible_duplicates:
            self.stdout.write(
                f"  Row {row}: added, but Hearth IDs {', '.join(map(str, ids))} may be the same person"
            )
