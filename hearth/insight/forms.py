"""The forecast page's choices."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone

from hearth.core.fields import DateField
from hearth.returns.years import CollectionYear

TREND_CHOICES = (
    ("none", "At the average rate of the reference years"),
    ("held", "At the rate the reference years ended on"),
    ("linear", "Carrying on the reference years’ rise or fall"),
)


def last_april(today: date | None = None) -> date:
    """The start of this financial year."""
    return CollectionYear.containing(today or timezone.localdate()).start


class ForecastForm(forms.Form):
    start = DateField(
        label="Forecast from",
        help_text="1 April, the start of a financial year, for example 1 4 2026",
    )
    years = forms.IntegerField(
        label="Years to forecast", min_value=1, max_value=10,
        error_messages={"required": "Enter how many years to forecast, from 1 to 10",
                        "invalid": "Enter how many years to forecast as a whole number, like 5",
                        "min_value": "Forecast at least 1 year", "max_value": "Forecast 10 years or fewer"},
    )  # fmt: skip
    reference_years = forms.IntegerField(
        label="Years of records to learn the rates from", min_value=1, max_value=6,
        help_text="The years just before the forecast starts",
        error_messages={"required": "Enter how many years of records to use, from 1 to 6",
                        "invalid": "Enter how many years of records to use as a whole number, like 3",
                        "min_value": "Use at least 1 year of records", "max_value": "Use 6 years of records or fewer"},
    )  # fmt: skip
    trend = forms.ChoiceField(
        label="Children coming into care in the forecast", choices=TREND_CHOICES, widget=forms.RadioSelect,
        error_messages={"required": "Choose how many children come into care in the forecast"},
    )  # fmt: skip
    levers = forms.BooleanField(required=False)  # set by the scenarios page, not asked

    @classmethod
    def initial_values(cls) -> dict[str, Any]:
        start = last_april()
        return {
            "start": [start.day, start.month, start.year],
            "years": 5,
            "reference_years": 3,
            "trend": "none",
        }

    def clean_start(self) -> date:
        start: date = self.cleaned_data["start"]
        if start > timezone.localdate():
            raise forms.ValidationError("The forecast must start today or earlier: the records end today")
        if start.year < 2000:
            raise forms.ValidationError("Enter a start from 2000 onwards")
        if (start.month, start.day) != (4, 1):
            # The forecast's years are financial years, shown at each 31 March with their costs.
            raise forms.ValidationError("Start the forecast on 1 April, the start of a financial year")
        return start
