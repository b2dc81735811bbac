"""Appendix 5, the "Do Nothing" scenario: the placements budget against the cost if nothing changes.

In £m, for each year:
- the standstill is the budget plus the forecast overspend before the grant: the quarter 2 forecast in the
  first year, with its full-year effect after (56.4, then 58.4);
- the high line ("11 % Growth + new price pressure") is the standstill plus the growth in numbers and the
  prices, as declared;
- the low line ("3.4 % Growth + new price pressure") is the standstill plus Table 1's avoided growth, which
  is that growth, prices included;
- each gap is its line less the budget.
The children are the first year's projection grown by each rate, year on year, each year rounded to whole
children before the next is grown (1,220 x 1.11 = 1,354.2 → 1,354; 1,354 x 1.11 = 1,502.9 → 1,503 ...).
"""

from __future__ import annotations

from fractions import Fraction

from hearth.model.case_figures import Overrides, Table, TableBuilder, whole
from hearth.model.scenario import Scenario


def standstill_overspend_m(scenario: Scenario) -> tuple[Fraction, ...]:
    overspend = scenario.overspend
    return tuple((overspend.q2_forecast_k + (overspend.full_year_effect_k if n else 0)) / 1000
                 for n in range(len(scenario.years)))  # fmt: skip


def projected_children(first: int, rate_percent: Fraction, years: int) -> tuple[Fraction, ...]:
    children = [first]
    for _ in range(years - 1):
        children.append(whole(children[-1] * (1 + rate_percent / 100)))
    return tuple(Fraction(n) for n in children)


def scenario_table(scenario: Scenario, overrides: Overrides) -> Table:
    plan = scenario.do_nothing
    n = len(scenario.years)
    high, low = f"{float(plan.high_growth_percent):g}", f"{float(plan.low_growth_percent):g}"
    table = TableBuilder("appendix_5", "Appendix 5: \u201cDo Nothing\u201d Scenario. LAC - Fostering Allowances and "
                         "External Placements Budget", "£m", scenario.years, overrides)  # fmt: skip
    budget = table.add("budget", "Budget", (plan.budget_m,) * n, places=1)
    standstill = table.add("standstill", "Standstill", tuple(b + o for b, o in zip(budget, standstill_overspend_m(scenario),
                                                                                    strict=True)), places=1)  # fmt: skip
    growth = table.add("growth_in_numbers", "Growth in Numbers", plan.growth_in_numbers_m, places=1)
    prices = table.add("prices", "Prices", plan.prices_m, places=1)
    line_high = table.add("line_high", f"{high} % Growth + new price pressure",
                          tuple(s + g + p for s, g, p in zip(standstill, growth, prices, strict=True)), places=1,
                          style="total")  # fmt: skip
    line_low = table.add("line_low", f"{low} % Growth + new price pressure",
                         tuple(s + g / 1000 for s, g in zip(standstill, scenario.avoided_growth_k, strict=True)),
                         places=1, style="total")  # fmt: skip
    table.add("gap_high", f"Gap {high}% Growth", tuple(x - b for x, b in zip(line_high, budget, strict=True)), places=1,
              style="total")  # fmt: skip
    table.add("gap_low", f"Gap {low}% Growth", tuple(x - b for x, b in zip(line_low, budget, strict=True)), places=1,
              style="total")  # fmt: skip
    table.heading("children", "Projected LAC increase")
    for key, label, first, rate in (
        ("children_high", f"LAC @{high}%", plan.children, plan.high_growth_percent),
        ("children_high_excluding_uasc", f"LAC(exc UASC) @{high}%", plan.children_excluding_uasc, plan.high_growth_percent),
        ("children_low", f"LAC @{low}%", plan.children, plan.low_growth_percent),
        ("children_low_excluding_uasc", f"LAC(exc UASC) @{low}%", plan.children_excluding_uasc, plan.low_growth_percent),
    ):  # fmt: skip
        table.add(key, label, projected_children(first, rate, n), style="total")
    return table.build()
