from __future__ import annotations

from pathlib import Path

import pytest

from hearth.model.lever_scenarios import load_levers
from hearth.model.scenario import ScenarioError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "levers.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_default_levers_are_the_four_of_the_issue_with_the_seeds_investment() -> None:
    levers = load_levers()
    assert set(levers) == {
        "fewer_entrants",
        "in_house_fostering",
        "special_guardianship",
        "family_group_conferencing",
    }
    fgc = levers["family_group_conferencing"]
    assert (fgc.levers.fgc_coverage, fgc.levers.fgc_effectiveness, fgc.investment) == (0.6, 0.25, 510_000.0)
    assert levers["special_guardianship"].levers.more_sgo == 0.25


def test_an_investment_can_be_given_for_each_year(tmp_path: Path) -> None:
    path = write(tmp_path, "[levers.a]\nfewer_entrants_percent = 5\ninvestment_k = [100, 50, 0, 0, 0]\n")
    assert load_levers(path)["a"].investment == [100_000.0, 50_000.0, 0.0, 0.0, 0.0]


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        ("[levers.a]\nfewer_entrants_percent = 5\n", "levers.a.investment_k", "Missing"),
        (
            "[levers.a]\nfewer_entrants_percent = 150\ninvestment_k = 0\n",
            "levers.a.fewer_entrants_percent",
            "from 0 to 100",
        ),
        ("[levers.a]\nmore_sgo_percent = -5\ninvestment_k = 0\n", "levers.a.more_sgo_percent", "0 or more"),
        ("[levers.a]\nfewer_entrants_percent = 5\ninvestment_k = -1\n", "levers.a.investment_k", "0 or more"),
        (
            "[levers.a]\nfaster_adoption_percent = 5\ninvestment_k = 0\n",
            "levers.a.faster_adoption_percent",
            "Not a lever",
        ),
        (
            "[levers.a]\nfewer_entrants_percent = 'ten'\ninvestment_k = 0\n",
            "levers.a.fewer_entrants_percent",
            "Must be a number",
        ),
        ("[levers.a]\ninvestment_k = 0\n", "levers.a", "Set at least one lever"),
        ("[scenario]\nname = 'x'\n", "levers", "at least one scenario"),
    ],
)
def test_a_bad_levers_file_names_the_file_the_key_and_the_problem(
    tmp_path: Path, text: str, key: str, problem: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ScenarioError) as caught:
        load_levers(path)
    assert caught.value.key == key and problem in caught.value.problem
    assert str(caught.value).startswith(f"{path}: {key}: ")


def test_a_file_that_is_not_toml_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="not valid TOML"):
        load_levers(write(tmp_path, "[levers.a\n"))
