"""Helpers for filling GOV.UK form patterns in browser tests."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import Page


def fill_date(page: Page, group_name: str, day: date) -> None:
    """Type a date into the day, month and year boxes of the date input named `group_name`."""
    group = page.get_by_role("group", name=group_name, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))
