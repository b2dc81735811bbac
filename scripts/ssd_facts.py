"""Compare two SSD extracts fact by fact: the rows of each table, leaving out the columns that hold Hearth's
record IDs (which differ between two Hearths) but keeping people's IDs. Prints each table that differs.
Usage: python scripts/ssd_facts.py DIR_A DIR_B   (exit 1 if any table differs)"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

IMPORTER = "ssd-import-"  # the account an import is recorded as: in the second extract only


def facts(path: Path) -> Counter[tuple[str, ...]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        kept = [c for c in reader.fieldnames or [] if not c.endswith("_id") or "person_id" in c]
        return Counter(
            tuple(row[c] for c in kept)
            for row in reader
            if not row.get("prof_staff_id", "").startswith(IMPORTER)
        )


def main() -> int:
    first, second = Path(sys.argv[1]), Path(sys.argv[2])
    differ = 0
    for path in sorted(first.glob("*.csv")):
        a, b = facts(path), facts(second / path.name)
        if a != b:
            differ += 1
            print(
                f"{path.stem}: {sum((a - b).values())} rows only in the first, {sum((b - a).values())} only in the second"
            )
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
