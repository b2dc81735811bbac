"""The forecast of children looked after: fitting, simulating, levers and backtests, on synthetic histories
with known rates (no database)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import numpy as np
import pytest

from hearth.model.backtest import backtest
from hearth.model.fit import fit, fit_entries
from hearth.model.forecast import forecast
from hearth.model.forecast_history import ADULT, CATEGORIES, History, Spell, birthdays, days
from hearth.model.forecast_synthetic import Rates, synthetic_spells
from hearth.model.levers import Levers, finances
from hearth.model.simulate import _binomial, simulate

START = date(2026, 4, 1)
COSTS = {
    "relative_friend": 18_890, "in_house": 18_890, "ifa": 39_613, "homes": 172_316, "parents": 0, "adoptive": 0,
    "independent_living": 42_037, "residential_school": 172_316, "mother_and_baby": 57_610, "other": 172_316,
}  # fmt: skip


def young_and_old_exits() -> np.ndarray:
    hazard = np.full((ADULT, len(CATEGORIES)), 0.02)
    hazard[:5] = 0.05  # under-5s leave faster (adoption, home)
    return hazard


@pytest.fixture(scope="module")
def stationary() -> History:
    """Some 30 entries a month since 2012, leaving at 2% or 5% a month, changing category at 1%."""
    rates = Rates(30, young_and_old_exits(), np.full((ADULT, len(CATEGORIES)), 0.01))
    return History.from_spells(synthetic_spells(rates, start=date(2012, 4, 1), end=date(2028, 4, 1), seed=7))


def upto(history: History, day: date) -> History:
    """The history as it stood on `day`: later spells unknown, later ends not yet happened."""
    known = history.start < np.datetime64(day)
    ended = history.end.copy()
    ended[~np.isnat(ended) & (ended >= np.datetime64(day))] = np.datetime64("NaT")
    return History(child=history.child[known], born=history.born[known], start=history.start[known],
                   end=ended[known], category=history.category[known], period_start=history.period_start[known],
                   as_of=day - timedelta(days=1))  # fmt: skip


def test_spells_join_into_periods_and_a_gap_means_out_of_care():
    born, first = date(2015, 1, 1), date(2020, 1, 1)
    history = History.from_spells([
        Spell(1, born, first, date(2020, 6, 1), "in_house", first),
        Spell(1, born, date(2020, 6, 1), date(2021, 1, 1), "homes", first),
        Spell(1, born, date(2021, 3, 1), None, "ifa", date(2021, 3, 1)),  # back in care after a gap
    ])  # fmt: skip
    assert history.first.tolist() == [True, False, True]
    assert history.last.tolist() == [False, True, True]
    assert history.next_category.tolist() == [CATEGORIES.index("homes"), -1, -1]
    assert history.counts_at(date(2021, 1, 1)).sum() == 1  # left on 1 January: looked after on 31 December
    assert history.counts_at(date(2021, 1, 2)).sum() == 0
    assert history.counts_at(date(2021, 3, 1)).sum() == 0  # came back on 1 March: not yet on 28 February
    assert history.counts_at(date(2021, 3, 2))[CATEGORIES.index("ifa")] == 1


def test_an_unknown_category_is_refused_by_name():
    with pytest.raises(ValueError, match="'foster'"):
        History.from_spells([Spell(1, date(2015, 1, 1), date(2020, 1, 1), None, "foster", date(2020, 1, 1))])


def test_birthdays_of_children_born_on_29_february_fall_on_28_february():
    assert birthdays(days([date(2008, 2, 29)]), 18)[0] == np.datetime64("2026-02-28")


def test_exposure_is_split_at_birthdays_and_counted_in_months():
    born = date(2015, 7, 1)  # 5 on 1 July 2020
    history = History.from_spells([Spell(1, born, date(2020, 1, 1), None, "in_house", date(2020, 1, 1))])
    fitted = fit(history, start=date(2020, 1, 1), end=date(2021, 1, 1))
    in_house = CATEGORIES.index("in_house")
    assert fitted.exposure[4, in_house] == pytest.approx(182 / (365.25 / 12))
    assert fitted.exposure[5, in_house] == pytest.approx(184 / (365.25 / 12))
    assert fitted.exposure.sum() == pytest.approx(366 / (365.25 / 12))


def test_fitted_entry_and_exit_rates_recover_the_true_rates(stationary):
    fitted = fit(stationary, start=date(2020, 4, 1), end=START)
    assert fitted.entries.level == pytest.approx(30, rel=0.05)
    exposure = fitted.exposure
    rate = fitted.exit_rate
    young = (rate[:5] * exposure[:5]).sum() / exposure[:5].sum()
    older = (rate[5:] * exposure[5:]).sum() / exposure[5:].sum()
    assert young == pytest.approx(0.05, rel=0.12)
    assert older == pytest.approx(0.02, rel=0.12)
    moves = (fitted.move_rate * exposure).sum() / exposure.sum()
    assert moves == pytest.approx(0.01, rel=0.12)
    assert np.allclose(fitted.destinations.sum(axis=2), 1.0)
    assert np.all(np.diagonal(fitted.destinations, axis1=1, axis2=2) == 0)


def test_a_trend_and_a_season_in_entries_are_recovered_and_noise_is_not_a_season():
    rng = np.random.default_rng(1)
    months = np.arange(60)
    calendar = (np.datetime64("2021-04", "M").astype(np.int64) + months) % 12
    season = 1 + 0.25 * np.cos(2 * np.pi * calendar / 12)  # January high, July low
    rising = fit_entries(rng.poisson((40 + 0.5 * months) * season), first=date(2021, 4, 1), trend="linear")
    assert rising.slope == pytest.approx(0.5, abs=0.15)
    assert rising.seasonal[0] > 1.12 and rising.seasonal[6] < 0.88
    flat = fit_entries(rng.poisson(np.full(36, 40.0)), first=date(2023, 4, 1))
    assert np.abs(flat.seasonal - 1).max() < 0.1
    assert flat.slope == 0 and flat.level == pytest.approx(40, rel=0.1)
    held = fit_entries(
        rng.poisson(40 + 0.5 * months[:36]), first=date(2023, 4, 1), trend="held", seasonality=False
    )
    assert held.line(np.array([36.0, 100.0])) == pytest.approx([58.0, 58.0], rel=0.1)  # today's level, kept


def test_at_18_every_child_leaves_care():
    """With no exits, moves or entries, the count at each year-end is exactly the children not yet 18."""
    born = [date(2009, 5, 17) + np.timedelta64(37 * i, "D").item() for i in range(80)]
    spells = [Spell(i, b, date(2019, 1, 1), None, "in_house", date(2019, 1, 1)) for i, b in enumerate(born)]
    history = History.from_spells(spells)
    fitted = fit(history, start=date(2023, 4, 1), end=START)
    ages, categories = history.cohort_at(START)
    result = simulate(fitted, cohort_age=ages, cohort_category=categories, start=START, months=60, runs=20)
    adults = birthdays(days(born), 18)
    for year in range(6):
        end = np.datetime64(date(2026 + year, 4, 1))
        assert set(result.totals()[:, 12 * year]) == {int((adults >= end).sum())}
    assert set(result.age_outs.sum(axis=1)) == {
        len(ages) - int((adults >= np.datetime64("2031-04-01")).sum())
    }
    assert result.ages[:, :, ADULT - 1].sum() > 0  # 17-year-olds are counted until they turn 18


def test_intervals_hold_the_median_and_widen_with_the_horizon(stationary):
    summary = forecast(upto(stationary, START), start=START, runs=300).summary()
    widths = []
    for year_end in summary["year_ends"][1:]:
        total = year_end["total"]
        assert total["p95"][0] <= total["p80"][0] <= total["median"] <= total["p80"][1] <= total["p95"][1]
        widths.append(total["p80"][1] - total["p80"][0])
    assert widths[-1] > widths[0]
    assert json.loads(json.dumps(summary)) == summary  # plain numbers and strings only


def test_the_same_seed_gives_the_same_forecast_on_any_number_of_processes(stationary):
    history = upto(stationary, START)
    fitted = fit(history, start=date(2023, 4, 1), end=START)
    ages, categories = history.cohort_at(START)

    def run(seed, workers=1):
        return simulate(fitted, cohort_age=ages, cohort_category=categories, start=START, months=24, runs=250,
                        seed=seed, workers=workers)  # fmt: skip

    first, again, other = run(1), run(1, workers=2), run(2)
    assert np.array_equal(first.counts, again.counts) and np.array_equal(first.entries, again.entries)
    assert not np.array_equal(first.counts, other.counts)


def test_each_lever_moves_the_forecast_the_right_way(stationary):
    levers = {
        "fewer": Levers(fewer_entrants=0.2),
        "in house": Levers(ifa_to_in_house=0.5),
        "sgo": Levers(more_sgo=0.5),
        "fgc": Levers(fgc_coverage=0.5, fgc_effectiveness=0.4),
    }
    result = forecast(upto(stationary, START), start=START, runs=200, unit_costs=COSTS, levers=levers,
                      investment={"fgc": 510_000})  # fmt: skip
    summary = result.summary()
    base = result.baseline
    last = 12 * result.years
    ifa, in_house = CATEGORIES.index("ifa"), CATEGORIES.index("in_house")
    assert np.median(result.scenarios["fewer"].totals()[:, last]) < np.median(base.totals()[:, last]) * 0.9
    assert np.median(result.scenarios["fgc"].totals()[:, last]) < np.median(base.totals()[:, last]) * 0.9
    shifted = result.scenarios["in house"].by_category()[:, last]
    assert np.median(shifted[:, ifa]) < np.median(base.by_category()[:, last, ifa])
    assert np.median(shifted[:, in_house]) > np.median(base.by_category()[:, last, in_house])
    foster = [CATEGORIES.index(c) for c in ("relative_friend", "in_house", "ifa")]
    assert np.median(result.scenarios["sgo"].by_category()[:, last, foster].sum(axis=1)) < np.median(
        base.by_category()[:, last, foster].sum(axis=1)
    )
    for name in levers:
        money = summary["levers"][name]["finances"]
        assert money["total_saving"] > 0, name
    fgc = summary["levers"]["fgc"]["finances"]
    assert fgc["total_investment"] == 5 * 510_000
    assert fgc["roi"] == pytest.approx(
        (fgc["total_saving"] - fgc["total_investment"]) / fgc["total_investment"]
    )


def test_break_even_is_the_first_year_in_surplus_and_payback_the_first_cumulative_surplus():
    baseline = np.full((3, 3), 1_000.0)
    scenario = baseline - np.array([100.0, 300.0, 500.0])
    money = finances(baseline=baseline, scenario=scenario, investment=[200.0, 200.0, 200.0],
                     labels=["2026/27", "2027/28", "2028/29"])  # fmt: skip
    assert [row["net"] for row in money["years"]] == [-100.0, 100.0, 300.0]
    assert [row["cumulative_net"] for row in money["years"]] == [-100.0, 0.0, 300.0]
    assert (money["break_even_year"], money["payback_year"]) == ("2027/28", "2028/29")
    assert money["roi"] == pytest.approx(0.5)


def test_a_backtest_on_a_stationary_history_is_close_and_inside_the_intervals(stationary):
    result = backtest(stationary, at=date(2025, 4, 1), runs=300)
    for horizon in result["horizons"]:
        total = horizon["total"]
        assert abs(total["pct_error"]) < 8, horizon
        assert total["in_95"], horizon
    assert [h["years"] for h in result["horizons"]] == [1, 2]


def test_a_backtest_needs_the_history_to_reach_its_horizon(stationary):
    with pytest.raises(ValueError, match="history ends"):
        backtest(stationary, at=date(2027, 4, 1), horizons=(1, 2), runs=10)


@pytest.mark.parametrize(
    ("make", "name"),
    [
        (lambda h: Levers(fewer_entrants=1.5), "fewer_entrants"),
        (lambda h: Levers(ifa_to_in_house=-0.1), "ifa_to_in_house"),
        (lambda h: Levers(more_sgo=-0.2), "more_sgo"),
        (lambda h: forecast(h, start=START, years=0), "years"),
        (lambda h: forecast(h, start=START, runs=0), "runs"),
        (lambda h: forecast(h, start=START, reference_years=0), "reference_years"),
        (lambda h: forecast(h, start=START, trend="cubic"), "trend"),
        (lambda h: forecast(h, start=START, unit_costs={**COSTS, "ifa": -1.0}), "unit_costs\\['ifa'\\]"),
        (lambda h: forecast(h, start=START, unit_costs={"ifa": 1.0}), "unit_costs"),
        (lambda h: forecast(h, start=START, levers={"x": Levers(fewer_entrants=0.1)}, investment={"x": [1, 2]}),
         "investment"),
        (lambda h: fit(h, start=START, end=date(2025, 1, 1)), "reference window"),
        (lambda h: forecast(upto(h, START), start=date(2026, 5, 1)), "start"),
        (lambda h: fit(h, start=date(2020, 1, 1), end=START, prior_months=-1), "prior_months"),
    ],
)  # fmt: skip
def test_bad_parameters_are_refused_naming_the_parameter(stationary, make, name):
    with pytest.raises(ValueError, match=name):
        make(stationary)


def test_binomial_inversion_matches_the_binomial_distribution():
    rng = np.random.default_rng(3)
    for trials, hazard in ((1, 0.05), (6, 0.3), (400, 0.4)):
        n = np.full(200_000, trials, dtype=np.int32)
        h = np.full(n.size, hazard)
        cell, k, rest = _binomial(n, (-h).astype(np.float32), np.expm1(h).astype(np.float32),
                                  rng.random(n.size, dtype=np.float32), rng)  # fmt: skip
        counts = np.zeros(n.size)
        counts[cell] = k
        p = -np.expm1(-hazard)
        assert counts.mean() == pytest.approx(trials * p, rel=0.02)
        assert counts.var() == pytest.approx(trials * p * (1 - p), rel=0.05)
        assert rest.mean() == pytest.approx(0.5, abs=0.01) and rest.min() >= 0 and rest.max() < 1
