"""What the Insight pages read, for the signed-in user's council. The figures name no one; only roles with
`Capability.INSIGHT`, which reach the whole council, see them (hearth.core.access)."""

from __future__ import annotations

from typing import Any

from hearth.insight.forecasting import forecast_report
from hearth.model.lever_scenarios import load_levers


def forecast_for(*, user: Any, choices: dict[str, Any], runs: int = 1000) -> dict[str, Any]:
    """The forecast of the user's council that the forecast form's `choices` ask for, with the scenario levers
    of the default levers file when chosen. Raises ValueError, naming the problem, if the model cannot run."""
    scenarios = load_levers() if choices["levers"] else {}
    report = forecast_report(
        authority_id=user.authority_id, start=choices["start"], years=choices["years"], runs=runs,
        reference_years=choices["reference_years"], trend=choices["trend"],
        levers={s.label: s.levers for s in scenarios.values()},
        investment={s.label: s.investment for s in scenarios.values()},
    )  # fmt: skip
    if not report["at_start"]["total"] and not report["reference"]["entrants"]:
        raise ValueError("The records hold no children looked after before the forecast starts, so there is "
                         "nothing to forecast from: choose a later start, or more years of records")  # fmt: skip
    return report
