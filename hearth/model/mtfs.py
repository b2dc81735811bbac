"""Table 2 (the outstanding MTFS savings) and Table 3 (the MTFS position), from a scenario and Table 1.

Table 3 adds, for each year (£'000s):
- Table 1's return on investment, as Table 1 shows it;
- the MTFS savings still to be delivered: Table 2's total, the last year of Table 2 carried on after it
  (the savings are ongoing), plus the carried-forward saving unless it is deleted (paragraph 35g);
- the forecast overspend: the quarter 2 forecast, with its full-year effect from the second year, less the
  grant in the years it is received (paragraphs 31, 32, 35f);
- the growth of the do-nothing case at 3.4%, which Table 1 counts as avoided (so it nets to nothing).
Their sum is the impact on the MTFS; the programme breaks even in the first year it is negative.
"""

from __future__ import annotations

from fractions import Fraction

from hearth.model.case_figures import Overrides, Table, TableBuilder, column_sums
from hearth.model.scenario import Scenario


def outstanding_savings(scenario: Scenario, overrides: Overrides) -> Table:
    years = scenario.years[: len(scenario.mtfs.lines[0].per_year)]
    table = TableBuilder("table_2", "Table 2: Outstanding MTFS savings attached to the children's system", "£m",
                         years, overrides)  # fmt: skip
    lines = [table.add(line.key, line.label, tuple(-value for value in line.per_year), places=3)
             for line in scenario.mtfs.lines]  # fmt: skip
    table.add("total", "Total", column_sums(*lines), places=3, style="total")
    note = (
        ""
        if not scenario.mtfs.carried_forward_deleted
        else (
            f"Excludes the £{float(scenario.mtfs.carried_forward_m):g}m MTFS saving carried forward, which is deleted."
        )
    )
    return table.build(note)


def still_to_be_delivered(scenario: Scenario, table_2: Table) -> tuple[Fraction, ...]:
    totals = [-value * 1000 for value in table_2.row("total").values]
    carried = Fraction(0) if scenario.mtfs.carried_forward_deleted else scenario.mtfs.carried_forward_m * 1000
    return tuple((totals[n] if n < len(totals) else totals[-1]) + carried for n in range(len(scenario.years)))


def forecast_overspend(scenario: Scenario) -> tuple[Fraction, ...]:
    overspend = scenario.overspend
    return tuple(
        overspend.q2_forecast_k
        + (overspend.full_year_effect_k if n else 0)
        - (overspend.grant_k if year in overspend.grant_years else 0)
        for n, year in enumerate(scenario.years)
    )


def position(scenario: Scenario, table_1: Table, table_2: Table, overrides: Overrides) -> Table:
    table = TableBuilder("table_3", "Table 3: MTFs Position", "£'000s", scenario.years, overrides)
    rows = (
        table.add("return_on_investment", "Return on Investment: (Surplus)/Deficit",
                  table_1.row("return_on_investment").values),
        table.add("mtfs_still_to_be_delivered", "MTFS Still to be delivered", still_to_be_delivered(scenario, table_2)),
        table.add("forecast_overspend", "Forecast overspend at Q2 & FYE", forecast_overspend(scenario)),
        table.add("growth", "Growth", scenario.avoided_growth_k),
    )  # fmt: skip
    table.add("impact", "Break Even Point/Impact on MTFs", column_sums(*rows), style="total")
    return table.build()
