from __future__ import annotations

from typing import Any

from django import forms

from hearth.organisation.forms import district_filter


class PeopleSearchForm(forms.Form):
    q = forms.CharField(label="Name", required=False, max_length=100)
    district = district_filter()

    def __init__(self, *args: Any, districts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts  # type: ignore[attr-defined]
