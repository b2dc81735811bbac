from __future__ import annotations

from datetime import date

import pytest

from hearth.care.rules import Row, check_period, reason_new_for

BORN = date(2012, 5, 1)


def row(start, end=None, rne="S", ls="V2", kind="U6", carer="provider:1", rec="", why=""):
    return Row(started_on=start, ended_on=end, reason_new=rne, legal_status=ls, placement_type=kind, carer=carer,
               reason_ceased=rec, change_reason=why)  # fmt: skip


def messages(rows, born=BORN):
    return [m for _, m in check_period(rows, born)]


@pytest.mark.parametrize(
    ("ls", "kind", "carer", "expected"),
    [
        ("C2", "U6", "provider:1", "L"),  # only the legal status
        ("V2", "U6", "provider:2", "P"),  # a new carer
        ("C2", "U6", "provider:2", "B"),  # both (B, as the 903 validator's rules 435 and 436 read it)
        ("V2", "U4", "provider:1", "T"),  # same carer, long-term now
        ("C2", "U4", "provider:1", "U"),  # same carer, new type and legal status
        ("V2", "U6", "provider:1", None),  # nothing changed
    ],
)
def test_the_reason_for_a_new_episode_follows_what_changed(ls, kind, carer, expected):
    assert reason_new_for(row(date(2026, 1, 5)), ls, kind, carer) == expected


def test_a_period_joined_end_to_start_passes():
    rows = [row(date(2026, 1, 5), date(2026, 3, 2), rec="X1"),
            row(date(2026, 3, 2), date(2026, 6, 1), rne="L", ls="C2", rec="X1", why="CARPL"),
            row(date(2026, 6, 1), rne="P", ls="C2", carer="provider:2")]  # fmt: skip
    assert messages(rows) == []


def test_a_gap_between_episodes_is_refused():
    rows = [row(date(2026, 1, 5), date(2026, 3, 2), rec="X1"), row(date(2026, 3, 9), rne="L", ls="C2")]
    assert messages(rows) == ["Episodes cannot leave a gap: the next episode must start on 2 March 2026, the day "
                              "the earlier one ends"]  # fmt: skip


def test_overlapping_episodes_are_refused():
    rows = [row(date(2026, 1, 5), date(2026, 3, 2), rec="X1"), row(date(2026, 2, 1), rne="L", ls="C2")]
    assert "Episodes cannot overlap" in messages(rows)[0]


def test_an_end_before_the_start_is_refused():
    assert messages([row(date(2026, 3, 5), date(2026, 3, 1), rec="E4A")])[0].startswith(
        "An episode cannot end (1 March 2026) before it starts (5 March 2026)"
    )


def test_the_first_episode_must_start_care_and_later_ones_must_fit_the_change():
    assert (
        "must have the reason ‘started to be looked after’" in messages([row(date(2026, 1, 5), rne="P")])[0]
    )
    rows = [
        row(date(2026, 1, 5), date(2026, 3, 2), rec="X1", why="CARPL"),
        row(date(2026, 3, 2), rne="L", carer="provider:2"),
    ]
    assert "The reason for the new episode must be P (change of placement and carer), not L" in messages(rows)


def test_supported_accommodation_is_refused_under_16():
    assert messages([row(date(2026, 1, 5), kind="K3")]) == [
        "Supported accommodation (16 and over) is only for young people aged 16 or over; this child is 13"
    ]
    assert messages([row(date(2028, 5, 1), kind="K3")]) == []  # 16 that day


def test_a_placement_change_needs_a_reason_except_for_temporary_placements():
    moved = [
        row(date(2026, 1, 5), date(2026, 3, 2), rec="X1"),
        row(date(2026, 3, 2), rne="P", carer="provider:2"),
    ]
    assert messages(moved) == ["Select why the placement changed"]
    holiday = [
        row(date(2026, 1, 5), date(2026, 3, 2), rec="X1"),
        row(date(2026, 3, 2), rne="P", kind="T2", carer="x"),
    ]
    assert messages(holiday) == []
    given = [
        row(date(2026, 1, 5), date(2026, 3, 2), rec="X1", why="CARPL"),
        row(date(2026, 3, 2), rne="P", kind="T2", carer="x"),
    ]
    assert messages(given) == ["Do not give a reason for the placement change for a temporary placement"]


def test_custody_is_refused_as_a_reason_for_a_child_under_10():
    rows = [
        row(date(2026, 1, 5), date(2026, 3, 2), rec="X1", why="CUSTOD"),
        row(date(2026, 3, 2), rne="P", carer="p:2"),
    ]
    assert messages(rows, born=date(2018, 1, 1)) == ["A child under 10 cannot go into custody"]


@pytest.mark.parametrize(
    ("kind", "reason", "ok"),
    [("A5", "E11", True), ("U6", "E11", False), ("U3", "E45", True), ("U6", "E45", False), ("U6", "E46", True),
     ("U3", "E46", False), ("U6", "E47", True), ("P1", "E4A", True)],
)  # fmt: skip
def test_the_reason_care_ended_must_fit_the_placement(kind, reason, ok):
    assert (messages([row(date(2026, 1, 5), date(2026, 6, 1), kind=kind, rec=reason)]) == []) is ok


def test_staying_put_is_for_18_year_olds():
    assert messages([row(date(2026, 1, 5), date(2026, 6, 1), rec="E17")]) == ["Staying put is for young people aged 18 "
                                                                              "or over"]  # fmt: skip
    assert messages([row(date(2026, 1, 5), date(2030, 5, 1), rec="E17")]) == []


def test_youth_justice_legal_statuses_are_refused_under_10():
    assert (
        "only for children aged 10 or over"
        in messages([row(date(2026, 1, 5), ls="J1")], born=date(2018, 1, 1))[0]
    )
