"""`hearth model seed-case`: the seed paper's case on the console, as text or JSON."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from hearth.model.scenario import seed_case_path


def run(*args: str) -> str:
    out = StringIO()
    call_command("model", *args, stdout=out)
    return out.getvalue()


def test_the_text_shows_every_table_and_the_break_even_year() -> None:
    text = run("seed-case")
    for title in ("Appendix 4", "Appendix 5", "Table 1", "Table 2", "Table 3"):
        assert title in text
    assert text.index("Appendix 4") < text.index("Appendix 5") < text.index("Table 1") < text.index("Table 3")
    assert "Break-even in 2023/24, after 4 years." in text
    assert "Return on Investment: (Surplus)/Deficit           190*  (7,118)" in text
    assert "* table_1.return_on_investment.2019/20: the paper's 190; the rule gives 191." in text


def test_the_json_parses_and_holds_the_tables() -> None:
    case = json.loads(run("seed-case", "--format", "json"))
    assert {
        "appendix_4",
        "appendix_5",
        "table_1",
        "table_2",
        "table_3",
        "break_even",
        "overrides",
    } <= case.keys()
    assert case["break_even"]["year"] == "2023/24"
    rows = {row["key"]: row["values"] for row in case["table_3"]["rows"]}
    assert rows["impact"] == [5_105, 11_197, 5_972, 1_968, -1_315, -2_834, -3_453]
    total = next(row for row in case["appendix_4"]["rows"] if row["key"] == "total")
    assert total["cells"]["march_2026"] == {"children": 829, "cost": 35_627_998}
    gaps = {row["key"]: row["values"] for row in case["appendix_5"]["rows"]}
    assert gaps["gap_high"][-1] == 57.2


def test_another_scenario_file_can_be_given(tmp_path: Path) -> None:
    scenario = tmp_path / "no_grant.toml"
    scenario.write_text(seed_case_path().read_text().replace("grant_k = 6051", "grant_k = 0"))
    case = json.loads(run("seed-case", "--scenario", str(scenario), "--format", "json"))
    rows = {row["key"]: row["values"] for row in case["table_3"]["rows"]}
    assert rows["forecast_overspend"][0] == 10_916  # no grant to set against the quarter 2 overspend
    assert rows["impact"][0] == 190 + 50 + 10_916
    assert case["scenario"]["path"] == str(scenario)


def test_a_bad_scenario_file_is_a_command_error_naming_the_key(tmp_path: Path) -> None:
    scenario = tmp_path / "bad.toml"
    scenario.write_text(seed_case_path().read_text().replace("count = 362", "count = -362"))
    out = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("model", "seed-case", "--scenario", str(scenario), stdout=out)
    assert str(scenario) in str(caught.value)
    assert "placements.independent_fostering.count" in str(caught.value)
    assert "cannot be negative" in str(caught.value)
    assert out.getvalue() == "", "nothing is printed from a scenario that cannot be used"
