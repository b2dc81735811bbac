"""Scenario files: every input of a case, declared in TOML and read into frozen dataclasses.

A scenario declares inputs only; `case.py`, `mtfs.py` and `do_nothing.py` derive everything else. The file
is read whole and checked whole before anything is computed: a problem raises `ScenarioError` naming the
file, the key (a dotted path such as `placements.independent_fostering.count`) and what is wrong, so a
half-read scenario never reaches a table.

Conventions (ADR 19):
- Money keys say their unit: `_k` is £'000s (Tables 1 and 3), `_m` is £m (Table 2, Appendix 5), plain
  counts and yearly unit costs are children and pounds (Appendix 4).
- Rates are percentages, as the paper writes them (`11` for 11%), in keys ending `_percent`; a rate must
  lie from 0 to 100.
- `per_year_*` arrays hold one figure for each financial year of the case, in order; the years are those
  ending on the 31 March dates of `demand.children_at_31_march`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any

# The ten placement categories of the council's budget (Appendix 4), with the paper's words and the
# `hearth.care.codes.Category` value a placement record maps to (strings, so this package needs no Django).
CATEGORIES: dict[str, tuple[str, str]] = {
    "relative_friend": ("Foster Placement - Relative/Friend", "relative_friend"),
    "in_house_fostering": ("Foster Placement - In House", "in_house"),
    "independent_fostering": ("Foster Placement - Independent", "ifa"),
    "homes_and_hostels": ("Homes or Hostels", "homes"),
    "parents": ("Parents/Persons with PR", "parents"),
    "adoptive": ("Adoptive", "adoptive"),
    "independent_living": ("Independent Living", "independent_living"),
    "residential_school": ("Residential School", "residential_school"),
    "mother_and_baby": ("Mother & Baby Unit", "mother_and_baby"),
    "other": ("Other", "other"),
}

ROUNDINGS = ("up", "nearest")
FIGURE_TABLES = ("appendix_4", "appendix_5", "table_1", "table_2", "table_3")


class ScenarioError(Exception):
    """A scenario file that cannot be used, in words that name the file, the key and the problem."""

    def __init__(self, path: Path | str, key: str, problem: str) -> None:
        self.path = str(path)
        self.key = key
        self.problem = problem
        where = f"{self.path}: {key}" if key else self.path
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class Placement:
    """One row of Appendix 4's current split. Exactly one of `unit_cost` and `current_cost` is declared:
    the paper gives a yearly unit cost for most rows and only the current cost for two."""

    key: str
    label: str
    count: int
    unit_cost: Fraction | None
    current_cost: Fraction | None


@dataclass(frozen=True)
class Hold:
    """Paragraph 35a: a category held at its level of one March from the next year on ("one in one out"),
    in whole children, the difference taken from another category."""

    category: str
    from_march: int
    rounding: str
    taken_from: str


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    per_year: tuple[Fraction, ...]


@dataclass(frozen=True)
class InvestmentGroup:
    key: str
    label: str
    total_label: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Mtfs:
    """Table 2, in £m as savings (positive). It may stop before the case's last year; Table 3 carries the
    last year's savings on."""

    lines: tuple[Line, ...]
    carried_forward_m: Fraction
    carried_forward_deleted: bool


@dataclass(frozen=True)
class Overspend:
    q2_forecast_k: Fraction
    full_year_effect_k: Fraction
    grant_k: Fraction
    grant_years: tuple[str, ...]


@dataclass(frozen=True)
class DoNothing:
    budget_m: Fraction
    children: int
    children_excluding_uasc: int
    high_growth_percent: Fraction
    low_growth_percent: Fraction
    growth_in_numbers_m: tuple[Fraction, ...]
    prices_m: tuple[Fraction, ...]


@dataclass(frozen=True)
class Override:
    """A figure the paper prints that its own rule does not give: the paper's figure is used, and shown as
    an override with the rule's figure beside it."""

    figure: str
    paper: Fraction
    reason: str


