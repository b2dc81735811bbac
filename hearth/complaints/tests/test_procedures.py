from __future__ import annotations

from datetime import date

import pytest

from hearth.complaints import procedures
from hearth.complaints.procedures import answered_in_time, latest_extension, next_due, stage_rule, step_dues


def statutory(number):
    return stage_rule("statutory", number)


def test_the_procedures_have_the_stages_the_law_and_the_council_set():
    assert [s.label for s in procedures.stages_of("statutory")] == [
        "Stage 1: local resolution", "Stage 2: investigation", "Stage 3: review panel"]  # fmt: skip
    assert [s.number for s in procedures.stages_of("corporate")] == [1, 2]
    assert stage_rule("corporate", 3) is None and stage_rule("statutory", 0) is None
    assert [(s.key, s.working_days) for s in statutory(3).steps] == [
        ("panel", 30),
        ("findings", 5),
        ("response", 15),
    ]
    assert all(step.source for stage in procedures.stages_of("statutory") for step in stage.steps)


def test_stage_1_is_due_10_working_days_after_receipt_not_counting_christmas_and_new_year():
    # Received Monday 22 December 2025: 25, 26 December and 1 January are bank holidays.
    assert step_dues(statutory(1), date(2025, 12, 22), {})["response"] == date(2026, 1, 8)


def test_a_complaint_received_at_the_weekend_counts_from_the_next_working_day():
    assert next_due(statutory(1), date(2025, 12, 20), {}) == date(2026, 1, 8)


def test_stage_1_can_be_extended_to_at_most_20_working_days():
    assert latest_extension(statutory(1), date(2025, 12, 22)) == date(2026, 1, 22)


def test_stage_2_is_due_in_25_working_days_over_easter_and_the_early_may_bank_holiday():
    # 3 and 6 April and 4 May 2026 are bank holidays.
    started = date(2026, 4, 2)
    assert next_due(statutory(2), started, {}) == date(2026, 5, 12)
    assert latest_extension(statutory(2), started) is not None


def test_stage_3_steps_are_counted_from_the_step_before_once_it_is_done():
    started = date(2026, 3, 2)
    planned = step_dues(statutory(3), started, {})
    assert planned == {
        "panel": date(2026, 4, 15),
        "findings": date(2026, 4, 22),
        "response": date(2026, 5, 14),
    }
    assert next_due(statutory(3), started, {}) == date(2026, 4, 15)  # the panel comes first
    held = {"panel": date(2026, 3, 20)}
    assert next_due(statutory(3), started, held) == date(
        2026, 3, 27
    )  # findings 5 working days after the panel
    found = {**held, "findings": date(2026, 3, 26)}
    assert next_due(statutory(3), started, found) == date(2026, 4, 20)  # response 15 after the findings
    assert latest_extension(statutory(3), started) is None


def test_a_response_is_in_time_by_its_due_date_or_a_lawful_extension():
    started = date(2025, 12, 22)
    assert answered_in_time(statutory(1), started, {"response": date(2026, 1, 8)})
    assert not answered_in_time(statutory(1), started, {"response": date(2026, 1, 9)})
    assert answered_in_time(
        statutory(1), started, {"response": date(2026, 1, 20)}, extended_to=date(2026, 1, 22)
    )
    assert not answered_in_time(statutory(1), started, {"response": None})


def test_stage_3_is_in_time_only_when_every_step_was():
    started = date(2026, 3, 2)
    good = {"panel": date(2026, 4, 15), "findings": date(2026, 4, 22), "response": date(2026, 5, 14)}
    assert answered_in_time(statutory(3), started, good)
    assert not answered_in_time(
        statutory(3), started, {**good, "panel": date(2026, 4, 16)}
    )  # the panel was late


def test_a_procedures_file_with_a_step_counted_from_a_later_step_is_refused(tmp_path, monkeypatch):
    bad = tmp_path / "procedures.csv"
    bad.write_text("procedure,stage,stage_name,step,step_name,working_days,extend_to,counted_from,source\n"
                   "x,1,One,response,Response,10,,panel,test\n", encoding="utf-8")  # fmt: skip
    monkeypatch.setattr(procedures, "SOURCE", bad)
    procedures.procedures.cache_clear()
    try:
        with pytest.raises(ValueError, match="counted from 'panel', not an earlier step"):
            procedures.procedures()
    finally:
        monkeypatch.undo()
        procedures.procedures.cache_clear()
