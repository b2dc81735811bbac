from __future__ import annotations

from datetime import date

from hearth.people.matching import SHOW_FROM, Probe, fold, index_keys, probe_keys, score

JAYDEN = Probe("Jayden", "Smith", date(2016, 3, 4), "M", {"nhs": "9434765919"}, ("ST16 2LH",))


def test_names_are_folded_to_latin_capitals():
    assert fold("Zoë O'Brien-Smith") == "ZOE OBRIEN SMITH"
    assert fold("Иван Петров") == "IVAN PETROV"
    assert fold("  d’Arcy  ") == "DARCY"


def test_a_misspelt_name_with_the_same_date_of_birth_is_a_strong_match():
    match = score(Probe("Jaden", "Smtih", date(2016, 3, 4)), JAYDEN)
    assert match.score >= 65 and match.strength == "Strong match"
    assert "Same date of birth" in match.reasons
    assert "Family name spelt nearly the same: Smtih and Smith" in match.reasons
    assert "First name spelt nearly the same: Jaden and Jayden" in match.reasons


def test_a_name_that_sounds_the_same_is_matched():
    match = score(Probe("Jayden", "Smyth", date(2016, 3, 4)), JAYDEN)
    assert any("Smyth and Smith" in r for r in match.reasons)


def test_the_same_nhs_number_outweighs_everything_else():
    match = score(Probe("J", "Brown", None, identifiers={"nhs": "9434765919"}), JAYDEN)
    assert "Same NHS number" in match.reasons and match.score >= 50


def test_a_different_nhs_number_counts_against_a_match():
    same = score(Probe("Jayden", "Smith", date(2016, 3, 4)), JAYDEN).score
    other = score(Probe("Jayden", "Smith", date(2016, 3, 4), identifiers={"nhs": "4010232137"}), JAYDEN).score
    assert other < same


def test_day_and_month_swapped_is_recognised():
    match = score(Probe("Jayden", "Smith", date(2016, 4, 3)), JAYDEN)
    assert "Date of birth with day and month swapped" in match.reasons
    assert f"dob:{date(2016, 3, 4).isoformat()}" in probe_keys(Probe("Jayden", "Smith", date(2016, 4, 3)))


def test_a_previous_family_name_is_matched_and_said_to_be_previous():
    held = Probe("Amelia", "Turner", date(2012, 1, 9), other_family_names=("Okafor",))
    match = score(Probe("Amelia", "Okafor", date(2012, 1, 9)), held)
    assert "Same previous family name" in match.reasons


def test_names_in_another_script_match_their_latin_spelling():
    held = Probe("Ivan", "Petrov", date(2014, 5, 1))
    match = score(Probe("Иван", "Петров", date(2014, 5, 1)), held)
    assert match.score >= 65
    assert index_keys(held) & probe_keys(Probe("Иван", "Петров", None))


def test_apostrophes_and_hyphens_do_not_stop_a_match():
    held = Probe("Siobhan", "O'Brien-Kelly", date(2010, 2, 2))
    assert score(Probe("Siobhan", "OBrien Kelly", date(2010, 2, 2)), held).score >= 65
    assert score(Probe("Siobhán", "O’Brien-Kelly", date(2010, 2, 2)), held).score >= 65


def test_an_unrelated_person_is_not_shown():
    assert score(Probe("Maryam", "Begum", date(2009, 11, 30), "F"), JAYDEN).score < SHOW_FROM


def test_ranking_puts_the_closest_person_first():
    probe = Probe("Jaden", "Smith", date(2016, 3, 4))
    held = {
        "exact": JAYDEN,
        "brother": Probe("Jacob", "Smith", date(2014, 7, 8), "M", postcodes=("ST16 2LH",)),
        "namesake": Probe("Jayden", "Smith", date(2011, 10, 1)),
    }
    ranked = sorted(held, key=lambda k: -score(probe, held[k]).score)
    assert ranked[0] == "exact"


def test_the_index_files_a_person_under_identifiers_date_of_birth_names_and_postcode():
    keys = index_keys(JAYDEN)
    assert {"id:nhs:9434765919", "dob:2016-03-04", "pc:ST16 2LH"} <= keys
    assert any(k.startswith("fn:SM0:") for k in keys) and any(k.startswith("gn:") for k in keys)
