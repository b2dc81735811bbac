"""Reading scenario files: every kind of bad input is refused with the file, the key and the problem."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import pytest

from hearth.model.case import build_case
from hearth.model.scenario import CATEGORIES, ScenarioError, load_scenario, seed_case_path

pytestmark: list[pytest.MarkDecorator] = []

SEED = seed_case_path().read_text(encoding="utf-8")


def scenario_with(tmp_path: Path, old: str, new: str, *, count: int = 1) -> Path:
    """The seed case with one change, written to a file of its own."""
    assert SEED.count(old) == count, f"{old!r} is not in the seed case {count} times"
    path = tmp_path / "changed.toml"
    path.write_text(SEED.replace(old, new), encoding="utf-8")
    return path


def refusal(path: Path) -> ScenarioError:
    with pytest.raises(ScenarioError) as caught:
        build_case(load_scenario(path))
    assert str(path) in str(caught.value), "the message names the file"
    return caught.value


def test_the_seed_case_reads_and_declares_every_category_in_the_papers_order() -> None:
    scenario = load_scenario()
    assert [p.key for p in scenario.placements] == list(CATEGORIES)
    assert scenario.years == ("2019/20", "2020/21", "2021/22", "2022/23", "2023/24", "2024/25", "2025/26")
    assert scenario.months_left_in_first_year == 6
    assert scenario.do_nothing.budget_m == Fraction("45.52")  # exactly, not the nearest binary float


def test_the_categories_are_the_care_apps_budget_categories() -> None:
    from hearth.care.codes import CATEGORIES as CARE_CATEGORIES

    assert {code for _, code in CATEGORIES.values()} == {code for code, _ in CARE_CATEGORIES}


def test_a_missing_input_is_named(tmp_path: Path) -> None:
    error = refusal(scenario_with(tmp_path, "q2_forecast_k = 10916\n", ""))
    assert (error.key, error.problem) == ("overspend.q2_forecast_k", "missing")
    assert str(error).endswith("overspend.q2_forecast_k: missing")


def test_a_missing_placement_category_is_named(tmp_path: Path) -> None:
    error = refusal(scenario_with(tmp_path, "[placements.adoptive]\ncount = 30\nunit_cost = 0\n", ""))
    assert error.key == "placements.adoptive"
    assert "missing" in error.problem


def test_a_missing_count_is_named(tmp_path: Path) -> None:
    error = refusal(scenario_with(tmp_path, "count = 362\n", ""))
    assert (error.key, error.problem) == ("placements.independent_fostering.count", "missing")


def test_a_negative_count_is_refused(tmp_path: Path) -> None:
    error = refusal(scenario_with(tmp_path, "count = 362", "count = -362"))
    assert error.key == "placements.independent_fostering.count"
    assert "cannot be negative" in error.problem and "-362" in error.problem


def test_a_negative_target_is_refused(tmp_path: Path) -> None:
    error = refusal(scenario_with(tmp_path, "2024 = 870", "2024 = -870"))
    assert error.key == "demand.children_at_31_march.2024"
    assert "cannot be negative" in error.problem


def test_a_negative_amount_in_a_years_figures_is_refused(tmp_path: Path) -> None:
    error = refusal(scenario_with(tmp_path, "[0, 0, 200, 400", "[0, 0, -200, 400"))
    assert error.key == "savings.workforce_k[2]"
    assert "cannot be negative" in error.problem


def test_a_rate_over_100_percent_is_refused(tmp_path: Path) -> None:
    error = refusal(scenario_with(tmp_path, "high_growth_percent = 11", "high_growth_percent = 110"))
    assert error.key == "do_nothing.high_growth_percent"
    assert "percentage from 0 to 100" in error.problem and "110" in error.problem


def test_a_rate_written_as_a_fraction_is_read_as_a_percentage(tmp_path: Path) -> None:
    # Rates are percentages (ADR 19): 0.11 is 0.11%, not 11%, and the case shows it.
    path = scenario_with(tmp_path, "high_growth_percent = 11", "high_growth_percent = 0.11")
    assert build_case(load_scenario(path)).appendix_5.shown("children_high")[-1] == 1_226


def test_an_unknown_placement_category_is_refused(tmp_path: Path) -> None:
    error = refusal(scenario_with(tmp_path, "[placements.mother_and_baby]", "[placements.kinship_care]"))
    assert error.key == "placements.kinship_care"
    assert "unknown placement category 'kinship_care'" in error.problem
    assert "independent_fostering" in error.problem, "the message lists the categories there are"


def test_an_unknown_category_in_a_rule_is_refused(tmp_path: Path) -> None:
    error = refusal(
        scenario_with(tmp_path, 'taken_from = "independent_fostering"', 'taken_from = "agency_fostering"')
    )
    assert error.key == "rules.hold.taken_from"
    assert "unknown placement category 'agency_fostering'" in error.problem


@pytest.mark.parametrize(
    ("old", "new", "key", "problem"),
    [
        ("count = 362", 'count = "362"', "placements.independent_fostering.count", "must be a whole number, got the text '362'"),
        ("count = 362", "count = 362.5", "placements.independent_fostering.count", "must be a whole number"),
        ("count = 362", "count = true", "placements.independent_fostering.count", "must be a whole number"),
        ("budget_m = 45.52", 'budget_m = "45.5"', "do_nothing.budget_m", "must be a number"),
        ("high_growth_percent = 11", 'high_growth_percent = "11%"', "do_nothing.high_growth_percent", "must be a number"),
        ("as_at = 2019-09-30", 'as_at = "30/09/2019"', "placements.as_at", "must be a date"),
        ("carried_forward_deleted = true", 'carried_forward_deleted = "yes"', "mtfs.carried_forward_deleted",
         "must be true or false"),
        ("[128, 510, 510, 510, 510, 510, 510]", "128", "investment.stabilisation.lines.family_group_conferencing.per_year_k",
         "must be a list"),
        ("[128, 510, 510, 510, 510, 510, 510]", '[128, "510", 510, 510, 510, 510, 510]',
         "investment.stabilisation.lines.family_group_conferencing.per_year_k[1]", "must be a number"),
        ('grant_years = ["2019/20"]', 'grant_years = "2019/20"', "overspend.grant_years", "must be a list"),
    ],
)  # fmt: skip
def test_a_value_of_the_wrong_type_is_refused(
    tmp_path: Path, old: str, new: str, key: str, problem: str
) -> None:
    error = refusal(scenario_with(tmp_path, old, new))
    assert error.key == key
    assert problem in error.problem


def test_a_list_with_the_wrong_number_of_years_is_refused(tmp_path: Path) -> None:
    error = refusal(scenario_with(tmp_path, "[0, 0, 200, 400, 600, 800, 800]", "[0, 0, 200, 400, 600, 800]"))
    assert error.key == "savings.workforce_k"
    assert "must have 7 figures" in error.problem and "got 6" in error.problem


def test_a_misspelt_key_is_refused_rather_than_ignored(tmp_path: Path) -> None:
    error = refusal(scenario_with(tmp_path, "grant_k = 6051", "grant_k = 6051\ngrant_pounds = 6051"))
    assert error.key == "overspend.grant_pounds"
    assert "unknown key" in error.problem


def test_a_grant_year_outside_the_case_is_refused(tmp_path: Path) -> None:
    error = refusal(scenario_with(tmp_path, 'grant_years = ["2019/20"]', 'grant_years = ["2018/19"]'))
    assert error.key == "overspend.grant_years[0]"


def test_targets_must_follow_year_on_year(tmp_path: Path) -> None:
    error = refusal(scenario_with(tmp_path, "2022 = 980, ", ""))
    assert error.key == "demand.children_at_31_march.2023"
    assert "follow one another" in error.problem


def test_a_placement_needs_exactly_one_of_unit_cost_and_current_cost(tmp_path: Path) -> None:
    error = refusal(
        scenario_with(tmp_path, "current_cost = 516948", "current_cost = 516948\nunit_cost = 172316")
    )
    assert error.key == "placements.residential_school.unit_cost"
    assert "exactly one" in error.problem


def test_a_file_that_is_not_toml_is_refused(tmp_path: Path) -> None:
    error = refusal(scenario_with(tmp_path, "count = 362", "count = = 362"))
    assert error.key == ""
    assert "not valid TOML" in error.problem


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match=re.escape(f"{tmp_path / 'none.toml'}: there is no such file")):
        load_scenario(tmp_path / "none.toml")


def test_an_override_the_rule_already_gives_is_refused(tmp_path: Path) -> None:
    error = refusal(scenario_with(tmp_path, "paper = 190", "paper = 191"))
    assert error.key == "overrides[0].paper"
    assert "not needed: the rule already gives 191" in error.problem


def test_an_override_that_names_no_figure_is_refused(tmp_path: Path) -> None:
    error = refusal(
        scenario_with(
            tmp_path, '"table_1.return_on_investment.2019/20"', '"table_1.return_on_investment.2018/19"'
        )
    )
    assert error.key == "overrides[0].figure"
    assert "not a figure of the case" in error.problem


def test_an_override_needs_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "changed.toml"
    path.write_text(
        SEED + '\n[[overrides]]\nfigure = "table_3.impact.2019/20"\npaper = 5106\nreason = "typo"\n'
    )
    error = refusal(path)
    assert error.key == "overrides[2].reason"
    assert "say why" in error.problem
