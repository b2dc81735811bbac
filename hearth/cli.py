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
    execute_from_command_line(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