@dataclass(frozen=True)
class Scenario:
    path: str
    name: str
    title: str
    source: str
    as_at: dt.date
    placements: tuple[Placement, ...]
    children_at_31_march: tuple[tuple[int, int], ...]  # (year, children), in order
    mix: str
    hold: Hold | None
    investment: tuple[InvestmentGroup, ...]
    avoided_growth_k: tuple[Fraction, ...]
    workforce_k: tuple[Fraction, ...]
    mtfs: Mtfs
    overspend: Overspend
    do_nothing: DoNothing
    overrides: tuple[Override, ...]

    @property
    def years(self) -> tuple[str, ...]:
        """The financial years of the case, "2019/20" for the year ending 31 March 2020."""
        return tuple(financial_year(march) for march, _ in self.children_at_31_march)

    @property
    def months_left_in_first_year(self) -> int:
        """Whole months from the end of the month of the current split to the first 31 March."""
        first_march = self.children_at_31_march[0][0]
        return (first_march - self.as_at.year) * 12 + 3 - self.as_at.month


def financial_year(march: int) -> str:
    return f"{march - 1}/{march % 100:02d}"


def seed_case_path() -> Path:
    """The seed paper's case, shipped with the package."""
    return Path(str(resources.files("hearth.model") / "scenarios" / "seed_case.toml"))


def load_scenario(path: Path | str | None = None) -> Scenario:
    """Read and check a scenario file; the seed case when no path is given."""
    path = seed_case_path() if path is None else Path(path)
    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except FileNotFoundError:
        raise ScenarioError(path, "", "there is no such file") from None
    except tomllib.TOMLDecodeError as error:
        raise ScenarioError(path, "", f"this is not valid TOML: {error}") from None
    return _Reader(path).scenario(data)


