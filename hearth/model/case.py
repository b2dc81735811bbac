"""The seed paper's financial case, derived from a scenario's inputs (ADR 19).

`build_case(scenario)` gives Appendix 4 (the mix of placements over time), Table 1 (investment, savings and
the return on investment), Table 2 and Table 3 (`mtfs.py`), Appendix 5 (`do_nothing.py`) and the year the
programme breaks even. The rules, each checked figure by figure against the paper in the tests:

- Appendix 4. Each year's children are the current split scaled to the year's target (paragraph 35b: "the
  same % mix of placements as today"): a category's share is count x target / current children, a
  fraction of a child. Its cost is that share x the yearly unit cost, unrounded; the paper prints the
  share rounded to whole children, so the printed counts need not add up to the target, which the total
  shows. A category with no unit cost shown (Residential School, Other) costs current cost / count.
  From the hold's March (2024) on, the held category (Homes or Hostels, paragraph 35a: "one in one out")
  stays at that March's share rounded to whole children (up, as the scenario declares), and the category the difference is taken
  from (independent fostering) has its share less the held children's excess, rounded to whole children;
  both are costed as whole children. The total cost is the sum of the rows' unrounded costs.
- Table 1's placement saving is the reduction from the current cost, straight-line through each financial
  year (paragraph 35b): the mean of the reductions at the year's start and end, over the months of the year
  the programme runs (six in 2019/20, from the half-year split, whose reduction is zero).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from hearth.model import do_nothing, mtfs
from hearth.model.case_figures import AppliedOverride, Overrides, Table, TableBuilder, column_sums, whole
from hearth.model.scenario import Scenario, ScenarioError


@dataclass(frozen=True)
class MixColumn:
    """One column pair of Appendix 4: the children and yearly cost of each category at one date."""

    key: str  # "current", "march_2020", ...
    label: str  # "Current split", "Aim for March 2020", ...
    share: dict[str, Fraction]  # the children each cost follows: a share of the target, or whole children
    children: dict[str, int]  # as printed, whole children
    cost: dict[str, Fraction]
    total_children: int
    total_cost: Fraction


@dataclass(frozen=True)
class PlacementMix:
    """Appendix 4."""

    categories: tuple[tuple[str, str], ...]  # (key, the paper's label)
    unit_cost: dict[str, Fraction]
    derived_unit_cost: frozenset[str]  # categories whose unit cost is current cost / count
    average_cost: Fraction
    columns: tuple[MixColumn, ...]

    def column(self, key: str) -> MixColumn:
        return next(column for column in self.columns if column.key == key)


@dataclass(frozen=True)
class BreakEven:
    year: str
    years_before: int  # "after 4 years": the years of the case before it


@dataclass(frozen=True)
class Case:
    scenario: Scenario
    appendix_4: PlacementMix
    table_1: Table
    table_2: Table
    table_3: Table
    appendix_5: Table
    break_even: BreakEven | None
    placement_savings: tuple[Fraction, ...]  # £, unrounded, by financial year
    overrides: tuple[AppliedOverride, ...]


def build_case(scenario: Scenario) -> Case:
    overrides = Overrides(scenario)
    mix = placement_mix(scenario, overrides)
    savings = placement_savings(scenario, mix)
    table_1 = investment_and_savings(scenario, savings, overrides)
    table_2 = mtfs.outstanding_savings(scenario, overrides)
    table_3 = mtfs.position(scenario, table_1, table_2, overrides)
    appendix_5 = do_nothing.scenario_table(scenario, overrides)
    return Case(
        scenario=scenario,
        appendix_4=mix,
        table_1=table_1,
        table_2=table_2,
        table_3=table_3,
        appendix_5=appendix_5,
        break_even=break_even(scenario, table_3),
        placement_savings=savings,
        overrides=overrides.finish(),
    )


# --- Appendix 4 ------------------------------------------------------------------------------------------


def placement_mix(scenario: Scenario, overrides: Overrides) -> PlacementMix:
    placements = scenario.placements
    unit_cost = {
        p.key: p.unit_cost if p.unit_cost is not None else Fraction(p.current_cost or 0) / (p.count or 1)
        for p in placements
    }
    current_children = sum(p.count for p in placements)
    hold = scenario.hold
    held: int | None = None
    columns = [_column(overrides, "current", "Current split", {p.key: Fraction(p.count) for p in placements},
                       current_children, unit_cost)]  # fmt: skip
    for march, target in scenario.children_at_31_march:
        share = {p.key: Fraction(p.count * target, current_children) for p in placements}
        if hold is not None and march >= hold.from_march:
            if held is None:
                exact = share[hold.category]
                held = math.ceil(exact) if hold.rounding == "up" else whole(exact)
            excess = held - share[hold.category]
            taken = whole(share[hold.taken_from] - excess)
            if taken < 0:
                raise ScenarioError(scenario.path, "rules.hold.taken_from", f"{hold.taken_from} would fall "
                                    f"below no children in March {march} to keep {hold.category} at {held}")  # fmt: skip
            share[hold.category], share[hold.taken_from] = Fraction(held), Fraction(taken)
        columns.append(
            _column(overrides, f"march_{march}", f"Aim for March {march}", share, target, unit_cost)
        )
    total = columns[0]
    average = overrides.take("appendix_4.total.average_cost", total.total_cost / total.total_children, 0)
    return PlacementMix(
        categories=tuple((p.key, p.label) for p in placements),
        unit_cost=unit_cost,
        derived_unit_cost=frozenset(p.key for p in placements if p.unit_cost is None),
        average_cost=average,
        columns=tuple(columns),
    )


def _column(overrides: Overrides, key: str, label: str, share: dict[str, Fraction], target: int,
            unit_cost: dict[str, Fraction]) -> MixColumn:  # fmt: skip
    children, cost = {}, {}
    for category, exact in share.items():
        children[category] = int(
            overrides.take(f"appendix_4.{category}.{key}.children", Fraction(whole(exact)), 0)
        )
        cost[category] = overrides.take(f"appendix_4.{category}.{key}.cost", exact * unit_cost[category], 0)
    total_cost = overrides.take(f"appendix_4.total.{key}.cost", sum(cost.values(), Fraction(0)), 0)
    return MixColumn(key, label, share, children, cost, target, total_cost)


# --- Table 1 ---------------------------------------------------------------------------------------------


def placement_savings(scenario: Scenario, mix: PlacementMix) -> tuple[Fraction, ...]:
    """The saving of each financial year, in pounds: the reduction from the current cost, straight-line
    through the year, over the part of the year after the current split."""
    current = mix.columns[0].total_cost
    reductions = [current - column.total_cost for column in mix.columns]  # the first is zero
    months = [scenario.months_left_in_first_year] + [12] * (len(mix.columns) - 2)
    return tuple(
        Fraction(months[n], 12) * (reductions[n] + reductions[n + 1]) / 2 for n in range(len(months))
    )


def investment_and_savings(scenario: Scenario, savings: tuple[Fraction, ...], overrides: Overrides) -> Table:
    table = TableBuilder("table_1", "Table 1: Finance table showing cumulative full investment, savings and "
                         "net position", "£'000s", scenario.years, overrides)  # fmt: skip
    group_totals = []
    for group in scenario.investment:
        table.heading(group.key, group.label)
        lines = [table.add(line.key, line.label, line.per_year) for line in group.lines]
        group_totals.append(
            table.add(f"{group.key}_total", group.total_label, column_sums(*lines), style="total")
        )
    investment = table.add("investment_total", "Investment Total", column_sums(*group_totals), style="total")
    table.heading("savings", "Savings")
    growth = table.add("avoided_growth", "Avoidance of Growth", _negative(scenario.avoided_growth_k))
    placements = table.add("placements", "Placements", _negative(tuple(saving / 1000 for saving in savings)))
    workforce = table.add("workforce", "Workforce", _negative(scenario.workforce_k))
    total = table.add(
        "savings_total", "Savings Total", column_sums(growth, placements, workforce), style="total"
    )
    table.add("return_on_investment", "Return on Investment: (Surplus)/Deficit", column_sums(investment, total),
              style="total")  # fmt: skip
    return table.build()


def break_even(scenario: Scenario, table_3: Table) -> BreakEven | None:
    """The first year whose impact on the MTFS is negative: the programme then pays for itself, the
    outstanding MTFS savings, the overspend and the growth (paragraph 34)."""
    for n, (year, impact) in enumerate(zip(scenario.years, table_3.row("impact").values, strict=True)):
        if impact < 0:
            return BreakEven(year, n)
    return None


def _negative(values: tuple[Fraction, ...]) -> tuple[Fraction, ...]:
    return tuple(-value for value in values)
