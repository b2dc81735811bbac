"""The collection year chooser on the Returns page."""

from __future__ import annotations

import re

from django import forms
from django.utils import timezone

from hearth.returns.years import CollectionYear

EARLIEST = 2020
_YEAR = re.compile(r"^(\d{4})(?:\s*[/-]\s*(\d{2}))?$")


class YearForm(forms.Form):
    year = forms.CharField(
        label="Collection year",
        help_text="The year the collection ends, for example 2026 for 1 April 2025 to 31 March 2026",
        max_length=9,
        error_messages={"required": "Enter the collection year, for example 2026"},
    )

    def clean_year(self) -> CollectionYear:
        text = self.cleaned_data["year"].strip()
        found = _YEAR.match(text)
        if not found:
            raise forms.ValidationError(
                "Enter the collection year as the year it ends, like 2026, or as 2025/26"
            )
        start, end = found.groups()
        year = int(start) if end is None else int(start) + 1
        if end is not None and f"{year % 100:02d}" != end:
            raise forms.ValidationError("Enter a collection year of two years in a row, like 2025/26")
        latest = CollectionYear.containing(timezone.localdate()).end_year
        if not EARLIEST <= year <= latest:
            raise forms.ValidationError(f"Enter a collection year from {EARLIEST} to {latest}")
        return CollectionYear(year)
