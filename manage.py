#!/usr/bin/env python
"""Django's command-line utility; `hearth` (hearth/cli.py) is the same with a friendlier name."""

import sys

from hearth.cli import main

if __name__ == "__main__":
    sys.exit(main())
