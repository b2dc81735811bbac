"""The pre-submission check: Hearth's own check of the SSDA903 return and the CIN census for a year, before
they are sent, listing each problem with the child it is about and what to correct on their record.

It builds both returns as they would be sent (`ssda903.ssda903_tables`, `cin.cin_census`) and checks what
they hold; the checks are in `checks_ssda903.py` and `checks_cin.py`. Each problem names the DfE
validator's rule where the check mirrors one, so that what an analyst fixes here is what the DfE would
reject; checks of Hearth's own (reviews overdue, health checks missing, ethnicity not yet obtained) have codes
starting "H-". The DfE's validators themselves run in `scripts/validate-returns` (ADR 17).

A fixed number of queries whatever the size of the council: about 2 seconds for the demo county.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.utils import timezone

from hearth.organisation.models import Authority
from hearth.returns import checks_cin, checks_ssda903
from hearth.returns.cin import cin_census
from hearth.returns.problems import Problem, Rule, person_ids_of
from hearth.returns.ssda903 import ssda903_tables
from hearth.returns.years import CollectionYear

__all__ = ["RULES", "Problem", "Rule", "problems_by_rule", "return_checks"]

RULES: tuple[Rule, ...] = (*checks_ssda903.RULES, *checks_cin.RULES)


def return_checks(*, authority: Authority, year: CollectionYear, today: date | None = None) -> list[Problem]:
    """Every problem the check finds in `authority`'s returns for `year`, SSDA903 first.

    What is overdue or late is judged on 31 March, or today while the year is still running."""
    census_day = min(year.end, today or timezone.localdate())
    ids = person_ids_of(authority.pk)
    problems = checks_ssda903.ssda903_problems(
        authority_id=authority.pk,
        year=year,
        tables=ssda903_tables(authority_id=authority.pk, year=year),
        ids=ids,
        census_day=census_day,
    )
    problems += checks_cin.cin_problems(
        authority_id=authority.pk,
        year=year,
        message=cin_census(authority=authority, year=year),
        ids=ids,
        census_day=census_day,
    )
    return problems


def problems_by_rule(problems: Iterable[Problem]) -> list[tuple[str, str, str, int]]:
    """(rule, return, what is wrong, number of children) for each rule that found something: each return's
    rules with the most children first."""
    children: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    for p in problems:
        children[(p.rule, p.return_name, p.message)].add(p.person_id)
    order = {name: n for n, name in enumerate(dict.fromkeys(rule.return_name for rule in RULES))}
    counted = [(rule, name, message, len(who)) for (rule, name, message), who in children.items()]
    return sorted(counted, key=lambda row: (order.get(row[1], len(order)), -row[3], row[0]))
