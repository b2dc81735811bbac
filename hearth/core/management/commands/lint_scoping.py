from __future__ import annotations

from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from hearth.core.scoping_lint import check_tree, scoped_model_names


class Command(BaseCommand):
    help = (
        "Fail if a view, form, selector or presenter queries a person or case model without access.scoped()."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        models = scoped_model_names(apps.get_models())
        root = Path(__file__).resolve().parents[3]  # the hearth package
        violations = list(check_tree(root, models))
        for violation in violations:
            self.stdout.write(str(violation))
        if violations:
            raise CommandError(f"{len(violations)} unscoped queries of person records (see above).")
        self.stdout.write(f"Scoping lint: no unscoped queries of {', '.join(sorted(models))}.")
