"""Scenario lever files: the settings of each lever scenario and its yearly investment, declared in TOML
(`scenarios/levers.toml`) and checked before any forecast runs. A bad file stops with an error naming the
file, the key and the problem (`ScenarioError`), and nothing is forecast."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from hearth.model.levers import Levers
from hearth.model.scenario import ScenarioError

PERCENT_SETTINGS = {
    "fewer_entrants_percent": "fewer_entrants",
    "ifa_to_in_house_percent": "ifa_to_in_house",
    "more_sgo_percent": "more_sgo",
    "fgc_coverage_percent": "fgc_coverage",
    "fgc_effectiveness_percent": "fgc_effectiveness",
}
CAPPED = {
    "fewer_entrants_percent",
    "ifa_to_in_house_percent",
    "fgc_coverage_percent",
    "fgc_effectiveness_percent",
}


@dataclass(frozen=True)
class LeverScenario:
    key: str
    label: str
    levers: Levers
    investment: float | list[float]  # £ a year: one figure, or one per year


def levers_path() -> Path:
    return Path(str(resources.files("hearth.model") / "scenarios" / "levers.toml"))


def load_levers(path: Path | str | None = None) -> dict[str, LeverScenario]:
    """The lever scenarios of a file, by name (the default file when none is given)."""
    path = Path(path) if path else levers_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ScenarioError(path, "", "There is no such file") from error
    except tomllib.TOMLDecodeError as error:
        raise ScenarioError(path, "", f"This is not valid TOML: {error}") from error
    levers = data.get("levers")
    if not isinstance(levers, dict) or not levers:
        raise ScenarioError(path, "levers", "Declare at least one scenario as [levers.<name>]")
    return {name: _scenario(path, name, table) for name, table in levers.items()}


def _scenario(path: Path, name: str, table: Any) -> LeverScenario:
    where = f"levers.{name}"
    if not isinstance(table, dict):
        raise ScenarioError(path, where, "Must be a table of settings")
    unknown = sorted(set(table) - {*PERCENT_SETTINGS, "label", "investment_k"})
    if unknown:
        raise ScenarioError(path, f"{where}.{unknown[0]}", "Not a lever setting: use "
                            + ", ".join([*PERCENT_SETTINGS, "label", "investment_k"]))  # fmt: skip
    if "investment_k" not in table:
        raise ScenarioError(
            path, f"{where}.investment_k", "Missing: give the yearly investment in £'000s (0 for none)"
        )
    settings = {}
    for key, field in PERCENT_SETTINGS.items():
        if key not in table:
            continue
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ScenarioError(path, f"{where}.{key}", f"Must be a number (a percentage), not {value!r}")
        if value < 0 or (key in CAPPED and value > 100):
            limit = "from 0 to 100" if key in CAPPED else "0 or more"
            raise ScenarioError(path, f"{where}.{key}", f"A percentage {limit}, not {value}")
        settings[field] = value / 100
    if not settings:
        raise ScenarioError(path, where, "Set at least one lever: " + ", ".join(PERCENT_SETTINGS))
    investment = table["investment_k"]
    figures = investment if isinstance(investment, list) else [investment]
    for figure in figures:
        if isinstance(figure, bool) or not isinstance(figure, int | float) or figure < 0:
            raise ScenarioError(path, f"{where}.investment_k", f"£'000s of 0 or more, not {figure!r}")
    label = table.get("label", name.replace("_", " ").capitalize())
    if not isinstance(label, str) or not label.strip():
        raise ScenarioError(path, f"{where}.label", "Must be some words")
    pounds: float | list[float] = (
        [float(f) * 1000 for f in figures] if isinstance(investment, list) else float(investment) * 1000
    )
    return LeverScenario(name, label.strip(), Levers(**settings), pounds)
