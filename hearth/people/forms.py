from __future__ import annotations

from typing import Any

from django import forms

from hearth.organisation.models import District


class PeopleSearchForm(forms.Form):
    q = forms.CharField(label="Name", required=False, max_length=100)
    district = forms.ModelChoiceField(
        label="District",
        queryset=District.objects.none(),
        required=False,
        empty_label="All districts",
        error_messages={"invalid_choice": "Select a district from the list"},
    )

    def __init__(self, *args: Any, districts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts  # type: ignore[attr-defined]
