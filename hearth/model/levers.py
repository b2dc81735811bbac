"""Scenario levers, and what they are worth set against what they cost.

The levers act inside the simulation (`simulate.py`), on the same random numbers as the baseline, so the
difference between a lever's run and the baseline's is the lever's effect and little noise:

- `fewer_entrants`: a share of would-be entrants do not come into care (0.1 is 10% fewer).
- `fgc_coverage` and `fgc_effectiveness`: a share of would-be entrants' families have a family group
  conference, and a share of those children then stay out of care; together they divert
  `coverage * effectiveness` of entrants (after `fewer_entrants`).
- `ifa_to_in_house`: a share of new placements with independent fostering agencies (an entrant's first
  placement, or a move into one) are made with the council's own foster carers instead.
- `more_sgo`: more special guardianship orders, as a rise in the monthly hazard of leaving care from foster
  care (relative or friend, in house, agency): 0.2 raises it by 20%.

`finances` turns yearly costs into the seed's Table 1 and Table 3 (Staffordshire, 2019): the saving of
each year (baseline cost less scenario cost), the investment, and the net position, savings less
investment, a surplus when positive (the seed prints the same figure as investment less savings, with
surpluses in brackets). The ROI is the net position over the horizon divided by the investment. The
break-even year is, as in the seed's Table 3, the first year whose own net position is a surplus; the
payback year is the first year by whose end the cumulative net position is a surplus.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

SHARES = ("fewer_entrants", "ifa_to_in_house", "fgc_coverage", "fgc_effectiveness")


@dataclass(frozen=True)
class Levers:
    """Each a share: 0.1 is 10% (see the module's docstring)."""

    fewer_entrants: float = 0.0
    ifa_to_in_house: float = 0.0
    more_sgo: float = 0.0
    fgc_coverage: float = 0.0
    fgc_effectiveness: float = 0.0

    def __post_init__(self) -> None:
        for name in SHARES:
            value = getattr(self, name)
            if not (isinstance(value, int | float) and 0.0 <= value <= 1.0):
                raise ValueError(f"{name} must be a share between 0 and 1 (0.1 is 10%), not {value!r}")
        if not (
            isinstance(self.more_sgo, int | float) and math.isfinite(self.more_sgo) and self.more_sgo >= 0
        ):
            raise ValueError(f"more_sgo must be a rise of 0 or more (0.2 is 20% more), not {self.more_sgo!r}")

    @property
    def diverted(self) -> float:
        """The share of would-be entrants who do not come into care."""
        return 1.0 - (1.0 - self.fewer_entrants) * (1.0 - self.fgc_coverage * self.fgc_effectiveness)

    @property
    def active(self) -> bool:
        return any(asdict(self).values())


def investment_by_year(
    investment: float | Sequence[float] | None, years: int, name: str = "investment"
) -> list[float]:
    """A yearly investment from one figure (every year) or one per year."""
    if investment is None:
        return [0.0] * years
    values = (
        [float(investment)] * years if isinstance(investment, int | float) else [float(v) for v in investment]
    )
    if len(values) != years:
        raise ValueError(f"{name} needs one figure a year ({years}), not {len(values)}")
    if any(not math.isfinite(v) or v < 0 for v in values):
        raise ValueError(f"{name} must be 0 or more each year")
    return values


def finances(*, baseline: np.ndarray, scenario: np.ndarray, investment: Sequence[float],
             labels: Sequence[str]) -> dict[str, Any]:  # fmt: skip
    """The year-by-year finances of a lever from each run's yearly costs, (runs, years) arrays run on the
    same random numbers (see the module's docstring). Savings are the median over runs of each run's
    saving, with its 80% interval."""
    saving = baseline - scenario
    rows, cumulative = [], 0.0
    break_even = payback = None
    for year, label in enumerate(labels):
        low, median, high = np.quantile(saving[:, year], [0.1, 0.5, 0.9])
        net = float(median) - investment[year]
        cumulative += net
        if break_even is None and net > 0:
            break_even = label
        if payback is None and cumulative > 0:
            payback = label
        rows.append({
            "year": label, "baseline_cost": float(np.median(baseline[:, year])),
            "scenario_cost": float(np.median(scenario[:, year])), "saving": float(median),
            "saving_80": [float(low), float(high)], "investment": investment[year], "net": net,
            "cumulative_net": cumulative,
        })  # fmt: skip
    total_saving = float(np.median(saving.sum(axis=1)))
    total_investment = float(sum(investment))
    net_total = total_saving - total_investment
    return {
        "years": rows,
        "total_saving": total_saving,
        "total_saving_80": [float(v) for v in np.quantile(saving.sum(axis=1), [0.1, 0.9])],
        "total_investment": total_investment,
        "net": net_total,
        "roi": net_total / total_investment if total_investment > 0 else None,
        "break_even_year": break_even,
        "payback_year": payback,
    }
