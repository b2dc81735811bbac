"""The pre-submission check as the Returns page shows it: counts by rule, then each rule's problems with
links to the children's records, the first few of each rule."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from hearth.people.models import Person
from hearth.returns.checks import Problem, problems_by_rule

PER_RULE = 50


@dataclass(frozen=True)
class Listed:
    person_id: int
    name: str
    field: str
    detail: str


@dataclass
class RuleProblems:
    rule: str
    return_name: str
    message: str
    children: int
    listed: list[Listed] = field(default_factory=list)
    not_listed: int = 0  # problems beyond the first PER_RULE
    not_named: int = 0  # problems about children whose records the user cannot open

    @property
    def anchor(self) -> str:
        return "rule-" + "".join(c if c.isalnum() else "-" for c in self.rule.lower())


def first_children(problems: Iterable[Problem], per_rule: int = PER_RULE) -> set[int]:
    """The children the page may list: the first `per_rule` problems of each rule."""
    seen: dict[tuple[str, str], int] = defaultdict(int)
    wanted = set()
    for p in problems:
        if seen[(p.rule, p.return_name)] < per_rule:
            seen[(p.rule, p.return_name)] += 1
            wanted.add(p.person_id)
    return wanted


def check_sections(
    problems: list[Problem], named: dict[int, Person], per_rule: int = PER_RULE
) -> list[RuleProblems]:
    """One section for each rule that found something, in the order of `problems_by_rule`. `named`: the
    children whose names the user may see (others are counted, not listed)."""
    sections = {
        (rule, return_name): RuleProblems(rule, return_name, message, children)
        for rule, return_name, message, children in problems_by_rule(problems)
    }
    for p in problems:
        section = sections[(p.rule, p.return_name)]
        if len(section.listed) + section.not_named >= per_rule:
            section.not_listed += 1
        elif p.person_id in named:
            section.listed.append(Listed(p.person_id, named[p.person_id].full_name, p.field, p.detail))
        else:
            section.not_named += 1
    return list(sections.values())
