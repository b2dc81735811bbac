from __future__ import annotations

from hearth.core.charts import Band, Series, bar_chart, line_chart


def test_a_line_chart_is_named_for_screen_readers_and_labels_each_line():
    svg = line_chart(chart_id="c", title="Children looked after", summary="From 1,255 to 829.",
                     x_labels=["March 2020", "March 2021"], series=[Series("Plan", [1185, 1100]), Series("Do nothing", [1220, 1354])],
                     bands=[Band("80% interval", [1000, 1000], [1300, 1400])])  # fmt: skip
    assert svg.startswith("<svg") and 'role="img"' in svg and 'aria-labelledby="c-title c-desc"' in svg
    assert '<title id="c-title">Children looked after</title>' in svg and "From 1,255 to 829." in svg
    assert svg.count("<polyline") == 2 and 'stroke-dasharray="8 4"' in svg  # told apart without colour
    assert ">Plan</text>" in svg and ">Do nothing</text>" in svg and "<polygon" in svg


def test_a_bar_chart_draws_savings_below_the_line():
    svg = bar_chart(chart_id="b", title="Impact", summary="Breaks even in year 3.", x_labels=["1", "2", "3"],
                    values=[5105, 1968, -1315], name="Impact")  # fmt: skip
    assert svg.count("<rect") == 3 and "#00703c" in svg and "#d4351c" in svg


def test_no_data_draws_no_chart():
    assert line_chart(chart_id="c", title="t", summary="s", x_labels=[], series=[]) == ""


def test_bars_run_across_when_their_labels_are_too_long_to_sit_under_them():
    districts = ["Aldermoor", "Brackenford", "Corvel Chase", "Dunmere", "Eastwold", "Fernbridge",
                 "Greystone Moorlands", "Hallow Heath"]  # fmt: skip
    svg = bar_chart(chart_id="d", title="Families by district", summary="Most in Fernbridge.", x_labels=districts,
                    values=[700, 810, 650, 720, 560, 1016, 500, 1093], name="Families", colour="#1d70b8")  # fmt: skip
    assert svg.count("<rect") == 8 and svg.count('fill="#1d70b8"') == 8 and "#d4351c" not in svg
    assert 'text-anchor="end" font-size="12">Greystone Moorlands</text>' in svg  # each label beside its bar
    assert ">1,093</text>" in svg  # and each figure at its bar's end
