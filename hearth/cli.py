"""The `hearth` console command.

`hearth demo`, `hearth synth`, `hearth audit verify`, `hearth lint-scoping` and every Django management
command (`hearth migrate`, `hearth createsuperuser`, ...) run through here.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else ["hearth", *argv])
    args[0] = "hearth"
    # Commands are spelled with hyphens on the console (`hearth lint-scoping`); Django names them after
    # their modules, with underscores.
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    execute_from_command_line(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
