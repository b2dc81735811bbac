from __future__ import annotations

from datetime import date

from hearth.care.stability import Spell, long_term_stable, placements_in_year, three_or_more

ON = date(2026, 3, 31)


def test_three_placements_in_the_year_counts_the_one_open_at_the_start():
    spells = [Spell(date(2024, 1, 1), date(2025, 6, 1), "U6"), Spell(date(2025, 6, 1), date(2025, 12, 1), "U6"),
              Spell(date(2025, 12, 1), None, "K2")]  # fmt: skip
    assert placements_in_year(spells, ON) == 3 and three_or_more(spells, ON)


def test_temporary_placements_and_ones_ended_before_the_year_do_not_count():
    spells = [Spell(date(2023, 1, 1), date(2025, 3, 1), "U6"), Spell(date(2025, 3, 1), date(2025, 8, 1), "U6"),
              Spell(date(2025, 8, 1), date(2025, 8, 8), "T2"), Spell(date(2025, 8, 8), None, "U6")]  # fmt: skip
    assert placements_in_year(spells, ON) == 2


def test_long_term_stability_counts_under_16s_looked_after_two_and_a_half_years():
    stable = [Spell(date(2023, 1, 1), None, "U4")]
    assert (
        long_term_stable(period_start=date(2023, 1, 1), spells=stable, date_of_birth=date(2014, 1, 1), on=ON)
        is True
    )
    moved = [Spell(date(2023, 1, 1), date(2024, 6, 1), "U6"), Spell(date(2024, 6, 1), None, "U4")]
    assert (
        long_term_stable(period_start=date(2023, 1, 1), spells=moved, date_of_birth=date(2014, 1, 1), on=ON)
        is False
    )
    # not counted: in care under 2½ years, or 16 and over
    assert (
        long_term_stable(period_start=date(2024, 1, 1), spells=stable, date_of_birth=date(2014, 1, 1), on=ON)
        is None
    )
    assert (
        long_term_stable(period_start=date(2023, 1, 1), spells=stable, date_of_birth=date(2009, 1, 1), on=ON)
        is None
    )


def test_an_adoption_placement_with_the_foster_carers_keeps_their_time():
    spells = [
        Spell(date(2023, 1, 1), date(2025, 9, 1), "U5", carer="7"),
        Spell(date(2025, 9, 1), None, "A5", carer="7"),
    ]
    assert (
        long_term_stable(period_start=date(2023, 1, 1), spells=spells, date_of_birth=date(2022, 1, 1), on=ON)
        is True
    )
