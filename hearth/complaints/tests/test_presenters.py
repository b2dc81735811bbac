from __future__ import annotations

from datetime import date

from hearth.complaints.presenters import due_text, is_overdue, stage_label


def test_due_dates_are_told_in_working_days():
    friday = date(2026, 11, 20)
    assert due_text(friday, friday) == "Due today"
    assert due_text(date(2026, 11, 23), friday) == "Due in 1 working day"  # the weekend does not count
    assert due_text(date(2026, 11, 27), friday) == "Due in 5 working days"
    assert due_text(None, friday) == ""


def test_overdue_dates_say_by_how_many_working_days():
    tuesday = date(2026, 11, 24)
    assert due_text(date(2026, 11, 20), tuesday) == "Overdue by 2 working days"
    assert due_text(date(2026, 11, 23), tuesday) == "Overdue by 1 working day"
    assert is_overdue(date(2026, 11, 23), tuesday) and not is_overdue(tuesday, tuesday)


def test_bank_holidays_do_not_count_towards_due_in():
    christmas_eve = date(2025, 12, 24)
    assert due_text(date(2025, 12, 29), christmas_eve) == "Due in 1 working day"


def test_stages_are_named_by_their_procedure():
    assert stage_label("statutory", 2) == "Stage 2: investigation"
    assert stage_label("corporate", 2) == "Stage 2 (review)"
