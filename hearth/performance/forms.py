"""The dashboards' filter: a date range and, optionally, one of the council's districts."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django import forms
from django.utils import timezone

from hearth.casework.timescales import add_months
from hearth.core.fields import DateField
from hearth.performance.periods import LONGEST_RANGE_YEARS, twelve_months_to
from hearth.performance.selectors import districts_for

EARLIEST_YEAR = 2000


class FilterForm(forms.Form):
    start = DateField(label="Start date", help_text="For example, 1 4 2025")
    end = DateField(label="End date", help_text="For example, 31 3 2026")
    district = forms.ChoiceField(
        label="District", required=False,
        error_messages={"invalid_choice": "Choose a district from the list, or all districts"},
    )  # fmt: skip

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["district"]).choices = [("", "All districts")] + [
            (str(pk), name) for pk, name in districts_for(user=user).values_list("pk", "name")
        ]

    @staticmethod
    def initial_values(today: date | None = None) -> dict[str, Any]:
        start, end = twelve_months_to(today or timezone.localdate())
        return {
            "start": [start.day, start.month, start.year],
            "end": [end.day, end.month, end.year],
            "district": "",
        }

    def _not_future_or_too_early(self, name: str, words: str) -> date:
        day: date = self.cleaned_data[name]
        if day > timezone.localdate():
            raise forms.ValidationError(f"{words} must be today or in the past")
        if day.year < EARLIEST_YEAR:
            raise forms.ValidationError(f"{words} must be in {EARLIEST_YEAR} or later")
        return day

    def clean_start(self) -> date:
        return self._not_future_or_too_early("start", "Start date")

    def clean_end(self) -> date:
        return self._not_future_or_too_early("end", "End date")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "End date must be the same as or after the start date")
        elif start and end and end >= add_months(start, 12 * LONGEST_RANGE_YEARS):
            self.add_error("end", f"Choose a range of {LONGEST_RANGE_YEARS} years or less")
        return data

    def district_id(self) -> int | None:
        value = self.cleaned_data.get("district")
        return int(value) if value else None
