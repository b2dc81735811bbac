"""What every table of the case is made of: exact figures, the paper's rounding, and declared overrides.

Figures are `Fraction`s from input to table, so no rounding happens until a figure is printed, and then
half away from zero, as a spreadsheet's ROUND does. A figure is named `<table>.<row>.<column>`, for example
`table_1.return_on_investment.2019/20`; a scenario's `[[overrides]]` use these names.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from hearth.model.scenario import Scenario, ScenarioError


def round_half_up(value: Fraction, places: int = 0) -> Fraction:
    """`value` to `places` decimals, halves away from zero (Python's `round` would round halves to even)."""
    scale = 10**places
    magnitude = Fraction(math.floor(abs(value) * scale + Fraction(1, 2)), scale)
    return magnitude if value >= 0 else -magnitude


def whole(value: Fraction) -> int:
    return int(round_half_up(value))


@dataclass(frozen=True)
class AppliedOverride:
    figure: str
    rule: Fraction
    paper: Fraction
    places: int
    reason: str


class Overrides:
    """The scenario's overrides, taken as the figures they name are computed.

    An override whose figure the rule already gives, or that names no figure, is an error: a stale override
    would otherwise hide a change in the rules."""

    def __init__(self, scenario: Scenario) -> None:
        self.path = scenario.path
        self.pending = {override.figure: (n, override) for n, override in enumerate(scenario.overrides)}
        self.applied: list[AppliedOverride] = []

    def take(self, figure: str, rule: Fraction, places: int) -> Fraction:
        if figure not in self.pending:
            return rule
        n, override = self.pending.pop(figure)
        if round_half_up(rule, places) == override.paper:
            raise ScenarioError(self.path, f"overrides[{n}].paper", f"not needed: the rule already gives "
                                f"{_plain(override.paper)} for {figure}")  # fmt: skip
        if round_half_up(override.paper, places) != override.paper:
            raise ScenarioError(self.path, f"overrides[{n}].paper",
                                f"give the figure as the paper prints it, to {places} decimal places")  # fmt: skip
        self.applied.append(AppliedOverride(figure, rule, override.paper, places, override.reason))
        return override.paper

    def finish(self) -> tuple[AppliedOverride, ...]:
        for figure, (n, _) in self.pending.items():
            raise ScenarioError(self.path, f"overrides[{n}].figure", f"{figure} is not a figure of the case")
        return tuple(self.applied)


@dataclass(frozen=True)
class Row:
    """One row of a table. `style` is "heading" (a label with no figures), "line" (zero printed as "-") or
    "total" (zero printed as 0), as the paper sets them."""

    key: str
    label: str
    values: tuple[Fraction, ...]
    places: int = 0
    style: str = "line"

    def shown(self) -> tuple[Fraction, ...]:
        return tuple(round_half_up(value, self.places) for value in self.values)


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    unit: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    note: str = ""

    def row(self, key: str) -> Row:
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(f"{self.key} has no row {key!r}")

    def shown(self, key: str) -> tuple[Fraction, ...]:
        """A row's figures as the paper prints them."""
        return self.row(key).shown()


class TableBuilder:
    """Adds rows in order, each figure passing through the overrides, so later rows use what is shown."""

    def __init__(
        self, key: str, title: str, unit: str, columns: tuple[str, ...], overrides: Overrides
    ) -> None:
        self.key, self.title, self.unit, self.columns = key, title, unit, columns
        self.overrides = overrides
        self.rows: list[Row] = []

    def heading(self, key: str, label: str) -> None:
        self.rows.append(Row(key, label, (), style="heading"))

    def add(self, key: str, label: str, values: tuple[Fraction, ...], *, places: int = 0,
            style: str = "line") -> tuple[Fraction, ...]:  # fmt: skip
        assert len(values) == len(self.columns), (key, values)
        taken = tuple(self.overrides.take(f"{self.key}.{key}.{column}", value, places)
                      for column, value in zip(self.columns, values, strict=True))  # fmt: skip
        self.rows.append(Row(key, label, taken, places, style))
        return taken

    def build(self, note: str = "") -> Table:
        return Table(self.key, self.title, self.unit, self.columns, tuple(self.rows), note)


def column_sums(*rows: tuple[Fraction, ...]) -> tuple[Fraction, ...]:
    return tuple(sum(values, Fraction(0)) for values in zip(*rows, strict=True))


def _plain(value: Fraction) -> str:
    return str(int(value)) if value.denominator == 1 else f"{float(value):g}"
