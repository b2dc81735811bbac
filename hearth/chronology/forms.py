from __future__ import annotations

from django import forms

from hearth.chronology.models import EntryKind
from hearth.chronology.selectors import Filters
from hearth.core.fields import DateField


class ChronologyFilterForm(forms.Form):
    kind = forms.MultipleChoiceField(
        label="Type of event", choices=EntryKind.choices, required=False, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select types of event from the list"},
    )  # fmt: skip
    date_from = DateField(label="From", required=False)
    date_to = DateField(label="To", required=False)
    significant = forms.BooleanField(label="Significant events only", required=False)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "The end date must be the same as or after the start date")
        return data

    def filters(self, *, court_ready: bool = False) -> Filters:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return Filters(
            kinds=tuple(data.get("kind") or ()),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            significant_only=bool(data.get("significant")),
            court_ready=court_ready,
        )
