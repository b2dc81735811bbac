"""Run data-to-insight's CIN census validator (csc-validator-be-cin) on Hearth's CIN census XML.

Runs inside the validator's own virtual environment (it pins pandas 1.5.3 and needs numpy<2), through its
Python API, as ../shared/specs/statutory-returns.md advises. A rule that raises is only printed by the
validator and counted as passed, so stdout is captured and such rules are reported as crashed. Prints every
rule with issues (child-level and return-level), then a JSON summary; exits 1 on anything not a known defect.

Usage: python run_cin.py FILE.xml YEAR
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import re
import sys
import xml.etree.ElementTree as ET

logging.disable(logging.CRITICAL)

from cin_validator.cin_validator import CinValidator, convert_data, process_data  # noqa: E402
from cin_validator.rules.ruleset_utils import get_year_ruleset  # noqa: E402

# 2887Q counts NONE rows instead of distinct codes (spec 2.6, pitfall 4); a query, not an error.
KNOWN_DEFECTS = {"2887Q"}


def main() -> int:
    path, year = sys.argv[1], sys.argv[2]
    root = ET.parse(path).getroot()  # noqa: S314  (the file Hearth itself just wrote)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        validator = CinValidator(process_data(convert_data(root)), get_year_ruleset(year))
    crashed = sorted(set(re.findall(r"Error with rule (\w+)", printed.getvalue())))
    issues = validator.full_issue_df
    counts = issues.groupby("rule_code").agg(rows=("child_id", "size"), children=("child_id", lambda c: list(c)[:5]),
                                             description=("rule_description", "first"))  # fmt: skip
    unexpected = 0
    for code, row in counts.iterrows():
        # Codes ending in Q are queries: the DfE asks the council to check them or give a reason. They are
        # listed for the pre-submission check, and do not fail the run.
        known, query = str(code) in KNOWN_DEFECTS, str(code).endswith("Q")
        unexpected += 0 if known or query else 1
        print(f"{'known defect' if known else 'query' if query else 'ERROR'} {code}: {row['rows']} rows, e.g. children "
              f"{', '.join(map(str, row['children']))}: {row['description']}")  # fmt: skip
    for _, row in validator.multichild_issues.drop_duplicates().iterrows():
        known, query = str(row["rule_code"]) in KNOWN_DEFECTS, str(row["rule_code"]).endswith("Q")
        unexpected += 0 if known or query else 1
        print(
            f"{'known defect' if known else 'query' if query else 'ERROR'} {row['rule_code']} (the whole return): {row['rule_description']}"
        )
    for code in crashed:
        print(f"CRASHED {code}: the rule raised an exception on this data")
    summary = {"rules_with_issues": sorted(map(str, counts.index)), "crashed": crashed,
               "unexpected": unexpected + len(crashed)}  # fmt: skip
    print(json.dumps(summary))
    return 1 if summary["unexpected"] else 0


if __name__ == "__main__":
    sys.exit(main())
