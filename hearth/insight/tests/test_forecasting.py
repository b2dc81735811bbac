from __future__ import annotations

import json
from datetime import date

import pytest

from hearth.insight.forecasting import backtest_report, forecast_report, format_backtest, format_forecast


def test_a_forecast_report_starts_from_the_councils_children_and_prices_the_levers(county, looked_after):
    report = forecast_report(authority_id=county.authority.pk, start=date(2025, 4, 1), years=2, runs=40,
                             levers={"Fewer entrants": {"fewer_entrants": 0.5}},
                             investment={"Fewer entrants": 10_000})  # fmt: skip
    assert json.loads(json.dumps(report)) == report
    assert report["authority"] == "Brackenshire County Council"
    assert report["at_start"]["total"] == 9
    assert report["at_start"]["by_category"]["ifa"] + report["at_start"]["by_category"]["in_house"] == 9
    assert report["unit_costs"]["in_house"] == 18_890.0  # rates start on 1 April 2025: Appendix 4's
    assert report["unit_costs_source"]["in_house"] == "Appendix 4 (no placement open)"
    lever = report["levers"]["Fewer entrants"]
    assert lever["finances"]["total_investment"] == 20_000
    text = format_forecast(report)
    assert (
        "Children looked after by Brackenshire County Council: a forecast from 1 April 2025 for 2 years"
        in text
    )
    assert "31 March 2027" in text and "Foster placement: independent agency" in text
    assert "Scenario: Fewer entrants (50% fewer children come into care)" in text
    assert "Break-even (first year in surplus)" in text


def test_lever_settings_are_checked_by_name(county, looked_after):
    with pytest.raises(ValueError, match="'fewer'"):
        forecast_report(authority_id=county.authority.pk, start=date(2025, 4, 1), years=1, runs=10,
                        levers={"Typo": {"fewer": 0.1}})  # fmt: skip


def test_a_backtest_report_scores_the_forecast_against_the_records(county, looked_after):
    report = backtest_report(authority_id=county.authority.pk, at=date(2025, 1, 1), horizons=(1,), runs=40)
    (horizon,) = report["horizons"]
    assert report["at_start"]["total"] == 12
    assert horizon["on"] == "2025-12-31"
    assert horizon["total"]["actual"] == 9
    assert horizon["total"]["error"] == horizon["total"]["median"] - 9
    text = format_backtest(report)
    assert "Backtest for Brackenshire County Council: a forecast as at 1 January 2025" in text
    assert "1 year" in text and "31 December 2025" in text


def test_the_console_forecasts_with_the_levers_file_and_backtests(county, looked_after):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("model", "forecast", "--start", "2025-04-01", "--years", "2", "--runs", "40", "--authority", "999",
                 "--levers", stdout=out)  # fmt: skip
    text = out.getvalue()
    assert "a forecast from 1 April 2025 for 2 years" in text
    assert "Scenario: Family group conferences for 60% of families" in text and "Break-even" in text
    out = StringIO()
    call_command("model", "backtest", "--at", "2025-04-01", "--horizons", "1", "--runs", "40", "--format", "json",
                 "--authority", "999", stdout=out)  # fmt: skip
    assert json.loads(out.getvalue())["horizons"][0]["years"] == 1


def test_bad_console_input_is_a_clear_error(county, looked_after, tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="years must be"):
        call_command("model", "forecast", "--years", "0", "--authority", "999")
    bad = tmp_path / "levers.toml"
    bad.write_text("[levers.a]\nfewer_entrants_percent = 150\ninvestment_k = 0\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"levers\.a\.fewer_entrants_percent: A percentage from 0 to 100"):
        call_command("model", "forecast", "--authority", "999", "--levers", str(bad))