class _Reader:
    """Reads one file's tables, checking each value as it goes; the first problem stops the read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.n_years = 0
        self.years: tuple[str, ...] = ()

    def fail(self, key: str, problem: str) -> ScenarioError:
        return ScenarioError(self.path, key, problem)

    # --- the scenario --------------------------------------------------------------------------------

    def scenario(self, data: dict[str, Any]) -> Scenario:
        self.known(data, "", {"scenario", "placements", "demand", "rules", "investment", "savings", "mtfs",
                              "overspend", "do_nothing"}, frozenset({"overrides"}))  # fmt: skip
        about = self.table(data, "scenario")
        self.known(about, "scenario", {"name", "title", "source"})
        demand = self.table(data, "demand")
        self.known(demand, "demand", {"children_at_31_march"})
        marches = self.children_at_31_march(demand)
        self.n_years = len(marches)
        self.years = tuple(financial_year(march) for march, _ in marches)
        placements_table = self.table(data, "placements")
        as_at = self.date(placements_table, "placements.as_at")
        if not dt.date(marches[0][0] - 1, 3, 31) < as_at < dt.date(marches[0][0], 3, 1):
            raise self.fail("placements.as_at", f"the current split must fall in {financial_year(marches[0][0])}, "
                            f"before March {marches[0][0]}; got {as_at.isoformat()}")  # fmt: skip
        placements = self.placements(placements_table)
        mix, hold = self.rules(self.table(data, "rules"), marches)
        savings = self.table(data, "savings")
        self.known(savings, "savings", {"avoided_growth_k", "workforce_k"})
        return Scenario(
            path=str(self.path),
            name=self.string(about, "scenario.name"),
            title=self.string(about, "scenario.title"),
            source=self.string(about, "scenario.source"),
            as_at=as_at,
            placements=placements,
            children_at_31_march=marches,
            mix=mix,
            hold=hold,
            investment=self.investment(self.table(data, "investment")),
            avoided_growth_k=self.per_year(savings, "savings.avoided_growth_k"),
            workforce_k=self.per_year(savings, "savings.workforce_k"),
            mtfs=self.mtfs(self.table(data, "mtfs")),
            overspend=self.overspend(self.table(data, "overspend")),
            do_nothing=self.do_nothing(self.table(data, "do_nothing")),
            overrides=self.overrides(data.get("overrides", [])),
        )

    def children_at_31_march(self, demand: dict[str, Any]) -> tuple[tuple[int, int], ...]:
        table = self.table(demand, "demand.children_at_31_march")
        if not table:
            raise self.fail(
                "demand.children_at_31_march", "give the children looked after at one 31 March at least"
            )
        marches = []
        for year, _ in table.items():
            key = f"demand.children_at_31_march.{year}"
            if not (year.isdigit() and len(year) == 4):
                raise self.fail(key, "each key is the year of a 31 March, for example 2020")
            marches.append((int(year), self.count(table, key)))
        for (before, _), (after, _) in itertools.pairwise(marches):
            if after != before + 1:
                raise self.fail(f"demand.children_at_31_march.{after}",
                                f"the years must follow one another; {after} comes after {before}")  # fmt: skip
        return tuple(marches)

    def placements(self, table: dict[str, Any]) -> tuple[Placement, ...]:
        rows = []
        for key, row in table.items():
            path = f"placements.{key}"
            if key == "as_at":
                continue
            if key not in CATEGORIES:
                raise self.fail(path, f"unknown placement category {key!r}; the categories are "
                                f"{', '.join(CATEGORIES)}")  # fmt: skip
            if not isinstance(row, dict):
                raise self.fail(path, f"must be a table with count and unit_cost, got {_kind(row)}")
            self.known(row, path, {"count"}, frozenset({"unit_cost", "current_cost"}))
            count = self.count(row, f"{path}.count")
            unit_cost = self.money(row, f"{path}.unit_cost") if "unit_cost" in row else None
            current_cost = self.money(row, f"{path}.current_cost") if "current_cost" in row else None
            if (unit_cost is None) == (current_cost is None):
                raise self.fail(f"{path}.unit_cost", "give exactly one of unit_cost (a yearly cost per child) "
                                "and current_cost (what the current children cost a year)")  # fmt: skip
            if current_cost is not None and count == 0 and current_cost != 0:
                raise self.fail(f"{path}.current_cost", "a cost with no children gives no unit cost")
            rows.append(Placement(key, CATEGORIES[key][0], count, unit_cost, current_cost))
        missing = [key for key in CATEGORIES if key not in {row.key for row in rows}]
        if missing:
            raise self.fail(f"placements.{missing[0]}", "missing: every placement category needs its current "
                            "count and cost, even if zero")  # fmt: skip
        if sum(row.count for row in rows) == 0:
            raise self.fail("placements", "the current split has no children")
        return tuple(rows)

    def rules(self, table: dict[str, Any], marches: tuple[tuple[int, int], ...]) -> tuple[str, Hold | None]:
        self.known(table, "rules", {"mix"}, frozenset({"hold"}))
        mix = self.string(table, "rules.mix")
        if mix != "current":
            raise self.fail(
                "rules.mix", f'the only mix the model knows is "current" (paragraph 35b); got {mix!r}'
            )
        if "hold" not in table:
            return mix, None
        hold = self.table(table, "rules.hold")
        self.known(hold, "rules.hold", {"category", "from_march", "rounding", "taken_from"})
        category = self.category(hold, "rules.hold.category")
        taken_from = self.category(hold, "rules.hold.taken_from")
        if taken_from == category:
            raise self.fail("rules.hold.taken_from", "the difference must be taken from another category")
        from_march = self.integer(hold, "rules.hold.from_march")
        if from_march not in {march for march, _ in marches}:
            raise self.fail("rules.hold.from_march", f"{from_march} is not one of the years of "
                            "demand.children_at_31_march")  # fmt: skip
        rounding = self.string(hold, "rules.hold.rounding")
        if rounding not in ROUNDINGS:
            raise self.fail("rules.hold.rounding", f"must be one of {', '.join(ROUNDINGS)}; got {rounding!r}")
        return mix, Hold(category, from_march, rounding, taken_from)

    def investment(self, table: dict[str, Any]) -> tuple[InvestmentGroup, ...]:
        groups = []
        for key in table:
            path = f"investment.{key}"
            group = self.table(table, path)
            self.known(group, path, {"label", "total_label", "lines"})
            lines = self.lines(self.table(group, f"{path}.lines"), f"{path}.lines", "per_year_k")
            groups.append(InvestmentGroup(key, self.string(group, f"{path}.label"),
                                          self.string(group, f"{path}.total_label"), lines))  # fmt: skip
        if not groups:
            raise self.fail("investment", "missing: give at least one group of investment lines")
        return tuple(groups)

    def lines(
        self, table: dict[str, Any], path: str, values: str, *, up_to: bool = False
    ) -> tuple[Line, ...]:
        lines = []
        for key in table:
            line = self.table(table, f"{path}.{key}")
            self.known(line, f"{path}.{key}", {"label", values})
            per_year = self.per_year(line, f"{path}.{key}.{values}", up_to=up_to)
            lines.append(Line(key, self.string(line, f"{path}.{key}.label"), per_year))
        return tuple(lines)

    def mtfs(self, table: dict[str, Any]) -> Mtfs:
        self.known(table, "mtfs", {"lines", "carried_forward_m", "carried_forward_deleted"})
        lines = self.lines(self.table(table, "mtfs.lines"), "mtfs.lines", "per_year_m", up_to=True)
        if len({len(line.per_year) for line in lines}) > 1:
            raise self.fail("mtfs.lines", "every line must run over the same years")
        deleted = self.require(table, "mtfs.carried_forward_deleted")
        if not isinstance(deleted, bool):
            raise self.fail("mtfs.carried_forward_deleted", f"must be true or false, got {_kind(deleted)}")
        return Mtfs(lines, self.money(table, "mtfs.carried_forward_m"), deleted)

    def overspend(self, table: dict[str, Any]) -> Overspend:
        self.known(table, "overspend", {"q2_forecast_k", "full_year_effect_k", "grant_k", "grant_years"})
        years = self.require(table, "overspend.grant_years")
        if not isinstance(years, list) or not all(isinstance(year, str) for year in years):
            raise self.fail("overspend.grant_years", f"must be a list of financial years such as \"2019/20\", "
                            f"got {_kind(years)}")  # fmt: skip
        for n, year in enumerate(years):
            if year not in self.years:
                raise self.fail(f"overspend.grant_years[{n}]", f"{year!r} is not a financial year of the case "
                                f"({self.years[0]} to {self.years[-1]})")  # fmt: skip
        return Overspend(
            q2_forecast_k=self.money(table, "overspend.q2_forecast_k"),
            full_year_effect_k=self.money(table, "overspend.full_year_effect_k"),
            grant_k=self.money(table, "overspend.grant_k"),
            grant_years=tuple(years),
        )

    def do_nothing(self, table: dict[str, Any]) -> DoNothing:
        self.known(table, "do_nothing", {"budget_m", "children", "children_excluding_uasc", "high_growth_percent",
                                         "low_growth_percent", "growth_in_numbers_m", "prices_m"})  # fmt: skip
        children = self.count(table, "do_nothing.children")
        excluding = self.count(table, "do_nothing.children_excluding_uasc")
        if excluding > children:
            raise self.fail("do_nothing.children_excluding_uasc",
                            f"cannot be more than do_nothing.children ({children})")  # fmt: skip
        return DoNothing(
            budget_m=self.money(table, "do_nothing.budget_m"),
            children=children,
            children_excluding_uasc=excluding,
            high_growth_percent=self.percent(table, "do_nothing.high_growth_percent"),
            low_growth_percent=self.percent(table, "do_nothing.low_growth_percent"),
            growth_in_numbers_m=self.per_year(table, "do_nothing.growth_in_numbers_m"),
            prices_m=self.per_year(table, "do_nothing.prices_m"),
        )

    def overrides(self, items: Any) -> tuple[Override, ...]:
        if not isinstance(items, list):
            raise self.fail("overrides", f"must be a list of [[overrides]] tables, got {_kind(items)}")
        overrides = []
        for n, item in enumerate(items):
            path = f"overrides[{n}]"
            if not isinstance(item, dict):
                raise self.fail(path, f"must be a table, got {_kind(item)}")
            self.known(item, path, {"figure", "paper", "reason"})
            figure = self.string(item, f"{path}.figure")
            if figure.split(".", 1)[0] not in FIGURE_TABLES or figure.count(".") < 2:
                raise self.fail(f"{path}.figure", "name a figure as <table>.<row>.<column>, the table one of "
                                f"{', '.join(FIGURE_TABLES)}; got {figure!r}")  # fmt: skip
            reason = self.string(item, f"{path}.reason")
            if len(reason) < 20:
                raise self.fail(f"{path}.reason", "say why the paper's figure differs from the rule's")
            overrides.append(Override(figure, self.number(item, f"{path}.paper"), reason))
        figures = [override.figure for override in overrides]
        for n, figure in enumerate(figures):
            if figure in figures[:n]:
                raise self.fail(f"overrides[{n}].figure", f"{figure} is overridden twice")
        return tuple(overrides)

    # --- values ------------------------------------------------------------------------------------------

    def known(
        self, table: dict[str, Any], path: str, keys: set[str], optional: frozenset[str] = frozenset()
    ) -> None:
        """Every key is one the model reads (a misspelt key is not silently ignored), and none is missing."""
        for key in table:
            if key not in keys | optional:
                where = f"{path}.{key}" if path else key
                raise self.fail(where, f"unknown key; expected {', '.join(sorted(keys | optional))}")
        for key in sorted(keys):
            if key not in table:
                raise self.fail(f"{path}.{key}" if path else key, "missing")

    def require(self, table: dict[str, Any], path: str) -> Any:
        key = path.rsplit(".", 1)[-1]
        if key not in table:
            raise self.fail(path, "missing")
        return table[key]

    def table(self, parent: dict[str, Any], path: str) -> dict[str, Any]:
        value = self.require(parent, path)
        if not isinstance(value, dict):
            raise self.fail(path, f"must be a table, got {_kind(value)}")
        return value

    def string(self, table: dict[str, Any], path: str) -> str:
        value = self.require(table, path)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(path, f"must be some text, got {_kind(value)}")
        return value

    def date(self, table: dict[str, Any], path: str) -> dt.date:
        value = self.require(table, path)
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise self.fail(path, f"must be a date such as 2019-09-30, got {_kind(value)}")
        return value

    def integer(self, table: dict[str, Any], path: str) -> int:
        value = self.require(table, path)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(path, f"must be a whole number, got {_kind(value)}")
        return value

    def count(self, table: dict[str, Any], path: str) -> int:
        value = self.integer(table, path)
        if value < 0:
            raise self.fail(path, f"a count of children cannot be negative; got {value}")
        return value

    def number(self, table: dict[str, Any], path: str) -> Fraction:
        return self._number(self.require(table, path), path)

    def _number(self, value: Any, path: str) -> Fraction:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(path, f"must be a number, got {_kind(value)}")
        if isinstance(value, float) and not math.isfinite(value):
            raise self.fail(path, f"must be a finite number, got {value}")
        # Through the decimal the file shows, so 45.52 is exactly 45.52 and not the nearest binary float.
        return Fraction(Decimal(repr(value))) if isinstance(value, float) else Fraction(value)

    def money(self, table: dict[str, Any], path: str) -> Fraction:
        value = self.number(table, path)
        if value < 0:
            raise self.fail(path, f"an amount cannot be negative; got {float(value):g}")
        return value

    def percent(self, table: dict[str, Any], path: str) -> Fraction:
        value = self.number(table, path)
        if not 0 <= value <= 100:
            raise self.fail(path, f"a rate is a percentage from 0 to 100 (11 for 11%); got {float(value):g}")
        return value

    def category(self, table: dict[str, Any], path: str) -> str:
        value = self.string(table, path)
        if value not in CATEGORIES:
            raise self.fail(
                path, f"unknown placement category {value!r}; the categories are {', '.join(CATEGORIES)}"
            )
        return value

    def per_year(self, table: dict[str, Any], path: str, *, up_to: bool = False) -> tuple[Fraction, ...]:
        values = self.require(table, path)
        if not isinstance(values, list):
            raise self.fail(path, f"must be a list of one amount per financial year, got {_kind(values)}")
        wrong_length = not 0 < len(values) <= self.n_years if up_to else len(values) != self.n_years
        if wrong_length:
            expected = f"up to {self.n_years}" if up_to else f"{self.n_years}"
            raise self.fail(path, f"must have {expected} figures, one for each financial year from the first; "
                            f"got {len(values)}")  # fmt: skip
        amounts = tuple(self._number(value, f"{path}[{n}]") for n, value in enumerate(values))
        for n, amount in enumerate(amounts):
            if amount < 0:
                raise self.fail(f"{path}[{n}]", f"an amount cannot be negative; got {float(amount):g}")
        return amounts


def _kind(value: Any) -> str:
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true or false)"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, float):
        return f"the number {value:g}"
    return f"{value!r}"
