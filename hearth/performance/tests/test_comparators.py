from __future__ import annotations

import pytest

from hearth.performance.comparators import comparators, comparators_for, parse
from hearth.performance.indicators import INDICATORS


def test_every_comparator_names_an_indicator_a_year_and_the_seed_line_it_comes_from():
    found = comparators()
    assert set(found) <= set(INDICATORS)
    for key, entries in found.items():
        for c in entries:
            assert c.year and "seed 00" in c.source and "line" in c.source, key
    england = comparators_for("looked-after")[0]
    assert (england.label, england.value, england.unit) == ("England average", 60, "rate")


def test_an_indicator_with_no_published_figure_has_no_comparator():
    assert comparators_for("re-referrals") == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[[nothing]]\nlabel = "A"\nvalue = 1\nunit = "rate"\nyear = "2020"\nsource = "s"',
            "not an indicator",
        ),
        (
            '[[looked-after]]\nlabel = "A"\nvalue = 1\nunit = "percent"\nyear = "2020"\nsource = "s"',
            "is a percent",
        ),
        ('[[looked-after]]\nlabel = "A"\nvalue = 1\nunit = "rate"\nyear = "2020"', "has no source"),
    ],
)
def test_a_comparator_that_does_not_fit_its_indicator_is_refused(text, message):
    with pytest.raises(ValueError, match=message):
        parse(text)
